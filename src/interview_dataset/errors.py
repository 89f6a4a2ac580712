"""The project's error types: a bad source, several bad sources, a refused output folder, and invalid data."""

from __future__ import annotations

from pathlib import Path

from interview_dataset.problems import Problem
from interview_dataset.text import printable


class SourceError(Exception):
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


class SourceErrors(Exception):
    """Raised when a build found bad sources: every one of them, so a user fixes a folder in one pass."""

    def __init__(self, errors: list[SourceError]):
        super().__init__(f"{len(errors)} source(s) could not be read")
        self.errors = errors


class OutputError(Exception):
    """Raised when the build refuses to write an output folder: it is locked, overlaps the sources, or holds
    files the build did not write. Nothing is changed."""

    def __init__(self, path: str | Path, message: str):
        super().__init__(str(path), message)
        self.path = str(path)
        self.message = message

    def __str__(self) -> str:
        return f"{printable(self.path)}: {self.message}"


class UsageError(Exception):
    """Raised when a command cannot run as asked (an option that cannot work here); the message says why."""


class DataError(Exception):
    """Raised when built rows fail validation; `problems` holds every failure found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the built data")
        self.problems = problems
