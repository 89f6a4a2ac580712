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
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from pathlib import Path

from .annotate import Rows, missing_metadata, rows_from_source
from .card import PLOT_PATH, companion_files
from .citation import CITATION_FILE
from .errors import DataError, OutputError, SourceError, SourceErrors
from .metadata import METADATA_FILE, NO_METADATA, DatasetMetadata, read_metadata
from .sources import find_sources, read_source
from .validate import validate_dataset
from .write import DatasetWriter, build_lock, check_replaceable, discard, prepare_files, publish, replace_dir, staging_dir

#: Files of an output folder that a build writes, besides everything under data/.
BUILT_FILES = ("README.md", "croissant.json", PLOT_PATH, CITATION_FILE)
#: Builds of more sources than this show a progress bar (unless quiet, in CI, or not on a terminal).
PROGRESS_MIN_SOURCES = 10
#: Sources handed to the worker processes at a time: bounds the parsed rows waiting to be written.
WINDOW = 256


@dataclass
class BuildReport:
    """What a build wrote: rows per config, sources read, and one warning per source with missing metadata."""

    rows: dict[str, int]
    sources: int
    warnings: list[str] = field(default_factory=list)


def parse_source(path: str | Path, mentions: bool = True) -> tuple[Rows, list[str], str]:
    """One source file → its rows, its warning lines and its SHA-256: the unit of work of every engine."""
    source = read_source(path)
    warnings = [f"{source.path}:1: warning: {message}" for message in missing_metadata(source)]
    return rows_from_source(source, mentions), warnings, source.sha256


def collect_sources(folders: list[str | Path]) -> list[Path]:
    """The source texts of every folder, in a stable order; an interview id may occur only once. Every
    problem of every folder is raised at once, as SourceErrors."""
    paths, by_id, errors = [], {}, []
    for folder in folders:
        try:
            found = find_sources(folder)
        except SourceErrors as caught:
            errors += caught.errors
            continue
        for path in found:
            if path.stem in by_id:
                errors.append(SourceError(path, 1, f"duplicate interview id {path.stem!r}: {by_id[path.stem]} has the same name"))
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
            raise OutputError(folder, f"sources folder lies inside {out_dir / 'data'}, which every build replaces whole; "
                                      "keep sources outside the output's data/ folder")
        if sources in data_dir.parents:
            raise OutputError(out_dir, f"output folder's data/ would lie inside the sources folder {folder}; "
                                       "choose an --out outside the sources")


def build(
    sources: str | Path | list, out_dir: str | Path, *, jobs: int = 1, quiet: bool = False, mentions: bool = True, warn=None
) -> BuildReport:
    """Build every source of the `sources` folder(s) into `out_dir`: data/, README.md (the card), croissant.json
    and the card's plot.

    Rows go to a staging folder first and are validated there; only a complete, valid build replaces
    `out_dir`/data, in one atomic step. On any error the existing data is left exactly as it was.
    """
    warn = warn or (lambda line: print(line, file=sys.stderr))
    folders = sources if isinstance(sources, list) else [sources]
    out_dir = Path(out_dir)
    check_output_apart(folders, out_dir)
    paths = collect_sources(folders)
    metadata = read_metadata(out_dir)
    report = BuildReport(rows={}, sources=len(paths))
    with build_lock(out_dir):
        check_replaceable(out_dir / "data")
        with staging_dir(out_dir / "data") as staging:
            _build_into(staging, out_dir, paths, jobs, mentions, quiet, warn, report, metadata)
    _failpoint("after-publish")
    if not metadata.found:
        report.warnings.append(f"{out_dir / METADATA_FILE}: warning: {NO_METADATA}")
        warn(report.warnings[-1])
    return report


def _build_into(staging: Path, out_dir: Path, paths: list[Path], jobs: int, mentions: bool, quiet: bool, warn, report: BuildReport,
                metadata: DatasetMetadata) -> None:
    """Parse every source into `staging`, validate it, then swap it in as `out_dir`/data with its companions.
    A bad source stops nothing until all are parsed, so every bad source is reported in one run."""
    writer = DatasetWriter(staging)
    hashes: dict[str, Path] = {}
    errors: list[SourceError] = []
    _failpoint("start")
    parsed = _progress(_parse_all(paths, jobs, mentions), len(paths), quiet)
    for n, (path, outcome) in enumerate(zip(paths, parsed), start=1):
        if n == len(paths) // 2 + 1:
            _failpoint("mid-write")
        if isinstance(outcome, SourceError):
            errors.append(outcome)
            continue
        rows, warnings, sha256 = outcome
        if sha256 in hashes:
            errors.append(SourceError(path, 1, f"duplicate interview: the same text as {hashes[sha256]}"))
            continue
        hashes[sha256] = path
        for line in warnings:
            report.warnings.append(line)
            warn(line)
        if not errors:  # after a bad source nothing will be published: only look for more bad sources
            writer.add(rows)
    if errors:
        raise SourceErrors(errors)
    writer.close()
    _failpoint("after-write")
    report.rows = dict(writer.counts)
    problems = validate_dataset(staging)
    if problems:  # name the files as they would have been published
        raise DataError([replace(p, file=p.file.replace(str(staging), str(out_dir / "data"))) for p in problems])
    _failpoint("after-validate")
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


def _parse_or_error(path: Path, mentions: bool):
    """parse_source's result, or the SourceError it raised: one bad source must not hide the others."""
    try:
        return parse_source(path, mentions)
    except SourceError as error:
        return error


def _parse_all(paths: list[Path], jobs: int, mentions: bool):
    """Parsed sources (or their errors) in order: in this process, or in `jobs` worker processes a window at a
    time (each worker loads the NER model once)."""
    parse = partial(_parse_or_error, mentions=mentions)
    if jobs <= 1:
        yield from map(parse, paths)
        return
    # Spawned, not forked: a worker inherits no descriptor of the build, so it never holds the build lock.
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_start_worker, initargs=(os.getpid(),)) as pool:
        remaining = iter(paths)
        while window := list(islice(remaining, WINDOW)):
            yield from pool.imap(parse, window, chunksize=max(1, len(window) // (jobs * 4)))


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


def _progress(items, total: int, quiet: bool):
    if quiet or total <= PROGRESS_MIN_SOURCES or os.environ.get("CI"):
        return items
    from tqdm import tqdm

    # disable=None: tqdm stays silent when stderr is not a terminal (logs, pipes).
    return tqdm(items, total=total, unit="source", desc="build", disable=None)


def check(sources: str | Path | list, out_dir: str | Path, *, mentions: bool = True) -> list[str]:
    """Rebuild into a temporary folder and list every built file that differs from `out_dir` (empty: fresh)."""
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="interview-dataset-check-") as tmp:
        fresh = Path(tmp)
        for name in ("README.md", METADATA_FILE):  # the author's card and metadata: what a build reads
            if (out_dir / name).exists():
                shutil.copyfile(out_dir / name, fresh / name)
        build(sources, fresh, quiet=True, mentions=mentions, warn=lambda line: None)
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
