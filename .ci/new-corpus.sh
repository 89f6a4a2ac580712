#!/usr/bin/env bash
# CI: a corpus of one's own, from a non-editable install (so from what the wheel ships): `interview-dataset init`,
# build, validate and --check in an empty folder outside this repository; its CITATION.cff passes cffconvert.
# Usage: .ci/new-corpus.sh [PYTHON]   (default: the .venv that .ci/run made)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
python=${1:-$repo/.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$python" -m pip install -q --no-deps --target "$work/site" "$repo"
cd "$work"
run() { PYTHONPATH="$work/site" "$python" -m interview_dataset "$@"; }
run init corpus
run build --sources corpus/sources --out corpus --quiet
run validate corpus/data
run build --sources corpus/sources --out corpus --check

cffconvert=${CFFCONVERT:-}
if [ -z "$cffconvert" ]; then  # cffconvert pins jsonschema<4: its own environment (.ci/run shares one)
  python3 -m venv "$work/cff" && "$work/cff/bin/pip" install -q cffconvert==2.0.0
  cffconvert="$work/cff/bin/cffconvert"
fi
"$cffconvert" --validate -i corpus/CITATION.cff
echo "a new corpus builds, validates and passes --check"
