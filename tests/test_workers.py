"""Worker processes of `--jobs N` die with their build: killed, terminated or interrupted, no worker survives,
the lock is free at once, and an interrupted build says one line."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from shared import TIMED_DELAYS, TIMED_SIGNALS, build_command, data_digest, make_corpus

#: Seconds to wait for processes to go; far longer than they need, short enough to fail a hang quickly.
GRACE = 60
#: Signals sent to a running `--jobs 2` build, and seconds after its start at which they are sent.


def build_processes(mark: str) -> list[int]:
    """Pids of live processes started for one build: the build passes its environment on to its workers."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"INTERVIEW_DATASET_TEST_RUN={mark}".encode() in environ.split(b"\0") and state != "Z":
            pids.append(int(entry.name))
    return pids


def wait_until_gone(mark: str) -> list[int]:
    deadline = time.monotonic() + GRACE
    while (alive := build_processes(mark)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("jobs") / "sources", 40)


@pytest.fixture(scope="module")
def reference(sources, tmp_path_factory) -> str:
    """The data of an uninterrupted build of the same sources: what every rebuild must publish."""
    out = tmp_path_factory.mktemp("reference") / "out"
    rebuild_succeeds(sources, out)
    return data_digest(out)


def start(sources: Path, out: Path, mark: str, **env: str) -> subprocess.Popen:
    """A `--jobs 2` build in a process group of its own, as a terminal starts a command."""
    return subprocess.Popen(
        build_command(sources, out, "--jobs", "2"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "INTERVIEW_DATASET_TEST_RUN": mark, **env},
        process_group=0,
    )


def start_paused(sources: Path, out: Path, mark: str) -> subprocess.Popen:
    """A build stopped in the middle of parsing, with both workers alive."""
    process = start(sources, out, mark, INTERVIEW_DATASET_PAUSE_AT="mid-write")
    assert process.stderr.readline() == "paused at mid-write\n"
    assert len(build_processes(mark)) >= 3  # the build and its two workers
    return process


def rebuild_succeeds(sources: Path, out: Path) -> None:
    result = subprocess.run(
        build_command(sources, out),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert not list(out.glob(".data.tmp-*"))


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 128 + signal.SIGTERM)])
def test_interrupt_or_terminate_mid_parse_ends_the_workers_with_one_line(sources, tmp_path, sig, code):
    mark = uuid.uuid4().hex
    process = start_paused(sources, tmp_path / "out", mark)
    process.send_signal(sig)
    assert process.wait(timeout=GRACE) == code
    assert (
        process.stderr.read()
        == "interrupted; data/ holds a complete build, the previous or (if the swap was done) the new one\n"
    )
    assert wait_until_gone(mark) == []
    assert not (tmp_path / "out" / "data").exists()
    rebuild_succeeds(sources, tmp_path / "out")


def test_ctrl_c_to_the_whole_process_group_prints_no_worker_traceback(sources, tmp_path):
    """A terminal's Ctrl-C reaches the build and its workers alike."""
    mark = uuid.uuid4().hex
    process = start(sources, tmp_path / "out", mark, INTERVIEW_DATASET_PAUSE_AT="mid-write")
    assert process.stderr.readline() == "paused at mid-write\n"
    os.killpg(process.pid, signal.SIGINT)
    os.killpg(process.pid, signal.SIGINT)  # a second Ctrl-C must not break the cleanup the first started
    assert process.wait(timeout=GRACE) == 130
    stderr = process.stderr.read()
    assert "Traceback" not in stderr and stderr.count("\n") == 1, stderr
    assert wait_until_gone(mark) == []


def test_sigkill_of_the_build_kills_its_workers_and_frees_the_lock(sources, tmp_path):
    mark = uuid.uuid4().hex
    process = start_paused(sources, tmp_path / "out", mark)
    process.kill()
    assert process.wait(timeout=GRACE) == -signal.SIGKILL
    assert wait_until_gone(mark) == []
    rebuild_succeeds(sources, tmp_path / "out")


@pytest.mark.parametrize("sig", TIMED_SIGNALS)
@pytest.mark.parametrize("delay", TIMED_DELAYS)
def test_a_jobs_build_stopped_at_any_time_leaves_no_process_and_a_complete_build(
    sources, reference, tmp_path, sig, delay
):
    out = tmp_path / "out"
    for _ in range(4):  # a build that ended before the signal is run again with half the delay
        mark = uuid.uuid4().hex
        shutil.rmtree(out, ignore_errors=True)
        process = start(sources, out, mark)
        time.sleep(delay)
        if process.poll() is None:
            break
        delay /= 2
    else:
        raise AssertionError("four builds ended before the signal: nothing was tested")
    process.send_signal(sig)
    process.wait(timeout=GRACE)
    assert "Traceback" not in process.stderr.read()
    assert wait_until_gone(mark) == []
    rebuild_succeeds(sources, out)
    assert data_digest(out) == reference
