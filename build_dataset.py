"""Build the dataset: `python build_dataset.py [--sources DIR] [--out DIR] [--check]`.

A thin entry point over `interview-dataset build` whose defaults are this repository's sources/ and dataset;
see README.md.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

from interview_dataset.arguments import add_build_arguments  # noqa: E402
from interview_dataset.cli import run  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_dataset.py", description=__doc__.splitlines()[0])
    add_build_arguments(parser, root=ROOT, where="this repository")
    args = parser.parse_args(argv)
    args.command = "build"
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
