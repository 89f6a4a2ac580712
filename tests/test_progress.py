"""What a person sees during a build of many sources: warnings summarised by kind, and a bar they do not split."""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from interview_dataset.pipeline.progress import MAX_SHOWN, PROGRESS_MIN_SOURCES

from conftest import FIXTURES, ROOT, TEMPLATE_METADATA, run_here

GOOD = FIXTURES / "good" / "2026-01-15-test-short.txt"
N_SOURCES = PROGRESS_MIN_SOURCES + 2
NO_INTERVIEWEE = "no interviewee found in the sidecar, the labels or the lead: answers have speaker null"


@pytest.fixture
def sources(tmp_path) -> Path:
    """Sources without sidecars: each gets the same kind of warning."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for i in range(N_SOURCES):
        text = GOOD.read_text(encoding="utf-8").replace("Короткое интервью", f"Короткое интервью {i}")
        (folder / f"2026-01-{i:02d}-x.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def out(tmp_path) -> Path:
    """An output folder with its dataset.yaml, so the only warnings are the sources'."""
    folder = tmp_path / "out"
    folder.mkdir()
    shutil.copyfile(TEMPLATE_METADATA, folder / "dataset.yaml")
    return folder


def warning_line(path: Path) -> str:
    return (
        f"{path}:1: warning: no sidecar ({path.stem}.yaml): outlet, url, language, interviewer ids and topics are "
        "null; speakers only where the text names them; " + NO_INTERVIEWEE
    )


def test_more_than_a_few_warnings_of_a_kind_are_counted_in_one_line(sources, out):
    result = run_here("build_dataset.py", "--sources", str(sources), "--out", str(out), "--no-mentions", "--quiet")
    assert result.returncode == 0, result.stderr
    paths = sorted(sources.glob("*.txt"))
    assert result.stderr.splitlines() == [
        *(warning_line(p) for p in paths[:MAX_SHOWN]),
        f"warning: {N_SOURCES - MAX_SHOWN} more source(s) with this warning: no sidecar (<id>.yaml): outlet, url, "
        "language, interviewer ids and topics are null; speakers only where the text names them; "
        f"{NO_INTERVIEWEE} (--verbose shows each)",
    ]


def test_verbose_shows_every_warning(sources, out):
    result = run_here(
        "build_dataset.py", "--sources", str(sources), "--out", str(out), "--no-mentions", "--quiet", "--verbose"
    )
    assert result.stderr.splitlines() == [warning_line(p) for p in sorted(sources.glob("*.txt"))]


def test_on_a_terminal_warnings_do_not_split_the_bar(sources, tmp_path):
    """The build runs on a pseudo-terminal, as in a person's shell: every warning starts its own line, and the
    bar ends complete, on the card phase."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    master, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))  # a new one has no columns
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build_dataset.py"),
            "--sources",
            str(sources),
            "--out",
            str(tmp_path / "out"),
            "--no-mentions",
            "--no-cache",
        ],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
        start_new_session=True,
    )
    os.close(terminal)
    output = b""
    while chunk := _read(master):
        output += chunk
    assert process.wait(timeout=120) == 0, output
    os.close(master)
    screen = output.decode("utf-8").replace("\r\n", "\n")  # the terminal turns each line feed into both
    shown = [line.split("\r")[-1] for line in screen.split("\n") if ": warning: " in line]
    assert shown[:MAX_SHOWN] == [warning_line(p) for p in sorted(sources.glob("*.txt"))[:MAX_SHOWN]]
    final_bar = [part for part in screen.split("\r") if "card" in part][-1]
    assert f"{N_SOURCES + 2}/{N_SOURCES + 2}" in final_bar and "100%" in final_bar


def _read(fd: int) -> bytes:
    """What the terminal shows next; empty once the program has closed it (Linux says EIO then)."""
    try:
        return os.read(fd, 4096)
    except OSError:
        return b""
