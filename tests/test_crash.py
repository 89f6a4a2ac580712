"""Crash safety: a build killed at any point leaves data/ as the previous or the new complete build, never a mix.

Builds run as real processes over a corpus big enough to take a second or two. They are killed with SIGKILL at
each named phase of a build (the build's own failpoints, so every phase is reached whatever the machine's
speed) and at times spread over a build's wall time, and interrupted with SIGINT as Ctrl-C does.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from interview_dataset.pipeline.failpoints import FAILPOINTS
from interview_dataset.validation.validate import validate_dataset

from shared import INTERRUPT_POINTS, TIMED_KILLS, build_command, data_digest, make_corpus

#: The phases after which the new build is the published one.
PUBLISHED_AT = {"after-swap", "after-publish"}


def start_build(sources: Path, out: Path, kill_at: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "INTERVIEW_DATASET_KILL_AT": kill_at} if kill_at else None
    return subprocess.Popen(
        build_command(sources, out),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """An old build, the sources of a new one, the new build's digest and its uninterrupted wall time."""
    root = tmp_path_factory.mktemp("crash")
    old_sources = make_corpus(root / "old-sources", 30)
    new_sources = make_corpus(root / "new-sources", 60)
    old = root / "old"
    assert start_build(old_sources, old).wait() == 0
    reference = root / "reference"
    shutil.copytree(old, reference)
    started = time.perf_counter()
    assert start_build(new_sources, reference).wait() == 0
    duration = time.perf_counter() - started
    return {
        "old": old,
        "new_sources": new_sources,
        "old_digest": data_digest(old),
        "new_digest": data_digest(reference),
        "duration": duration,
    }


def _run_and_stop(scenario, tmp_path, fraction: float, sig: int) -> tuple[Path, subprocess.Popen]:
    """A build of the new sources over the old data, sent `sig` at `fraction` of an uninterrupted build's wall
    time. A build that ran faster than that one and ended first is run again with half the delay, so the
    signal always lands in a running build."""
    delay = scenario["duration"] * fraction
    for _ in range(4):
        out = tmp_path / "out"
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(scenario["old"], out)
        process = start_build(scenario["new_sources"], out)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(sig)
            process.wait(timeout=120)
            return out, process
        delay /= 2
    raise AssertionError(f"four builds ended before the signal ({delay * 2:.2f} s): nothing was tested")


def _assert_recovers(scenario, out: Path) -> None:
    """The next build removes whatever a killed one left behind and publishes the new build whole."""
    assert start_build(scenario["new_sources"], out).wait() == 0
    assert not list(out.glob(".data.tmp-*"))
    assert data_digest(out) == scenario["new_digest"]
    metadata = json.loads((out / "croissant.json").read_text(encoding="utf-8"))
    for entry in metadata["distribution"]:
        assert hashlib.sha256((out / entry["contentUrl"]).read_bytes()).hexdigest() == entry["sha256"]


@pytest.mark.parametrize("phase", FAILPOINTS)
def test_sigkill_in_each_phase_leaves_the_old_or_the_new_complete_build(scenario, tmp_path, phase):
    out = tmp_path / "out"
    shutil.copytree(scenario["old"], out)
    process = start_build(scenario["new_sources"], out, kill_at=phase)
    assert process.wait(timeout=120) == -signal.SIGKILL
    expected = scenario["new_digest"] if phase in PUBLISHED_AT else scenario["old_digest"]
    assert data_digest(out) == expected
    assert validate_dataset(out / "data") == []
    _assert_recovers(scenario, out)


@pytest.mark.parametrize("fraction", TIMED_KILLS)
def test_sigkill_at_any_time_leaves_the_old_or_the_new_complete_build(scenario, tmp_path, fraction):
    out, process = _run_and_stop(scenario, tmp_path, fraction, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    assert data_digest(out) in {scenario["old_digest"], scenario["new_digest"]}
    assert validate_dataset(out / "data") == []
    _assert_recovers(scenario, out)


@pytest.mark.parametrize("fraction", INTERRUPT_POINTS)
def test_ctrl_c_leaves_no_temporary_files_and_no_traceback(scenario, tmp_path, fraction):
    out, process = _run_and_stop(scenario, tmp_path, fraction, signal.SIGINT)
    stderr = process.stderr.read()
    # 130: interrupted and cleaned up; -SIGINT: the signal came while Python was still starting, before it turns
    # SIGINT into KeyboardInterrupt (the build had not begun).
    assert process.returncode in (130, -signal.SIGINT), stderr
    assert "Traceback" not in stderr
    if process.returncode == 130:
        assert stderr.endswith(
            "interrupted; data/ holds a complete build, the previous or (if the swap was done) the new one\n"
        )
    assert not list(out.glob(".data.tmp-*"))
    assert data_digest(out) in {scenario["old_digest"], scenario["new_digest"]}
