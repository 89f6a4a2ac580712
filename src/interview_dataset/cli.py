"""The command line: `interview-dataset build|validate|import`, thin wrappers that call one library function each."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from interview_dataset import __version__
from interview_dataset.errors import DataError, OutputError, SourceError, SourceErrors, UsageError
from interview_dataset.problems import EXIT_BAD_INPUT, EXIT_INVALID, EXIT_OK

#: The defaults of `build`: the checkout this package runs from (its sources/ and the dataset beside them),
#: or, for an installed package, the current folder.
_CHECKOUT = Path(__file__).resolve().parents[2]
REPO_ROOT = _CHECKOUT if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "sources").is_dir() else Path.cwd()
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
        default=REPO_ROOT / "sources",
        metavar="DIR",
        help="folder to write <date>-<outlet>-<slug>.txt and .yaml into (default: the repository's sources/)",
    )
    parser.add_argument("--url", help="the page's address, where the page states none or a wrong one (one page only)")
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="publication date, where the page does not state it (one page only)"
    )
    parser.add_argument(
        "--title", help="the headline: where the page has none, or to pick one of several articles (one page only)"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing source and sidecar")


def _import(args: argparse.Namespace) -> int:
    from interview_dataset.webimport.page import MissingExtra, import_pages

    try:
        report = import_pages(
            args.pages, args.sources, url=args.url, date=args.date, title=args.title, force=args.force
        )
    except MissingExtra as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in report.written:
        print(path)
    for line in report.refused:
        print(line, file=sys.stderr)
    return EXIT_BAD_INPUT if report.refused else EXIT_OK


def add_build_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument(
        "--sources",
        type=Path,
        nargs="+",
        default=[REPO_ROOT / "sources"],
        metavar="DIR",
        help="folder(s) of source texts and sidecars (default: the repository's sources/)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO_ROOT,
        metavar="DIR",
        help="dataset folder to write data/ and README.md into (default: the repository)",
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


#: Top-level modules of the optional extras that are not the build's, which is the default: a command that
#: imports one that is missing names the extra to install.
_EXTRAS = {
    "dask": "cluster",
    "distributed": "cluster",
    "trafilatura": "import",
    "htmldate": "import",
    "lxml_html_clean": "import",
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run(args)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM: unwinds the build like Ctrl-C, so staging and worker processes are cleaned up."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame) -> None:
    # A second signal must not interrupt the cleanup the first one started.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Interrupted(signum)


def run(args: argparse.Namespace) -> int:
    if args.command == "build":  # a build cleans up after itself on Ctrl-C and SIGTERM alike
        signal.signal(signal.SIGINT, _interrupt)
        signal.signal(signal.SIGTERM, _interrupt)
        # The NER models multiply small matrices, where BLAS threads cost more than they give: with one thread a
        # tagged build of 30 interviews ran 1.6x faster on 2 cores. OpenBLAS reads this when numpy loads, so it is
        # set before any import of numpy; `--jobs` workers inherit it, and a value the user set is kept.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        if args.command == "import":
            return _import(args)
        if args.command == "validate":
            return _validate(args)
        if args.command == "init":
            return _init(args)
        return _check(args) if args.check else _build(args)
    except SourceError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except SourceErrors as errors:
        for each in errors.errors:
            print(each, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OutputError as error:
        print(f"{error}; nothing was changed", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"build refused: {len(error.problems)} problem(s) in the built data; nothing was replaced", file=sys.stderr
        )
        return EXIT_INVALID
    except KeyboardInterrupt as interrupt:
        signum = interrupt.signum if isinstance(interrupt, Interrupted) else signal.SIGINT
        if args.command == "build":
            print(
                "interrupted; data/ holds a complete build, the previous or (if the swap was done) the new one",
                file=sys.stderr,
            )
        else:
            print("interrupted", file=sys.stderr)
        return 128 + signum
    except OSError as error:
        where = error.filename or getattr(args, "out", None) or "interview-dataset"
        print(f"{where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] == __package__:
            raise  # our own module missing: a broken install, not a missing extra
        extra = _EXTRAS.get((error.name or "").split(".")[0], "build")
        print(
            f"interview-dataset {args.command} needs the {extra} extra (module {error.name!r} is not installed): "
            f"pip install 'interview-dataset[{extra}]'",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT


def _build(args: argparse.Namespace) -> int:
    from interview_dataset.pipeline.build import build

    if args.jobs < 1:
        print(f"--jobs must be at least 1, got {args.jobs}", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = build(
        args.sources,
        args.out,
        jobs=args.jobs,
        scheduler=args.scheduler,
        cache=args.cache,
        cache_dir=args.cache_dir,
        quiet=args.quiet,
        verbose=args.verbose,
        mentions=args.mentions,
        topics=args.topics,
    )
    if not args.quiet:
        rows = ", ".join(f"{config} {n}" for config, n in report.rows.items())
        print(f"built {report.sources} source(s) into {args.out / 'data'}: {rows} rows", file=sys.stderr)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from interview_dataset.pipeline.build import check

    differences = check(args.sources, args.out, mentions=args.mentions, topics=args.topics)
    for line in differences:
        print(f"{args.out / line}", file=sys.stderr)
    if differences:
        print("committed data is stale: run `python build_dataset.py` and commit the result", file=sys.stderr)
        return EXIT_INVALID
    print("committed data/ and card match a fresh build", file=sys.stderr)
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from interview_dataset.problems import exit_status, summary
    from interview_dataset.validation.validate import validate_paths

    problems = validate_paths(args.paths, strict=args.strict, require_all=args.require_all)
    for problem in problems:
        print({"json": problem.json, "github": problem.github}.get(args.format, problem.__str__)())
    print(summary(problems, list(map(str, args.paths))), file=sys.stderr)
    return exit_status(problems)


def _init(args: argparse.Namespace) -> int:
    from interview_dataset.pipeline.init import init

    written, kept = init(args.folder)
    for path in kept:
        print(f"{path}: exists, kept", file=sys.stderr)
    print(
        f"wrote {len(written)} file(s) into {args.folder}; next: edit {args.folder / 'dataset.yaml'}, then "
        f"interview-dataset build --sources {args.folder / 'sources'} --out {args.folder}",
        file=sys.stderr,
    )
    return EXIT_OK
