"""Crash safety: a build killed at any point leaves data/ as the previous or the new complete build, never a mix.

Builds run as real processes over a corpus big enough to take a second or two; they are killed with SIGKILL
(or interrupted with SIGINT, as Ctrl-C does) at points spread from start-up to after the swap.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from interview_dataset.validate import validate_dataset

#: Fractions of an uninterrupted build's wall time at which builds are killed; the README quotes the count.
KILL_POINTS = [0.15, 0.3, 0.45, 0.55, 0.65, 0.72, 0.8, 0.86, 0.92, 0.97, 1.05, 1.3]
INTERRUPT_POINTS = [0.4, 0.7, 0.9]


def data_digest(out: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((out / "data").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(out)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def make_corpus(folder: Path, n: int) -> Path:
    """n distinct interviews made from the seed (each with its own title, so no two texts are equal)."""
    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    sidecar = SEED.with_suffix(".yaml").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    for i in range(n):
        stem = f"2025-12-26-copy-{i:04d}"
        (folder / f"{stem}.txt").write_text(f"{header} ({i})\n{rest}", encoding="utf-8")
        (folder / f"{stem}.yaml").write_text(sidecar, encoding="utf-8")
    return folder


def start_build(sources: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "build_dataset.py"), "--sources", str(sources), "--out", str(out), "--quiet", "--no-mentions"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """An old build, the sources of a new one, the new build's digest and its uninterrupted wall time."""
    root = tmp_path_factory.mktemp("crash")
    old_sources = make_corpus(root / "old-sources", 150)
    new_sources = make_corpus(root / "new-sources", 200)
    old = root / "old"
    assert start_build(old_sources, old).wait() == 0
    reference = root / "reference"
    shutil.copytree(old, reference)
    started = time.perf_counter()
    assert start_build(new_sources, reference).wait() == 0
    duration = time.perf_counter() - started
    return {"old": old, "new_sources": new_sources, "old_digest": data_digest(old), "new_digest": data_digest(reference), "duration": duration}


def _run_and_stop(scenario, tmp_path, fraction: float, sig: int) -> tuple[Path, subprocess.Popen]:
    out = tmp_path / "out"
    shutil.copytree(scenario["old"], out)
    process = start_build(scenario["new_sources"], out)
    time.sleep(scenario["duration"] * fraction)
    process.send_signal(sig)
    process.wait(timeout=120)
    return out, process


@pytest.mark.parametrize("fraction", KILL_POINTS)
def test_sigkill_leaves_the_old_or_the_new_complete_build(scenario, tmp_path, fraction):
    out, _ = _run_and_stop(scenario, tmp_path, fraction, signal.SIGKILL)
    assert data_digest(out) in {scenario["old_digest"], scenario["new_digest"]}
    assert validate_dataset(out / "data") == []
    # A killed build may leave its staging folder; the next build removes it and publishes normally.
    assert start_build(scenario["new_sources"], out).wait() == 0
    assert not list(out.glob(".data.tmp-*"))
    assert data_digest(out) == scenario["new_digest"]


@pytest.mark.parametrize("fraction", INTERRUPT_POINTS)
def test_ctrl_c_leaves_no_temporary_files_and_no_traceback(scenario, tmp_path, fraction):
    out, process = _run_and_stop(scenario, tmp_path, fraction, signal.SIGINT)
    stderr = process.stderr.read()
    # 130: interrupted and cleaned up; 0: it had finished; -SIGINT: the signal came during interpreter exit,
    # after the build had finished, when Python no longer turns it into KeyboardInterrupt.
    assert process.returncode in (0, 130, -signal.SIGINT), stderr
    assert "Traceback" not in stderr
    if process.returncode == 130:
        assert "interrupted; data/ holds a complete build" in stderr
    assert not list(out.glob(".data.tmp-*")) and not list(out.glob(".README.md.*"))
    assert data_digest(out) in {scenario["old_digest"], scenario["new_digest"]}
