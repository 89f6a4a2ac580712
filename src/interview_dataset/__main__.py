"""`python -m interview_dataset` runs the command line."""

import sys

from interview_dataset.cli import main

sys.exit(main())
