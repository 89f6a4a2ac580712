"""The errors the tool raises on purpose, under one base that says what the command line prints and its exit
status: a bad source, several bad sources, a refused output folder, a command that cannot run, invalid data."""

from __future__ import annotations

from pathlib import Path

from interview_dataset.problems import EXIT_BAD_INPUT, EXIT_INVALID, Problem
from interview_dataset.text import printable


class InterviewDatasetError(Exception):
    """The base of every error the tool raises on purpose. `lines()` is what the command line prints, one line
    per thing wrong and no traceback; `exit_status` its exit status (2: bad input or usage, 1: invalid data)."""

    exit_status = EXIT_BAD_INPUT

    def lines(self) -> list[str]:
        return [str(self)]


class SourceError(InterviewDatasetError):
    """Raised when a source text or its sidecar cannot be turned into rows.

    Carries the file and the 1-based line so the command line can print `file:line: message`.
    """

    def __init__(self, path: str | Path, line: int, message: str):
        super().__init__(str(path), line, message)  # plain args: the error crosses process boundaries (--jobs)
        self.path = str(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        # A folder has no lines: line 0 means the path as a whole.
        path = printable(self.path)
        return f"{path}:{self.line}: {self.message}" if self.line else f"{path}: {self.message}"


class SourceErrors(InterviewDatasetError):
    """Raised when a build found bad sources: every one of them, so a user fixes a folder in one pass."""

    def __init__(self, errors: list[SourceError]):
        super().__init__(f"{len(errors)} source(s) could not be read")
        self.errors = errors

    def lines(self) -> list[str]:
        return [str(error) for error in self.errors]


class OutputError(InterviewDatasetError):
    """Raised when the build refuses to write an output folder: it is locked, overlaps the sources, or holds
    files the build did not write. Nothing is changed."""

    def __init__(self, path: str | Path, message: str):
        super().__init__(str(path), message)
        self.path = str(path)
        self.message = message

    def __str__(self) -> str:
        return f"{printable(self.path)}: {self.message}"

    def lines(self) -> list[str]:
        return [f"{self}; nothing was changed"]


class UsageError(InterviewDatasetError):
    """Raised when a command cannot run as asked (an option that cannot work here); the message says why."""


class MissingExtra(UsageError):
    """Raised when a command needs an optional extra that is not installed; the message names it."""

    def __init__(self, command: str, extra: str, module: str | None):
        super().__init__(
            f"interview-dataset {command} needs the {extra} extra (module {module!r} is not installed): "
            f"pip install 'interview-dataset[{extra}]'"
        )


class DataError(InterviewDatasetError):
    """Raised when built rows fail validation; `problems` holds every failure found. Nothing was replaced."""

    exit_status = EXIT_INVALID

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the built data")
        self.problems = problems

    def lines(self) -> list[str]:
        refused = f"build refused: {len(self.problems)} problem(s) in the built data; nothing was replaced"
        return [*map(str, self.problems), refused]
