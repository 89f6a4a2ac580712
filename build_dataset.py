"""Build the dataset: `python build_dataset.py [--sources DIR] [--out DIR] [--check]`.

A thin entry point over `interview-dataset build`; see README.md.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))  # run from a checkout without installing

from interview_dataset.cli import add_build_arguments, run  # noqa: E402

if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="build_dataset.py", description=__doc__.splitlines()[0])
    add_build_arguments(parser, root=Path(__file__).resolve().parent, where="this repository")
    args = parser.parse_args()
    args.command = "build"
    sys.exit(run(args))
