"""CI for users: the pre-commit hook's entry point runs, and the workflow runs the project's own CI script."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import yaml

from conftest import ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
PARQUET = sorted(str(p) for p in (ROOT / "data").rglob("*.parquet"))


def run_hook(files: list[str], cwd: Path, hook_id: str = "interview-dataset-validate") -> subprocess.CompletedProcess:
    """Run a hook as pre-commit would: its entry, with the matching staged files appended if it takes them."""
    (hook,) = [h for h in HOOKS if h["id"] == hook_id]
    program, *args = shlex.split(hook["entry"])
    if not hook["pass_filenames"]:
        files = []
    executable = shutil.which(program, path=str(Path(sys.executable).parent))
    assert executable, f"{program} is not installed beside {sys.executable}"
    return subprocess.run([executable, *args, *files], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_hook_passes_the_committed_parquet_files(tmp_path):
    (hook,) = [h for h in HOOKS if h["id"] == "interview-dataset-validate"]
    assert hook["language"] == "python" and hook["pass_filenames"]
    assert all(__import__("re").search(hook["files"], f) for f in PARQUET)
    result = run_hook(PARQUET, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hook_fails_on_a_damaged_file(tmp_path):
    bad = tmp_path / "turns" / "train-00000-of-00001.parquet"
    bad.parent.mkdir()
    table = pq.read_table(ROOT / "data" / "turns")
    pq.write_table(table.drop_columns(["topic"]), bad)
    result = run_hook([str(bad)], tmp_path)
    assert result.returncode == 1 and "[column-missing]" in result.stdout


def test_folder_hook_checks_the_data_folder_across_configs(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    assert run_hook(PARQUET, tmp_path, "interview-dataset-validate-folder").returncode == 0
    path = tmp_path / "data" / "qa_pairs" / "train-00000-of-00001.parquet"
    table = pq.read_table(path)
    pq.write_table(table.slice(1), path)  # a pair goes missing: only the check across configs sees it
    assert run_hook([str(path)], tmp_path).returncode == 0
    result = run_hook([str(path)], tmp_path, "interview-dataset-validate-folder")
    assert result.returncode == 1 and "[pair-missing]" in result.stdout


def test_workflow_runs_the_same_checks_as_ci():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = [step.get("run") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "bash .ci/run" in steps


def test_per_file_hook_passes_a_single_file_and_says_it_checked_part(tmp_path):
    (turns,) = [f for f in PARQUET if "/turns/" in f]
    result = run_hook([turns], tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"{turns}: warning: checks across configs did not run: no checkable file of "
        "qa_pairs, interviews, entities [cross-config-skipped]"
    ]
    assert result.stderr.splitlines() == [
        "partly checked, no problem found in what was checked (1 warning(s)); the checks across configs did not run"
    ]


def test_folder_hook_fails_a_partial_folder(tmp_path):
    shutil.copytree(ROOT / "data" / "turns", tmp_path / "turns")
    (hook,) = [h for h in HOOKS if h["id"] == "interview-dataset-validate-folder"]
    program, *args = shlex.split(hook["entry"])
    executable = shutil.which(program, path=str(Path(sys.executable).parent))
    result = subprocess.run([executable, *args, "turns"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "turns: checks across configs did not run: no checkable file of qa_pairs, "
        "interviews, entities [cross-config-skipped]"
    ]
