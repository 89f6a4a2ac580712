"""Shared fixtures: the repository's paths, a fresh build of the seed interview, and a way to run the commands."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

import build_dataset
from interview_dataset import cli
from interview_dataset.files import TEMPLATES
from interview_dataset.pipeline.build import build

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SEED = ROOT / "sources" / "2025-12-26-baq-kz-kuspan.txt"
#: The dataset.yaml that `interview-dataset init` writes: metadata for fixture corpora that names nobody real.
TEMPLATE_METADATA = TEMPLATES / "dataset.yaml"

# CI runs the same generated examples every time (a red CI is then a real failure, reproducible by anyone);
# a developer's run draws new ones. HYPOTHESIS_PROFILE=ci reproduces CI's run.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A dataset folder built from the seed interview alone, with the repository's card and dataset.yaml: the
    same rows whatever interviews join sources/ later (the repository's own data/ is never touched)."""
    sources = tmp_path_factory.mktemp("seed")
    for path in (SEED, SEED.with_suffix(".yaml")):
        shutil.copyfile(path, sources / path.name)
    out = tmp_path_factory.mktemp("built")
    for name in ("README.md", "dataset.yaml"):
        shutil.copyfile(ROOT / name, out / name)
    build(sources, out, warn=lambda line: None)
    return out


@pytest.fixture
def built_copy(built, tmp_path) -> Path:
    """A private copy of the built dataset folder, for tests that damage or rebuild it."""
    shutil.copytree(built, tmp_path / "ds")
    return tmp_path / "ds"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run a command of the project in a subprocess, as a user would, and capture its output."""
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def run_here(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """What `run(*args)` gives, for "build_dataset.py ..." and "-m interview_dataset ...", from the same entry
    point called in this process: the same parsing, handlers and output, without starting Python and loading
    the models again. For tests where only the output, the exit status and the files matter."""
    if args[0] == "build_dataset.py":
        entry, argv = build_dataset.main, list(args[1:])
    else:
        assert args[:2] == ("-m", "interview_dataset"), args
        entry, argv = cli.main, list(args[2:])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = entry(argv)
        except SystemExit as exit:  # argparse's usage errors
            status = exit.code if isinstance(exit.code, int) else 2
    return subprocess.CompletedProcess(args, status, out.getvalue(), err.getvalue())
