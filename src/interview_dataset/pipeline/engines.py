"""Where sources are parsed: in this process, in worker processes, or on a Dask cluster. Every engine returns
the outcomes in source order, so every engine gives the same bytes."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from contextlib import contextmanager
from functools import partial
from itertools import islice
from pathlib import Path

from interview_dataset.annotate.rows import missing_metadata, rows_from_source
from interview_dataset.errors import SourceError, UsageError
from interview_dataset.parse.sources import read_source
from interview_dataset.pipeline.cache import Parsed, RowCache, source_key

#: Sources handed to the worker processes at a time: bounds the parsed rows waiting to be written.
WINDOW = 256
#: Seconds to wait for a Dask scheduler to answer before the build gives up.
SCHEDULER_TIMEOUT = 10


def source_rows(path: str | Path, mentions: bool = True, topics: bool = True) -> Parsed:
    """Read, parse, annotate and (with `mentions`) tag one source file, (with `topics`) suggesting its exchanges'
    topics: the unit of work of every engine."""
    source = read_source(path)
    rows = rows_from_source(source, mentions, topics)
    warnings = [f"{source.path}:1: warning: {message}" for message in missing_metadata(source, rows.turns)]
    return Parsed(rows, warnings, source.sha256)


def _parse_or_error(path: Path, mentions: bool, topics: bool = True) -> Parsed | SourceError:
    """source_rows's result, or the SourceError it raised: one bad source must not hide the others."""
    try:
        return source_rows(path, mentions, topics)
    except SourceError as error:
        return error


def parse_all(paths: list[Path], parse_many, options: tuple[bool, bool], row_cache: RowCache | None):
    """Parsed sources (or their errors) in order, a window at a time: cached rows where the cache has them, the
    rest through `parse_many` (which keeps the order). The window bounds the rows waiting to be written."""
    remaining = iter(paths)
    while window := list(islice(remaining, WINDOW)):
        keys = [source_key(path, *options) if row_cache else ("", "") for path in window]
        cached = [row_cache.get(key) if row_cache else None for key, _ in keys]
        fresh = iter(parse_many([path for path, hit in zip(window, cached) if hit is None]))
        for (key, text_sha256), hit in zip(keys, cached):
            if hit is not None:
                yield hit
                continue
            outcome = next(fresh)
            if row_cache and isinstance(outcome, Parsed) and outcome.sha256 == text_sha256:
                row_cache.put(key, outcome)  # only rows parsed from the bytes the key was made of
            yield outcome


@contextmanager
def engine(jobs: int, scheduler: str | None, mentions: bool, topics: bool = True):
    """A function that parses a list of sources and returns the outcomes in order: in this process, in `jobs`
    worker processes (each loads the NER model once), or on a Dask cluster."""
    parse = partial(_parse_or_error, mentions=mentions, topics=topics)
    if scheduler:
        with _dask_client(scheduler) as client:
            yield lambda paths: (future.result() for future in client.map(parse, paths, pure=False))
    elif jobs > 1:
        # Spawned, not forked: a worker inherits no descriptor of the build, so it never holds the build lock.
        context = multiprocessing.get_context("spawn")
        with context.Pool(jobs, initializer=_start_worker, initargs=(os.getpid(),)) as pool:
            yield lambda paths: pool.imap(parse, paths, chunksize=max(1, len(paths) // (jobs * 4)))
    else:
        yield lambda paths: map(parse, paths)


@contextmanager
def _dask_client(address: str):
    """A client of the Dask scheduler at `address`; its workers need this package and read access to the
    sources at the same paths."""
    from distributed import Client

    try:
        client = Client(address, timeout=SCHEDULER_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise UsageError(f"--scheduler {address}: cannot reach the Dask scheduler ({error})") from None
    try:
        yield client
    finally:
        client.close()


_PR_SET_PDEATHSIG = 1


def _start_worker(parent: int) -> None:
    """Tie a worker's life to the build: the kernel kills it when the build dies, however it dies, and Ctrl-C
    (sent to the whole process group) is the build's to handle, not the worker's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the build died before the line above took effect
        os._exit(1)
