"""Points of a build where the crash tests stop it: set INTERVIEW_DATASET_KILL_AT or INTERVIEW_DATASET_PAUSE_AT
to a point's name; unset, a failpoint does nothing."""

from __future__ import annotations

import os
import signal
import sys
import time

#: Points of a build where the crash tests kill it (tests/test_crash.py), in order.
FAILPOINTS = ("start", "mid-write", "after-write", "after-validate", "after-swap", "after-publish")


def failpoint(name: str) -> None:
    """A test hook: with INTERVIEW_DATASET_KILL_AT=<name> set, the build kills itself with SIGKILL here; with
    INTERVIEW_DATASET_PAUSE_AT=<name>, it says so on stderr and waits to be signalled. The crash tests thus
    reach every phase whatever the machine's speed. Unset, it does nothing."""
    if os.environ.get("INTERVIEW_DATASET_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get("INTERVIEW_DATASET_PAUSE_AT") == name:
        print(f"paused at {name}", file=sys.stderr, flush=True)
        time.sleep(300)
