#!/usr/bin/env bash
# CI: CONTRIBUTING.md's "Add the next interview" steps, followed as written, in a throwaway clone of this commit:
# add a fixture interview to sources/, rebuild, update the expectations, commit exactly what CONTRIBUTING.md says to
# commit, and then the tree must be clean and the tests of the published dataset (`pytest -m dataset`) and `--check`
# must pass.
# Usage: .ci/next-interview.sh [PYTHON]   (default: the .venv that .ci/run made; any with the [test] extra)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
python=${1:-$repo/.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git clone -q "$repo" "$work/clone"
cd "$work/clone"
export PYTHONPATH="$work/clone/src"   # the clone's code, whatever the venv has installed in editable mode

echo "-- steps 1-2: the text and its sidecar into sources/"
cp tests/fixtures/next-interview/*.txt tests/fixtures/next-interview/*.yaml sources/
echo "-- step 3: rebuild"
"$python" build_dataset.py --quiet
echo "-- step 4: rewrite the expectations; the diff adds the new interview and changes nothing else"
"$python" tests/expectations.py
id=$(basename tests/fixtures/next-interview/*.txt .txt)
git diff --unified=0 tests/dataset_expectations.yaml | grep '^-[^-]' | grep -v -e '^-rows:' -e '^-mentions:' \
  && { echo "the expectations lost or changed figures of the published interviews"; exit 1; }
grep -q "^  $id:" tests/dataset_expectations.yaml || { echo "no entities of $id in the expectations"; exit 1; }
echo "-- step 5: the tests that read the published dataset, and --check; then commit what CONTRIBUTING.md says"
"$python" -m pytest -q -p no:cacheprovider -m dataset
"$python" build_dataset.py --check
git add sources data README.md croissant.json CITATION.cff assets tests/dataset_expectations.yaml
git -c user.name=ci -c user.email=ci@localhost commit -qm "Add the next interview: $id"
left=$(git status --porcelain --untracked-files=all)
if [ -n "$left" ]; then echo "files CONTRIBUTING.md does not say to commit changed:"; echo "$left"; exit 1; fi
echo "the next interview was added as CONTRIBUTING.md says"
