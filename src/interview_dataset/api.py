"""The Python API: one function per command, returning data and printing nothing.

`import interview_dataset` loads none of this; each name is loaded on first use (see __init__.py), so a
validate-only install never imports the build's dependencies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from interview_dataset.problems import Problem, exit_status

if TYPE_CHECKING:
    import polars

    from interview_dataset.parse.interview import Interview
    from interview_dataset.pipeline.build import BuildReport
    from interview_dataset.webimport.page import ImportReport

#: The columns of ValidationReport.frame, in order: what `validate --format json` prints per problem.
PROBLEM_COLUMNS = ("file", "row", "field", "code", "severity", "message")


@dataclass(frozen=True)
class ValidationReport:
    """Every problem `validate` found. `valid` is true when none is an error (warnings may remain)."""

    problems: list[Problem]

    @property
    def valid(self) -> bool:
        return not any(problem.severity == "error" for problem in self.problems)

    @property
    def exit_status(self) -> int:
        """The command line's exit status for these problems: 0 valid, 1 invalid, 2 a path that cannot be read."""
        return exit_status(self.problems)

    @property
    def frame(self) -> polars.DataFrame:
        """The problems as a polars DataFrame, one row per problem (`.frame.to_pandas()` for pandas)."""
        import polars

        rows = [{column: getattr(problem, column) for column in PROBLEM_COLUMNS} for problem in self.problems]
        schema = {column: polars.Int64 if column == "row" else polars.Utf8 for column in PROBLEM_COLUMNS}
        return polars.DataFrame(rows, schema=schema, orient="row")


def validate(
    paths: str | Path | list[str | Path], *, strict: bool = False, require_all: bool = False
) -> ValidationReport:
    """Validate Parquet files, config folders or data folders against the schemas (as `interview-dataset
    validate`); `strict` makes type drift an error, `require_all` a check across configs that cannot run."""
    from interview_dataset.validation.validate import validate_paths

    listed = paths if isinstance(paths, list) else [paths]
    return ValidationReport(validate_paths(listed, strict=strict, require_all=require_all))


def build(
    sources: str | Path | list[str | Path],
    out_dir: str | Path,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    mentions: bool = True,
    topics: bool = True,
) -> BuildReport:
    """Build the sources folder(s) into `out_dir` (data/, the card, croissant.json, CITATION.cff), as
    `interview-dataset build`; no progress bar, and every warning line in the report's `warnings`. Raises
    SourceErrors, OutputError, DataError or UsageError (all InterviewDatasetError) and leaves data/ as it was."""
    from interview_dataset.pipeline.build import build as build_folder

    warnings: list[str] = []
    report = build_folder(
        sources,
        out_dir,
        jobs=jobs,
        scheduler=scheduler,
        cache=cache,
        cache_dir=cache_dir,
        quiet=True,
        mentions=mentions,
        topics=topics,
        warn=warnings.append,
    )
    report.warnings = warnings
    return report


def parse_text(text: str, path: str = "<text>", sidecar: dict | None = None) -> Interview:
    """One interview's text (in the source format) → its header, lead and turns with exact offsets; raises
    SourceError with the line of anything malformed. `sidecar` names the people behind speaker labels."""
    from interview_dataset.parse.interview import interview_from_text

    return interview_from_text(text, path, sidecar)


def import_pages(pages: list[str | Path], sources_dir: str | Path, **options) -> ImportReport:
    """Saved web pages → sources and draft sidecars in `sources_dir`, as `interview-dataset import`: the files
    written and one line per refused page. `options`: url, date, title (one page only), force,
    every_turn_marked."""
    from interview_dataset.webimport.page import import_pages as import_saved_pages

    return import_saved_pages(pages, sources_dir, **options)


def init_corpus(folder: str | Path) -> tuple[list[Path], list[Path]]:
    """A new corpus folder that builds, validates and checks itself, as `interview-dataset init`: (files
    written, files kept because they existed)."""
    from interview_dataset.pipeline.init import init

    return init(folder)
