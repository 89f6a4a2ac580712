"""`python -m interview_dataset` runs the command line."""

import sys

from .cli import main

sys.exit(main())
