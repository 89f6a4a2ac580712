"""Sources folders → validated data folder and card, swapped in atomically; and the check that data/ is fresh."""

from __future__ import annotations

import ctypes
import filecmp
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from pathlib import Path

from interview_dataset.annotate.rows import missing_metadata, rows_from_source
from interview_dataset.errors import DataError, OutputError, SourceError, SourceErrors, UsageError
from interview_dataset.metadata import METADATA_FILE, NO_METADATA, DatasetMetadata, read_metadata
from interview_dataset.parse.sources import find_sources, read_source
from interview_dataset.pipeline.cache import CACHE_DIR_NAME, Parsed, RowCache, source_key
from interview_dataset.pipeline.progress import Progress
from interview_dataset.publish.card import PLOT_PATH, companion_files
from interview_dataset.publish.citation import CITATION_FILE
from interview_dataset.publish.write import (
    DatasetWriter,
    build_lock,
    check_replaceable,
    discard,
    prepare_files,
    publish,
    replace_dir,
    staging_dir,
)
from interview_dataset.validation.validate import validate_dataset

#: Files of an output folder that a build writes, besides everything under data/.
BUILT_FILES = ("README.md", "croissant.json", PLOT_PATH, CITATION_FILE)
#: Sources handed to the worker processes at a time: bounds the parsed rows waiting to be written.
WINDOW = 256
#: Seconds to wait for a Dask scheduler to answer before the build gives up.
SCHEDULER_TIMEOUT = 10


@dataclass
class BuildReport:
    """What a build wrote: rows per config, sources read, and one warning per source with missing metadata."""

    rows: dict[str, int]
    sources: int
    warnings: list[str] = field(default_factory=list)


def source_rows(path: str | Path, mentions: bool = True, topics: bool = True) -> Parsed:
    """Read, parse, annotate and (with `mentions`) tag one source file, (with `topics`) suggesting its exchanges'
    topics: the unit of work of every engine."""
    source = read_source(path)
    rows = rows_from_source(source, mentions, topics)
    warnings = [f"{source.path}:1: warning: {message}" for message in missing_metadata(source, rows.turns)]
    return Parsed(rows, warnings, source.sha256)


def collect_sources(folders: list[str | Path]) -> list[Path]:
    """The source texts of every folder, in a stable order; an interview id may occur only once. Every
    problem of every folder is raised at once, as SourceErrors."""
    paths: list[Path] = []
    by_id: dict[str, Path] = {}
    errors: list[SourceError] = []
    for folder in folders:
        try:
            found = find_sources(folder)
        except SourceErrors as caught:
            errors += caught.errors
            continue
        for path in found:
            if path.stem in by_id:
                errors.append(
                    SourceError(path, 1, f"duplicate interview id {path.stem!r}: {by_id[path.stem]} has the same name")
                )
                continue
            by_id[path.stem] = path
            paths.append(path)
    if errors:
        raise SourceErrors(errors)
    if not paths:
        raise SourceError(folders[0], 0, "no source texts (*.txt) in the sources folder")
    return sorted(paths, key=lambda p: p.stem)


def check_output_apart(folders: list[str | Path], out_dir: Path) -> None:
    """Refuse an output whose data/ folder and a sources folder lie one inside the other: swapping data/ would
    delete the sources, or the build would write into them."""
    data_dir = (out_dir / "data").resolve()
    for folder in map(Path, folders):
        sources = folder.resolve()
        if sources == data_dir or data_dir in sources.parents:
            raise OutputError(
                folder,
                f"sources folder lies inside {out_dir / 'data'}, which every build replaces whole; "
                "keep sources outside the output's data/ folder",
            )
        if sources in data_dir.parents:
            raise OutputError(
                out_dir,
                f"output folder's data/ would lie inside the sources folder {folder}; "
                "choose an --out outside the sources",
            )


def build(
    sources: str | Path | list,
    out_dir: str | Path,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    quiet: bool = False,
    verbose: bool = False,
    mentions: bool = True,
    topics: bool = True,
    warn=None,
) -> BuildReport:
    """Build every source of the `sources` folder(s) into `out_dir`: data/, README.md (the card), croissant.json
    and the card's plot.

    Sources are parsed here, in `jobs` processes, or on the Dask cluster at `scheduler`; with `cache`, only the
    sources whose rows are not in the cache (`cache_dir`, by default `out_dir`/.interview-dataset-cache) are.
    Rows go to a staging folder first and are validated there; only a complete, valid build replaces
    `out_dir`/data, in one atomic step. On any error the existing data is left exactly as it was. Warnings go to
    `warn` one line each, or else to stderr, more than a few of a kind summarised unless `verbose`. Without
    `mentions` no entity is tagged, without `topics` no topic suggested.
    """
    folders = sources if isinstance(sources, list) else [sources]
    out_dir = Path(out_dir)
    check_output_apart(folders, out_dir)
    paths = collect_sources(folders)
    metadata = read_metadata(out_dir)
    report = BuildReport(rows={}, sources=len(paths))
    row_cache = RowCache(Path(cache_dir) if cache_dir else out_dir / CACHE_DIR_NAME) if cache else None
    progress = Progress(len(paths), quiet=quiet, verbose=verbose, warn=warn)
    with build_lock(out_dir):
        check_replaceable(out_dir / "data")
        with staging_dir(out_dir / "data") as staging, _engine(jobs, scheduler, mentions, topics) as parse_many:
            try:
                parsed = progress.sources(_parse_all(paths, parse_many, (mentions, topics), row_cache))
                _build_into(staging, out_dir, paths, parsed, progress, report, metadata)
            finally:
                if row_cache is not None and row_cache.write_error:
                    progress.write(
                        f"{row_cache.folder}: warning: could not write the row cache ({row_cache.write_error}); "
                        "the next build parses those sources again"
                    )
                progress.close()
    if row_cache is not None:
        row_cache.prune()
    _failpoint("after-publish")
    if not metadata.found:
        report.warnings.append(f"{out_dir / METADATA_FILE}: warning: {NO_METADATA}")
        progress.write(report.warnings[-1])
    return report


def _build_into(
    staging: Path,
    out_dir: Path,
    paths: list[Path],
    parsed,
    progress: Progress,
    report: BuildReport,
    metadata: DatasetMetadata,
) -> None:
    """Write every parsed source into `staging`, validate it, then swap it in as `out_dir`/data with its
    companions. A bad source stops nothing until all are parsed, so every bad source is reported in one run."""
    writer = DatasetWriter(staging)
    hashes: dict[str, Path] = {}
    errors: list[SourceError] = []
    _failpoint("start")
    for n, (path, outcome) in enumerate(zip(paths, parsed), start=1):
        if n == len(paths) // 2 + 1:
            _failpoint("mid-write")
        if isinstance(outcome, SourceError):
            errors.append(outcome)
            continue
        if outcome.sha256 in hashes:
            errors.append(SourceError(path, 1, f"duplicate interview: the same text as {hashes[outcome.sha256]}"))
            continue
        hashes[outcome.sha256] = path
        for line in outcome.warnings:
            report.warnings.append(line)
            progress.warning(line, path.stem)
        if not errors:  # after a bad source nothing will be published: only look for more bad sources
            writer.add(outcome.rows)
    if errors:
        raise SourceErrors(errors)
    writer.close()
    _failpoint("after-write")
    report.rows = dict(writer.counts)
    progress.phase("validate")
    problems = validate_dataset(staging)
    if problems:  # name the files as they would have been published
        raise DataError([replace(p, file=p.file.replace(str(staging), str(out_dir / "data"))) for p in problems])
    _failpoint("after-validate")
    progress.phase("card")
    # Everything published with data/ is written before the swap and moved into place right after it, so
    # the card, the plot and croissant.json lag the data only for the moment of three renames.
    pending = prepare_files(out_dir, companion_files(out_dir, staging, metadata))
    try:
        replace_dir(staging, out_dir / "data")
        _failpoint("after-swap")
        publish(pending)
    finally:
        discard(pending)


#: Points of a build where the crash tests kill it (tests/test_crash.py), in order.
FAILPOINTS = ("start", "mid-write", "after-write", "after-validate", "after-swap", "after-publish")


def _failpoint(name: str) -> None:
    """A test hook: with INTERVIEW_DATASET_KILL_AT=<name> set, the build kills itself with SIGKILL here; with
    INTERVIEW_DATASET_PAUSE_AT=<name>, it says so on stderr and waits to be signalled. The crash tests thus
    reach every phase whatever the machine's speed. Unset, it does nothing."""
    if os.environ.get("INTERVIEW_DATASET_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get("INTERVIEW_DATASET_PAUSE_AT") == name:
        print(f"paused at {name}", file=sys.stderr, flush=True)
        time.sleep(300)


def _parse_or_error(path: Path, mentions: bool, topics: bool = True) -> Parsed | SourceError:
    """source_rows's result, or the SourceError it raised: one bad source must not hide the others."""
    try:
        return source_rows(path, mentions, topics)
    except SourceError as error:
        return error


def _parse_all(paths: list[Path], parse_many, options: tuple[bool, bool], row_cache: RowCache | None):
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
def _engine(jobs: int, scheduler: str | None, mentions: bool, topics: bool = True):
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


def check(sources: str | Path | list, out_dir: str | Path, *, mentions: bool = True, topics: bool = True) -> list[str]:
    """Rebuild into a temporary folder and list every built file that differs from `out_dir` (empty: fresh)."""
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="interview-dataset-check-") as tmp:
        fresh = Path(tmp)
        for name in ("README.md", METADATA_FILE):  # the author's card and metadata: what a build reads
            if (out_dir / name).exists():
                shutil.copyfile(out_dir / name, fresh / name)
        build(sources, fresh, quiet=True, mentions=mentions, topics=topics, cache=False, warn=lambda line: None)
        return _differences(fresh, out_dir)


def _built_files(root: Path) -> set[str]:
    files = {str(p.relative_to(root)) for p in (root / "data").rglob("*") if p.is_file()}
    return files | {name for name in BUILT_FILES if (root / name).exists()}


def _differences(fresh: Path, committed: Path) -> list[str]:
    want, have = _built_files(fresh), _built_files(committed)
    problems = [f"{name}: missing (a fresh build writes it)" for name in sorted(want - have)]
    problems += [f"{name}: not written by a fresh build (stale file)" for name in sorted(have - want)]
    problems += [
        f"{name}: differs from a fresh build"
        for name in sorted(want & have)
        if not filecmp.cmp(fresh / name, committed / name, shallow=False)
    ]
    return problems
