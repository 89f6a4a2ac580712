"""The command line: `interview-dataset build|validate|import`, thin wrappers that call one library function each."""

from __future__ import annotations

import argparse
import os
import signal
import sys

from interview_dataset.arguments import build_parser
from interview_dataset.errors import InterviewDatasetError, MissingExtra
from interview_dataset.problems import EXIT_BAD_INPUT, EXIT_INVALID, EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from interview_dataset.webimport.page import import_pages

    report = import_pages(
        args.pages,
        args.sources,
        url=args.url,
        date=args.date,
        title=args.title,
        force=args.force,
        every_turn_marked=args.every_turn_marked,
    )
    for path in report.written:
        print(path)
    for line in report.refused:
        print(line, file=sys.stderr)
    if args.explain:
        print("\n".join(report.explained))
    return EXIT_BAD_INPUT if report.refused else EXIT_OK


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
    """Run one parsed command; its exit status. A build's Ctrl-C and SIGTERM handlers last as long as the build."""
    if args.command != "build":
        return _run(args)
    # A build cleans up after itself on Ctrl-C and SIGTERM alike.
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return _run(args)
    finally:
        # After an interrupt the signals stay ignored: a second Ctrl-C while the process exits must not print a
        # traceback. Otherwise the caller's handlers come back (main() called in a notebook or a test).
        if signal.getsignal(signal.SIGINT) is _interrupt:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
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
    except InterviewDatasetError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return error.exit_status
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
        missing = MissingExtra(args.command, _EXTRAS.get((error.name or "").split(".")[0], "build"), error.name)
        print(missing, file=sys.stderr)
        return missing.exit_status


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
    from interview_dataset.pipeline.check import check

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
