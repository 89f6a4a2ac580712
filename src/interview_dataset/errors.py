"""The project's two error types: a bad source, and data that fails the schema."""

from __future__ import annotations

from pathlib import Path


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
        return f"{self.path}:{self.line}: {self.message}"


class DataError(Exception):
    """Raised when built rows fail validation; `problems` holds every failure found."""

    def __init__(self, problems: list):
        super().__init__(f"{len(problems)} problem(s) in the built data")
        self.problems = problems
