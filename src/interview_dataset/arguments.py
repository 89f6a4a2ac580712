"""The command line's commands, options and help: one parser, which cli.py runs, build_dataset.py reuses (with
the repository's defaults) and docs/cli.md is generated from."""

from __future__ import annotations

import argparse
from pathlib import Path

from interview_dataset import __version__
from interview_dataset.problems import EXIT_BAD_INPUT, EXIT_INVALID, EXIT_OK

#: What `validate --help` says of the exit status; the tests run every one of them.
EXIT_CODES = f"""exit status:
  {EXIT_OK}  valid: no error (warnings, if any, are printed)
  {EXIT_INVALID}  invalid data: at least one error, one line each
  {EXIT_BAD_INPUT}  bad usage, or a path that cannot be read (missing, not a regular file, refused by the system)"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview-dataset", description="Press interviews as typed, validated datasets."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    add_build_arguments(
        commands.add_parser(
            "build",
            help="build the dataset from a sources folder",
            description="Parse the source texts and sidecars, tag entities, validate the rows and write data/<config>/*.parquet, "
            "the card (README.md) and croissant.json. Needs the build extra: pip install 'interview-dataset[build]'.",
            epilog=f"exit status:\n  {EXIT_OK}  built (or, with --check, the committed data is fresh)\n"
            f"  {EXIT_INVALID}  the built data failed validation (nothing replaced), or --check found stale data\n"
            f"  {EXIT_BAD_INPUT}  bad usage, a bad source (file:line: what is wrong), or a missing extra",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
    )
    init = commands.add_parser("init", help="start a new corpus: example interview, dataset.yaml, card, CI")
    init.add_argument("folder", type=Path, metavar="DIR", help="the new corpus folder (existing files are kept)")
    add_import_arguments(
        commands.add_parser("import", help="convert saved web pages (HTML) into sources and draft sidecars")
    )
    validate = commands.add_parser(
        "validate",
        help="validate Parquet files or data folders against the schemas",
        description="Check Parquet files, config folders or data folders against the schemas: Arrow schema, JSON Schema "
        "on every row, the pandera model, and the checks across configs when every config is given. "
        "One line per problem: file, row (from 0), field, message and [code].",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument(
        "paths",
        nargs="*",
        default=["data"],
        metavar="PATH",
        help="Parquet files, config folders or data folders (default: data)",
    )
    validate.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="text: one line per problem; json: one JSON object per problem; github: GitHub Actions "
        "::error/::warning annotations, the row (from 0) given as line row+1 (default: text)",
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="type drift (a file rewritten with compatible types, e.g. large_string) is an error, not a warning",
    )
    validate.add_argument(
        "--require-all",
        action="store_true",
        help="checks across configs that cannot run (a config not given) are an error, not a warning",
    )
    return parser


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pages", nargs="+", type=Path, metavar="PAGE.html", help="saved web pages (never fetched)")
    parser.add_argument(
        "--sources",
        type=Path,
        default=Path("sources"),
        metavar="DIR",
        help="folder to write <date>-<outlet>-<slug>.txt and .yaml into (default: sources)",
    )
    parser.add_argument("--url", help="the page's address, where the page states none or a wrong one (one page only)")
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="publication date, where the page does not state it (one page only)"
    )
    parser.add_argument(
        "--title", help="the headline: where the page has none, or to pick one of several articles (one page only)"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing source and sidecar")
    parser.add_argument(
        "--every-turn-marked",
        action="store_true",
        help="the pages open every turn, follow-up questions too, with the speaker's label (checked by reading them):"
        " a paragraph ending with '?' inside an answer is then the speaker's own question; the sidecar says so",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print, for each block of the article, the role it was given and why (to see why a page was refused)",
    )


def add_build_arguments(
    parser: argparse.ArgumentParser, root: Path = Path("."), where: str = "the current folder"
) -> argparse.ArgumentParser:
    """The build's options; their defaults are `root`/sources and `root`, which help calls `where` (the current
    folder, unless a caller such as build_dataset.py passes its own)."""
    parser.add_argument(
        "--sources",
        type=Path,
        nargs="+",
        default=[root / "sources"],
        metavar="DIR",
        help=f"folder(s) of source texts and sidecars (default: sources/ in {where})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=root,
        metavar="DIR",
        help=f"dataset folder to write data/ and README.md into (default: {where})",
    )
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="parse sources in N processes (default: 1)")
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="parse sources on the Dask cluster of this scheduler, e.g. tcp://host:8786 (the cluster extra)",
    )
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="parse every source again, neither reading nor writing the row cache",
    )
    parser.add_argument(
        "--cache-dir", type=Path, metavar="DIR", help="the row cache (default: OUT/.interview-dataset-cache)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")
    parser.add_argument(
        "--verbose", action="store_true", help="every warning line, not the first few of each kind and a count"
    )
    parser.add_argument(
        "--no-mentions",
        dest="mentions",
        action="store_false",
        help="skip entity tagging: mentions null, entities empty (faster; not the published data)",
    )
    parser.add_argument(
        "--no-topics",
        dest="topics",
        action="store_false",
        help="skip topic suggestion: topic_suggested and topic_confidence null (not the published data)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild into a temporary folder and fail if the committed data/ or card differs",
    )
    return parser
