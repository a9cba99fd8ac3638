"""Standard output that never fails on the way out: when its reader has gone or its
disk is full, what it still holds goes nowhere, so that exiting does not fail again.
"""

from __future__ import annotations

import contextlib
import os
import sys


def discard_stdout() -> None:
    """Send whatever standard output still holds, and will be given, nowhere: its
    reader has gone, or its disk is full, and exiting must not try again."""
    with contextlib.suppress(AttributeError, ValueError, OSError):
        target = sys.stdout.fileno()
        nowhere = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(nowhere, target)
        finally:
            os.close(nowhere)
