"""The build never deletes what it did not write: sources inside the output, a file or a user's file where
data/ goes, and outputs that overlap the sources are refused with one line, and every byte survives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_here
from shared import tree_digest

GOOD = FIXTURES / "good"


def refused(sources: Path, out: Path, root: Path) -> str:
    """Run a build that must be refused; return its one line, after checking nothing under `root` changed."""
    before = tree_digest(root)
    result = run_here("build_dataset.py", "--sources", str(sources), "--out", str(out), "--no-mentions")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert tree_digest(root) == before
    return line


def test_sources_kept_under_the_outputs_data_folder_are_refused(tmp_path):
    raw = tmp_path / "p" / "data" / "raw"
    shutil.copytree(GOOD, raw)
    assert refused(raw, tmp_path / "p", tmp_path) == (
        f"{raw}: sources folder lies inside {tmp_path / 'p' / 'data'}, which every build replaces whole; "
        "keep sources outside the output's data/ folder; nothing was changed"
    )


@pytest.mark.parametrize(
    "out", [".", "nested/out"], ids=["output is the sources folder", "output inside the sources folder"]
)
def test_an_output_inside_the_sources_folder_is_refused(tmp_path, out):
    sources = tmp_path / "sources"
    shutil.copytree(GOOD, sources)
    line = refused(sources, sources / out, tmp_path)
    assert line == (
        f"{sources / out}: output folder's data/ would lie inside the sources folder {sources}; "
        "choose an --out outside the sources; nothing was changed"
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda data: data.write_text("my notes\n", encoding="utf-8"),
        lambda data: data.symlink_to(data.parent / "elsewhere", target_is_directory=True),
    ],
    ids=["a regular file", "a symbolic link"],
)
def test_something_else_in_the_place_of_data_is_refused(tmp_path, make):
    out = tmp_path / "out"
    (out / "elsewhere").mkdir(parents=True)
    (out / "elsewhere" / "keep.txt").write_text("keep\n", encoding="utf-8")
    make(out / "data")
    line = refused(GOOD, out, tmp_path)
    assert (
        line
        == f"{out / 'data'}: is not a folder written by a build; move it away (the build writes data/ here); nothing was changed"
    )


@pytest.mark.parametrize("extra", ["notes.txt", "turns/notes.txt", "raw/a.txt", "turns/train-00001-of-00002.parquet"])
def test_a_data_folder_holding_files_the_build_did_not_write_is_refused(tmp_path, extra):
    out = tmp_path / "out"
    assert run_here("build_dataset.py", "--sources", str(GOOD), "--out", str(out), "--no-mentions").returncode == 0
    stray = out / "data" / extra
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("mine\n", encoding="utf-8")
    first = out / "data" / Path(extra).parts[0] if extra.startswith("raw/") else stray
    line = refused(GOOD, out, tmp_path)
    assert line == (
        f"{first}: was not written by a build, and a build replaces {out / 'data'} whole; "
        "move it out of that folder first; nothing was changed"
    )


def test_a_data_folder_the_build_wrote_is_replaced(tmp_path):
    out = tmp_path / "out"
    for _ in range(2):
        result = run_here("build_dataset.py", "--sources", str(GOOD), "--out", str(out), "--no-mentions")
        assert result.returncode == 0, result.stderr


def test_every_bad_source_of_a_folder_is_reported_in_one_run(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copyfile(GOOD / "2026-01-15-test-short.txt", sources / "2026-01-15-good.txt")
    for case in ("no-header", "bad-date", "question-without-answer"):
        shutil.copyfile(FIXTURES / "bad" / case / "2026-01-15-test-short.txt", sources / f"2026-01-15-{case}.txt")
    (sources / "orphan.yaml").write_text("outlet: X\n", encoding="utf-8")
    (sources / "old.yml").write_text("outlet: X\n", encoding="utf-8")
    result = run_here("build_dataset.py", "--sources", str(sources), "--out", str(tmp_path / "out"), "--no-mentions")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{sources / 'orphan.yaml'}:1: sidecar without a source text: expected orphan.txt beside it",
        f"{sources / 'old.yml'}:1: sidecars end in .yaml: rename it to old.yaml",
    ]
    (sources / "orphan.yaml").unlink()
    (sources / "old.yml").unlink()
    result = run_here(
        "build_dataset.py", "--sources", str(sources), "--out", str(tmp_path / "out"), "--no-mentions", "--jobs", "2"
    )
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if ": warning: " not in line]
    assert errors == [
        f"{sources / '2026-01-15-bad-date.txt'}:1: header date '2026-02-30' is not a real date in the form YYYY-MM-DD",
        f"{sources / '2026-01-15-no-header.txt'}:1: first line must be the header ' date YYYY-MM-DD <title>'",
        f"{sources / '2026-01-15-question-without-answer.txt'}:8: question without an answer (last turn)",
    ]
    assert not (tmp_path / "out" / "data").exists()
