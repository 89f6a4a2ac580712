"""The paths validate is given → the Parquet files to check, opened safely: a path that cannot be read is a
path problem (exit 2), never a traceback or a hang."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pyarrow as pa

from interview_dataset.problems import Problem, reports
from interview_dataset.schema import CONFIGS
from interview_dataset.text import printable


class NotRegular(Exception):
    """A path that is not a regular file (a FIFO would block the reader forever)."""


READ_ERRORS = (pa.ArrowException, OSError, ValueError)


NO_DESCRIPTOR = "cannot open: too many open files"


@reports("config-missing", None, "a data folder holds no Parquet file for a config")
@reports("no-parquet-files", None, "a folder given holds no .parquet file")
def expand_paths(paths: list[str | Path], problems: list[Problem]) -> list[Path]:
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            if any((path / config).is_dir() for config in CONFIGS):  # a data folder: every config must be there
                problems += [
                    Problem(str(path / config), None, None, "config-missing", f"no Parquet file for config {config!r}")
                    for config in CONFIGS
                    if not any((path / config).glob("*.parquet"))
                ]
            # not only regular files: a FIFO named *.parquet is reported, not skipped in silence
            found = sorted(p for p in path.rglob("*.parquet") if not p.is_dir())
            if not found:
                problems.append(Problem(str(path), None, None, "no-parquet-files", "folder holds no .parquet file"))
            files += found
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, None, "file-missing", "no such file or folder"))
    named = []
    for file in dict.fromkeys(files):  # a file named twice (itself and in its folder) is checked once
        if printable(str(file)) != str(file):
            problems.append(
                Problem(
                    str(file),
                    None,
                    None,
                    "bad-file-name",
                    "the file name holds a control character (a line break?); rename the file",
                )
            )
        else:
            named.append(file)
    return named


def reason(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


@reports("unreadable-file", None, "the bytes are not a readable Parquet file")
def path_or_data_problem(file: str, error: Exception) -> Problem:
    """An operating system's refusal is a path problem (exit 2); anything else means the bytes are not Parquet."""
    if isinstance(error, NotRegular):
        return Problem(
            file, None, None, "not-a-regular-file", "not a regular file (a FIFO, device or socket); not opened"
        )
    if isinstance(error, OSError) and error.errno is not None and not isinstance(error, pa.ArrowException):
        if error.errno in (errno.EMFILE, errno.ENFILE):
            return Problem(file, None, None, "unreadable-path", NO_DESCRIPTOR)
        return Problem(file, None, None, "unreadable-path", f"cannot open: {os.strerror(error.errno)}")
    return Problem(file, None, None, "unreadable-file", f"not a readable Parquet file: {reason(error)}")


class Unreadable(Exception):
    def __init__(self, file: str, error: Exception):
        self.problem = path_or_data_problem(file, error)


def open_regular(path: Path):
    """The file, opened without blocking (a FIFO would never answer) and only if it is a regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular()
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_or_raise(file: str, read):
    try:
        return read()
    except (*READ_ERRORS, NotRegular) as error:
        raise Unreadable(file, error) from None
