"""What a process forked by the build does first: ask to die with the build.

Both helpers of a build (``loading.read_ahead`` and ``outputs.background``) call it,
so a killed build leaves no process behind that reads or writes on.
"""

from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """Ask Linux to kill this process when the build dies, so nothing writes on after a killed build.

    Strictly, Linux sends the signal when the thread that started this process ends;
    MkDocs builds in one thread, so that is when the build ends.
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: a killed build's pipes still stop the work at its next read
        return
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)
