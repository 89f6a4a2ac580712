"""The command line: documented in the README, thin over the library, usage errors without tracebacks."""

from __future__ import annotations

import argparse
import re

import pytest

from conftest import ROOT, run
from interview_dataset.cli import build_parser


def _options(parser) -> set[str]:
    options = {o for action in parser._actions for o in action.option_strings if o.startswith("--")}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                options |= _options(sub)
    return options - {"--help", "--version"}


def test_every_command_line_option_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = {option for option in _options(build_parser()) if option not in readme}
    assert not missing


def test_readme_quick_start_is_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start.*?```bash\n(.*?)```", readme, re.S).group(1)
    assert block.strip().splitlines() == ['pip install -e ".[test]" -c constraints.txt && python build_dataset.py', "pytest"]


def test_ci_runs_the_quick_start_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -q -e ".[test]" -c constraints.txt' in ci
    assert "\npython build_dataset.py\n" in ci and "\npytest\n" in ci


@pytest.mark.parametrize("args", [["validate", "--format", "xml"], ["frobnicate"], []])
def test_usage_errors_exit_2_without_traceback(args):
    result = run("-m", "interview_dataset", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "usage:" in result.stderr


def test_missing_path_is_a_problem_not_a_crash(tmp_path):
    result = run("-m", "interview_dataset", "validate", str(tmp_path / "nope"))
    assert result.returncode == 1 and "[file-missing]" in result.stdout
