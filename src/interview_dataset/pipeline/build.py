"""Sources folders → validated data folder and card, swapped in atomically."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from interview_dataset.errors import DataError, OutputError, SourceError, SourceErrors
from interview_dataset.metadata import METADATA_FILE, NO_METADATA, DatasetMetadata, read_metadata
from interview_dataset.parse.sources import find_sources
from interview_dataset.pipeline.cache import CACHE_DIR_NAME, RowCache
from interview_dataset.pipeline.engines import engine, parse_all
from interview_dataset.pipeline.failpoints import failpoint
from interview_dataset.pipeline.progress import Progress
from interview_dataset.publish.card import companion_files
from interview_dataset.publish.citation import CITATION_FILE
from interview_dataset.publish.statistics import PLOT_PATH
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


@dataclass
class BuildReport:
    """What a build wrote: rows per config, sources read, and one warning per source with missing metadata."""

    rows: dict[str, int]
    sources: int
    warnings: list[str] = field(default_factory=list)


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
        with staging_dir(out_dir / "data") as staging, engine(jobs, scheduler, mentions, topics) as parse_many:
            try:
                parsed = progress.sources(parse_all(paths, parse_many, (mentions, topics), row_cache))
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
    failpoint("after-publish")
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
    failpoint("start")
    for n, (path, outcome) in enumerate(zip(paths, parsed), start=1):
        if n == len(paths) // 2 + 1:
            failpoint("mid-write")
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
    failpoint("after-write")
    report.rows = dict(writer.counts)
    progress.phase("validate")
    problems = validate_dataset(staging)
    if problems:  # name the files as they would have been published
        raise DataError([replace(p, file=p.file.replace(str(staging), str(out_dir / "data"))) for p in problems])
    failpoint("after-validate")
    progress.phase("card")
    # Everything published with data/ is written before the swap and moved into place right after it, so
    # the card, the plot and croissant.json lag the data only for the moment of three renames.
    pending = prepare_files(out_dir, companion_files(out_dir, staging, metadata))
    try:
        replace_dir(staging, out_dir / "data")
        failpoint("after-swap")
        publish(pending)
    finally:
        discard(pending)
