"""The command line: documented in the manual (docs/), thin over the library, usage errors without tracebacks."""

from __future__ import annotations

import argparse
import re

import pytest

from interview_dataset.arguments import EXIT_CODES, build_parser

from conftest import ROOT, run


def _options(parser) -> set[str]:
    options = {o for action in parser._actions for o in action.option_strings if o.startswith("--")}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                options |= _options(sub)
    return options - {"--help", "--version"}


def test_every_command_line_option_is_explained_in_the_manual():
    # docs/cli.md is generated from --help, so it would always list them: the other pages must explain them too.
    manual = " ".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob("*.md") if path.name != "cli.md"
    )
    missing = {option for option in _options(build_parser()) if option not in manual}
    assert not missing


def test_readme_quick_start_is_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start.*?```bash\n(.*?)```", readme, re.S).group(1)
    assert block.strip().splitlines() == [
        'pip install -e ".[test]" -c constraints.txt && python build_dataset.py',
        "pytest",
    ]


def test_ci_runs_the_quick_start_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -q -e ".[test]" -c constraints.txt' in ci
    assert "\npython build_dataset.py\n" in ci and "\npytest\n" in ci


@pytest.mark.parametrize("args", [["validate", "--format", "xml"], ["frobnicate"], []])
def test_usage_errors_exit_2_without_traceback(args):
    result = run("-m", "interview_dataset", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "usage:" in result.stderr


def test_missing_path_is_bad_input_not_a_crash(tmp_path):
    result = run("-m", "interview_dataset", "validate", str(tmp_path / "nope"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'nope'}: warning: checks across configs did not run: no checkable file of turns, qa_pairs, interviews, entities [cross-config-skipped]",
        f"{tmp_path / 'nope'}: no such file or folder [file-missing]",
    ]


def test_validate_help_lists_the_exit_codes_and_build_help_describes_the_command():
    validate = run("-m", "interview_dataset", "validate", "--help").stdout
    assert EXIT_CODES in validate
    assert [line.split()[0] for line in EXIT_CODES.splitlines()[1:]] == ["0", "1", "2"]
    build = run("-m", "interview_dataset", "build", "--help").stdout
    assert "Parse the source texts and sidecars" in build and "exit status:" in build


#: Modules of the build extra; None in sys.modules makes Python refuse to import them, as if not installed.
_BLOCK_BUILD_EXTRA = "import sys; sys.modules.update(dict.fromkeys(['datasets', 'tqdm', 'natasha', 'matplotlib']))"


@pytest.mark.parametrize("args", [["build"], ["build", "--check"]])
def test_a_command_without_its_extra_names_the_extra_in_one_line(tmp_path, args):
    code = f"{_BLOCK_BUILD_EXTRA}; from interview_dataset.cli import main; sys.exit(main({[*args, '--out', str(tmp_path)]!r}))"
    result = run("-c", code)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "interview-dataset build needs the build extra (module 'natasha' is not installed): pip install 'interview-dataset[build]'"
    ]
