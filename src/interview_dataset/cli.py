"""The command line: `interview-dataset build|validate`, thin wrappers that call one library function each."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from dataclasses import asdict
from pathlib import Path

from . import __version__
from .errors import DataError, OutputError, SourceError, SourceErrors

#: The defaults of `build`: the checkout this package runs from (its sources/ and the dataset beside them),
#: or, for an installed package, the current folder.
_CHECKOUT = Path(__file__).resolve().parents[2]
REPO_ROOT = _CHECKOUT if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "sources").is_dir() else Path.cwd()
EXIT_OK, EXIT_INVALID, EXIT_BAD_INPUT = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="interview-dataset", description="Press interviews as typed, validated datasets.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    add_build_arguments(commands.add_parser("build", help="build the dataset from a sources folder"))
    init = commands.add_parser("init", help="start a new corpus: example interview, dataset.yaml, card, CI")
    init.add_argument("folder", type=Path, metavar="DIR", help="the new corpus folder (existing files are kept)")
    validate = commands.add_parser("validate", help="validate Parquet files or data folders against the schemas")
    validate.add_argument("paths", nargs="*", default=["data"], metavar="PATH",
                          help="Parquet files, config folders or data folders (default: data)")
    validate.add_argument("--format", choices=["text", "json"], default="text",
                          help="text: one line per problem; json: one JSON object per problem (default: text)")
    return parser


def add_build_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--sources", type=Path, nargs="+", default=[REPO_ROOT / "sources"], metavar="DIR",
                        help="folder(s) of source texts and sidecars (default: the repository's sources/)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT, metavar="DIR",
                        help="dataset folder to write data/ and README.md into (default: the repository)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="parse sources in N processes (default: 1)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")
    parser.add_argument("--no-mentions", dest="mentions", action="store_false",
                        help="skip entity tagging: mentions null, entities empty (faster; not the published data)")
    parser.add_argument("--check", action="store_true",
                        help="rebuild into a temporary folder and fail if the committed data/ or card differs")
    return parser


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
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if args.command == "validate":
            return _validate(args)
        if args.command == "init":
            return _init(args)
        return _check(args) if args.check else _build(args)
    except SourceError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except SourceErrors as errors:
        for error in errors.errors:
            print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OutputError as error:
        print(f"{error}; nothing was changed", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"build refused: {len(error.problems)} problem(s) in the built data; nothing was replaced", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt as interrupt:
        signum = interrupt.signum if isinstance(interrupt, Interrupted) else signal.SIGINT
        print("interrupted; data/ holds a complete build, the previous or (if the swap was done) the new one", file=sys.stderr)
        return 128 + signum
    except OSError as error:
        where = error.filename or getattr(args, "out", None) or "interview-dataset"
        print(f"{where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _build(args: argparse.Namespace) -> int:
    from .build import build

    if args.jobs < 1:
        print(f"--jobs must be at least 1, got {args.jobs}", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = build(args.sources, args.out, jobs=args.jobs, quiet=args.quiet, mentions=args.mentions)
    if not args.quiet:
        rows = ", ".join(f"{config} {n}" for config, n in report.rows.items())
        print(f"built {report.sources} source(s) into {args.out / 'data'}: {rows} rows", file=sys.stderr)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .build import check

    differences = check(args.sources, args.out, mentions=args.mentions)
    for line in differences:
        print(f"{args.out / line}", file=sys.stderr)
    if differences:
        print("committed data is stale: run `python build_dataset.py` and commit the result", file=sys.stderr)
        return EXIT_INVALID
    print("committed data/ and card match a fresh build", file=sys.stderr)
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .validate import validate_paths

    problems = validate_paths(args.paths)
    for problem in problems:
        print(json.dumps(asdict(problem), ensure_ascii=False) if args.format == "json" else problem)
    if problems:
        files = len({p.file for p in problems})
        print(f"{len(problems)} problem(s) in {files} file(s)", file=sys.stderr)
        return EXIT_INVALID
    print(f"valid: {', '.join(map(str, args.paths))}", file=sys.stderr)
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from .init import init

    written, kept = init(args.folder)
    for path in kept:
        print(f"{path}: exists, kept", file=sys.stderr)
    print(f"wrote {len(written)} file(s) into {args.folder}; next: edit {args.folder / 'dataset.yaml'}, then "
          f"interview-dataset build --sources {args.folder / 'sources'} --out {args.folder}", file=sys.stderr)
    return EXIT_OK
