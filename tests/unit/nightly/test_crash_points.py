"""Crash points: a process kills itself at the named point, and nowhere else."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

STEP = (
    "from onestop.nightly.crash_points import crash_point\n"
    "print('before', flush=True)\n"
    "crash_point('land')\n"
    "print('after', flush=True)\n"
)


def run_step(crash_at: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ONESTOP_CRASH_AT"}
    if crash_at is not None:
        env["ONESTOP_CRASH_AT"] = crash_at
    return subprocess.run(
        [sys.executable, "-c", STEP], env=env, capture_output=True, text=True, timeout=60
    )


def test_the_named_point_kills_the_process_with_sigkill() -> None:
    killed = run_step("land")
    assert killed.returncode == -signal.SIGKILL
    assert killed.stdout == "before\n"  # nothing after the point ran


@pytest.mark.parametrize("crash_at", [None, "", "publish"])
def test_any_other_setting_changes_nothing(crash_at: str | None) -> None:
    survived = run_step(crash_at)
    assert survived.returncode == 0, survived.stderr
    assert survived.stdout == "before\nafter\n"
