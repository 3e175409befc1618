"""Crash points for the crash-safety tests: a hard kill at a named place of a step.

Why in the product code: a kill -9 timed from outside lands anywhere, so a test
could pass by luck; a process that kills itself at a named point (half-way
through land, between keeping the previous warehouse and swapping in the new
one) makes every test hit the moment it means to. It does nothing unless
``ONESTOP_CRASH_AT`` names the point.
"""

from __future__ import annotations

import os
import signal

from onestop.settings import load_settings


def crash_point(name: str) -> None:
    """SIGKILL this process here if ``ONESTOP_CRASH_AT`` is ``name``: no cleanup runs."""
    if load_settings().crash_at == name:
        os.kill(os.getpid(), signal.SIGKILL)
