"""Hostile sources, run as a user would under a memory and a time limit: one line, exit status 2, no traceback."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from shared import BOMB, build_command

#: Address space allowed to a build of a hostile source: what a build of the seed needs, with room to spare,
#: and far below what an alias bomb or a deep recursion would take.
MEMORY_LIMIT = 3 * 2**30
TIME_LIMIT = 60
GOOD = FIXTURES / "good" / "2026-01-15-test-short.txt"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def build_under_limits(sources: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        build_command(sources, out),
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limit_memory,
    )


def _sidecar(text: str):
    def make(folder: Path) -> Path:
        shutil.copyfile(GOOD, folder / "a.txt")
        (folder / "a.yaml").write_text(text, encoding="utf-8")
        return folder / "a.yaml"

    return make


def _text(text: str, name: str = "a.txt"):
    def make(folder: Path) -> Path:
        (folder / name).write_text(text, encoding="utf-8")
        return folder / name

    return make


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "a.txt")
    return folder / "a.txt"


HOSTILE = {
    "alias bomb": (_sidecar(BOMB), 2, "YAML alias *a: sidecars may not use aliases; write the value out"),
    "nesting 500 deep": (_sidecar("outlet: " + "[" * 500 + "]" * 500 + "\n"), 1, "nested more than 8 levels deep"),
    "control characters in a value": (
        _sidecar('outlet: "BAQ\\0\\x1b[31mRED\\x7f"\n'),
        1,
        "control character U+0000 in 'outlet'",
    ),
    "NEL in the text": (
        _text(" date 2026-01-15 T\nЛид.\n- Вопрос?\u0085- Ответ.\n"),
        3,
        "control character U+0085; use a plain line break (or remove it) and save again",
    ),
    "a newline in a file name": (
        _text(GOOD.read_text(encoding="utf-8"), "a\n.txt"),
        1,
        "file name must be a lowercase slug (letters a-z, digits, single hyphens) ending in .txt",
    ),
    "a FIFO named like a source": (_fifo, 1, "is not a regular file"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_source_gets_one_line_under_memory_and_time_limits(tmp_path, case):
    make, line, message = HOSTILE[case]
    sources = tmp_path / "sources"
    sources.mkdir()
    path = make(sources)
    result = build_under_limits(sources, tmp_path / "out")
    shown = str(path).replace("\n", "\\n")  # a newline in a name is escaped: one error, one line
    assert (result.returncode, result.stderr) == (2, f"{shown}:{line}: {message}\n")
    assert not (tmp_path / "out" / "data").exists()


def test_a_full_disk_names_the_file_and_keeps_the_old_build(tmp_path):
    """A file size limit stands in for a full disk: both fail the build's writes with an OSError."""
    from shared import tree_digest

    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build_dataset.py"),
            "--sources",
            str(FIXTURES / "good"),
            "--out",
            str(out),
            "--no-mentions",
            "--no-cache",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    before = tree_digest(out)

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # as on a full disk: the write fails, the process lives
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [sys.executable, str(ROOT / "build_dataset.py"), "--out", str(out), "--no-mentions", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=small_files,
    )
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    staged, message = line.split(": ", 1)
    assert Path(staged).parent.parent.parent == out and Path(staged).name == "train-00000-of-00001.parquet"
    assert message == "cannot write (File too large); nothing was changed"
    assert tree_digest(out) == before
