"""The build: bad input stops it with one line and leaves data/ as it was; builds are deterministic; --check."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from interview_dataset.pipeline.build import BUILT_FILES
from interview_dataset.pipeline.cache import CACHE_DIR_NAME
from interview_dataset.publish.write import FILE_NAME
from interview_dataset.schema import CONFIGS

from conftest import FIXTURES, ROOT, TEMPLATE_METADATA, run_here
from shared import tree_digest

BAD_CASES = sorted(p.name for p in (FIXTURES / "bad").iterdir())
#: Beside each bad source: `expected-error`, the exact error line of the build (not *.txt: not a source).


@pytest.fixture
def published(built_copy) -> Path:
    """A dataset folder holding a complete earlier build, to check that a failed build leaves it alone."""
    return built_copy


AMBIGUOUS_CASES = sorted(p.name for p in (FIXTURES / "ambiguous").glob("*.txt"))


def _folder_of(case: str, tmp_path: Path) -> Path:
    """A sources folder for a case: a folder of tests/fixtures/bad, or one ambiguous text on its own."""
    if case in AMBIGUOUS_CASES:
        folder = tmp_path / "sources"
        folder.mkdir()
        shutil.copyfile(FIXTURES / "ambiguous" / case, folder / case)
        return folder
    return FIXTURES / "bad" / case


@pytest.mark.parametrize("case", BAD_CASES + AMBIGUOUS_CASES)
def test_bad_source_stops_the_build_with_one_line_and_leaves_data_untouched(published, tmp_path, case):
    before = tree_digest(published)
    folder = _folder_of(case, tmp_path)
    result = run_here("build_dataset.py", "--sources", str(folder), "--out", str(published))
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    path, lineno, message = line.split(":", 2)
    assert Path(path).parent == folder and int(lineno) >= 1 and message.strip()
    if case in BAD_CASES:  # the exact line, as written beside the fixture (file name relative to its folder)
        assert line == f"{folder}/{(folder / 'expected-error').read_text(encoding='utf-8').rstrip(chr(10))}"
    assert "Traceback" not in result.stderr
    assert tree_digest(published) == before
    assert not list(published.glob(".data.tmp-*"))


def test_bad_input_table_has_every_case_of_the_issue():
    expected = {
        "no-header",
        "bad-date",
        "no-turns",
        "question-without-answer",
        "unknown-topic",
        "broken-sidecar-yaml",
        "wrong-encoding",
    }
    assert expected <= set(BAD_CASES)


def test_two_builds_give_byte_identical_files(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copyfile(TEMPLATE_METADATA, tmp_path / name / "dataset.yaml")
        result = run_here("build_dataset.py", "--sources", str(FIXTURES / "good"), "--out", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    published = {name for name in tree_digest(tmp_path / "a") if not name.startswith(CACHE_DIR_NAME)}
    assert published == {f"data/{c}/{FILE_NAME}" for c in CONFIGS} | set(BUILT_FILES) | {"dataset.yaml"}


@pytest.mark.dataset
def test_committed_data_equals_a_fresh_build():
    result = run_here("build_dataset.py", "--check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "stale",
    [
        lambda root: _edit_outlet(sorted((root / "sources").glob("*.yaml"))[0]),
        lambda root: (root / "README.md").write_text(
            (root / "README.md")
            .read_text(encoding="utf-8")
            .replace("| `turn_index` | `int64` |", "| `turn_index` | `int32` |"),
            encoding="utf-8",
        ),
        lambda root: (root / "data" / "turns" / "extra.parquet").write_bytes(b""),
        lambda root: shutil.rmtree(root / "data" / "qa_pairs"),
    ],
    ids=["sources changed", "card edited in a generated block", "stray file", "missing config"],
)
def test_check_fails_when_committed_data_or_card_is_stale(tmp_path, stale):
    for name in ("sources", "data", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("README.md", "dataset.yaml", "croissant.json", "CITATION.cff"):
        shutil.copyfile(ROOT / name, tmp_path / name)
    assert (
        run_here(
            "build_dataset.py", "--check", "--sources", str(tmp_path / "sources"), "--out", str(tmp_path)
        ).returncode
        == 0
    )
    stale(tmp_path)
    result = run_here("build_dataset.py", "--check", "--sources", str(tmp_path / "sources"), "--out", str(tmp_path))
    assert result.returncode == 1
    assert "stale" in result.stderr or "differs" in result.stderr


def _edit_outlet(sidecar: Path) -> None:
    """Change a sidecar's outlet: curated metadata that the data carries."""
    text = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(re.sub(r"^outlet: (.*)$", r"outlet: \1 (edited)", text, count=1, flags=re.M), encoding="utf-8")


def test_hand_written_card_text_survives_a_build(built_copy):
    readme = built_copy / "README.md"
    readme.write_text(
        readme.read_text(encoding="utf-8").replace("## Licence", "## Licence\n\nA note by hand."), encoding="utf-8"
    )
    assert run_here("build_dataset.py", "--out", str(built_copy)).returncode == 0
    assert "## Licence\n\nA note by hand." in readme.read_text(encoding="utf-8")


def test_build_into_a_new_folder_writes_a_loadable_card(tmp_path):
    result = run_here("build_dataset.py", "--sources", str(FIXTURES / "good"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    card = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "config_name: turns" in card and "| `turn_id` |" in card


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder of several interviews in every convention, some without a sidecar (fixtures only)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for source in [
        *(FIXTURES / "next-interview").iterdir(),
        *(FIXTURES / "conventions").iterdir(),
        *(FIXTURES / "good").iterdir(),
    ]:
        shutil.copyfile(source, folder / source.name)
    return folder


def test_corpus_builds_into_three_configs_in_a_stable_order(corpus, tmp_path):
    import pyarrow.parquet as pq

    from interview_dataset.validation.validate import validate_dataset

    result = run_here("build_dataset.py", "--sources", str(corpus), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    interviews = pq.read_table(tmp_path / "out" / "data" / "interviews").column("interview_id").to_pylist()
    assert interviews == sorted(p.stem for p in corpus.glob("*.txt"))
    turns = pq.read_table(tmp_path / "out" / "data" / "turns")
    assert len(set(turns.column("turn_id").to_pylist())) == turns.num_rows
    assert validate_dataset(tmp_path / "out" / "data") == []


def test_source_without_sidecar_builds_with_one_warning_line_and_null_topics(corpus, tmp_path):
    import pyarrow.parquet as pq

    result = run_here("build_dataset.py", "--sources", str(corpus), "--out", str(tmp_path / "out"), "--verbose")
    warnings = [line for line in result.stderr.splitlines() if ":1: warning: " in line]
    without_sidecar = sorted(p for p in corpus.glob("*.txt") if not p.with_suffix(".yaml").exists())
    assert [line.split(":1: warning:")[0] for line in warnings] == [str(p) for p in without_sidecar]
    turns = pq.read_table(tmp_path / "out" / "data" / "turns").to_pylist()
    by_interview = {t["interview_id"]: t for t in turns if t["role"] == "answer"}
    assert by_interview["2026-02-02-dash-em-en"]["speaker"] == "Anna Lee"  # named in the lead
    assert by_interview["2026-02-02-dash-em-en"]["topic"] is None
    assert by_interview["2026-02-07-labels-speaker-en"]["speaker"] == "Smith"  # named by the label


def test_the_same_interview_id_in_two_folders_is_an_error(tmp_path):
    for name in ("a", "b"):
        shutil.copytree(FIXTURES / "good", tmp_path / name)
    result = run_here(
        "build_dataset.py", "--sources", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "out")
    )
    assert result.returncode == 2 and "duplicate interview id '2026-01-15-test-short'" in result.stderr
    assert not (tmp_path / "out" / "data").exists()


def test_the_same_text_under_two_names_is_an_error(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copyfile(FIXTURES / "good" / "2026-01-15-test-short.txt", sources / "2026-01-15-a.txt")
    shutil.copyfile(FIXTURES / "good" / "2026-01-15-test-short.txt", sources / "2026-01-15-b.txt")
    result = run_here("build_dataset.py", "--sources", str(sources), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "2026-01-15-b.txt:1: duplicate interview: the same text as" in result.stderr


def test_parallel_build_gives_the_same_bytes(corpus, tmp_path):
    for jobs in ("1", "2"):
        result = run_here(
            "build_dataset.py",
            "--sources",
            str(corpus),
            "--out",
            str(tmp_path / jobs),
            "--jobs",
            jobs,
            "--quiet",
            "--verbose",
        )
        without_sidecar = [p for p in corpus.glob("*.txt") if not p.with_suffix(".yaml").exists()]
        assert result.returncode == 0 and result.stderr.count(":1: warning:") == len(without_sidecar) > 0
    assert tree_digest(tmp_path / "1") == tree_digest(tmp_path / "2")


def test_parse_step_runs_on_datasets_map_with_two_processes(corpus, tmp_path):
    """The parse step is a pure function per document, so an engine can run it: here datasets.Dataset.map."""
    import datasets
    import pyarrow.parquet as pq

    from interview_dataset.pipeline.engines import source_rows
    from interview_dataset.schema import hf_features

    def parse(batch):
        rows = [row for path in batch["path"] for row in source_rows(path).rows.turns]
        return {name: [row[name] for row in rows] for name in hf_features("turns")}

    paths = datasets.Dataset.from_dict({"path": sorted(str(p) for p in corpus.glob("*.txt"))})
    mapped = paths.map(
        parse, batched=True, batch_size=2, num_proc=2, remove_columns=["path"], features=hf_features("turns")
    )
    assert (
        run_here("build_dataset.py", "--sources", str(corpus), "--out", str(tmp_path / "out"), "--quiet").returncode
        == 0
    )
    assert mapped.to_list() == pq.read_table(tmp_path / "out" / "data" / "turns").to_pylist()
