"""The build: bad input stops it with one line and leaves data/ as it was; builds are deterministic; --check."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run

BAD_CASES = sorted(p.name for p in (FIXTURES / "bad").iterdir())


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def published(built_copy) -> Path:
    """A dataset folder holding a complete earlier build, to check that a failed build leaves it alone."""
    return built_copy


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_source_stops_the_build_with_one_line_and_leaves_data_untouched(published, case):
    before = tree_digest(published)
    result = run("build_dataset.py", "--sources", str(FIXTURES / "bad" / case), "--out", str(published))
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    path, lineno, message = line.split(":", 2)
    assert Path(path).parent == FIXTURES / "bad" / case and int(lineno) >= 1 and message.strip()
    assert "Traceback" not in result.stderr
    assert tree_digest(published) == before
    assert not list(published.glob(".data.tmp-*"))


def test_bad_input_table_has_every_case_of_the_issue():
    expected = {"no-header", "bad-date", "no-turns", "question-without-answer", "unknown-topic", "broken-sidecar-yaml", "wrong-encoding"}
    assert expected <= set(BAD_CASES)


def test_two_builds_give_byte_identical_files(tmp_path):
    for name in ("a", "b"):
        result = run("build_dataset.py", "--out", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert len(tree_digest(tmp_path / "a")) == 4  # three Parquet files and the card


def test_committed_data_equals_a_fresh_build():
    result = run("build_dataset.py", "--check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "stale",
    [
        lambda root: (root / "sources" / "2025-12-26-baq-kz-kuspan.yaml").write_text(
            (root / "sources" / "2025-12-26-baq-kz-kuspan.yaml").read_text(encoding="utf-8").replace("trade-investment", "energy-resources"),
            encoding="utf-8"),
        lambda root: (root / "README.md").write_text(
            (root / "README.md").read_text(encoding="utf-8").replace("| `turn_index` | `int64` |", "| `turn_index` | `int32` |"), encoding="utf-8"),
        lambda root: (root / "data" / "turns" / "extra.parquet").write_bytes(b""),
        lambda root: shutil.rmtree(root / "data" / "qa_pairs"),
    ],
    ids=["sources changed", "card edited in a generated block", "stray file", "missing config"],
)
def test_check_fails_when_committed_data_or_card_is_stale(tmp_path, stale):
    for name in ("sources", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copyfile(ROOT / "README.md", tmp_path / "README.md")
    stale(tmp_path)
    result = run("build_dataset.py", "--check", "--sources", str(tmp_path / "sources"), "--out", str(tmp_path))
    assert result.returncode == 1
    assert "stale" in result.stderr or "differs" in result.stderr


def test_hand_written_card_text_survives_a_build(built_copy):
    readme = built_copy / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("## Licence", "## Licence\n\nA note by hand."), encoding="utf-8")
    assert run("build_dataset.py", "--out", str(built_copy)).returncode == 0
    assert "## Licence\n\nA note by hand." in readme.read_text(encoding="utf-8")


def test_build_into_a_new_folder_writes_a_loadable_card(tmp_path):
    result = run("build_dataset.py", "--sources", str(FIXTURES / "good"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    card = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "config_name: turns" in card and "| `turn_id` |" in card
