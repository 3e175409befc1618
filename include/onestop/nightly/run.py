"""Run: every step of one night in order, in this process (the DAG's tasks, without Airflow).

For tests and tools that need one night fast.
"""

from __future__ import annotations

from datetime import date

from onestop.nightly.build import build
from onestop.nightly.clean_up import clean_up
from onestop.nightly.gate import gate
from onestop.nightly.land import land
from onestop.nightly.plan import Night, plan
from onestop.nightly.publish import publish
from onestop.nightly.quarantine import quarantine
from onestop.nightly.verify import verify
from onestop.settings import Settings


def run_night(settings: Settings, extract_date: date, attempt: str) -> Night:
    """Plan, verify, land, quarantine, gate, build and publish one night; always clean up.

    Raises what the failing step raised (``DropBlocked``, ``PublishRefused``).
    """
    night = plan(settings, extract_date, attempt)
    try:
        verify(settings, night)
        land(settings, night)
        quarantine(settings, night)
        gate(settings, night)
        build(settings, night)
        publish(settings, night)
    finally:
        clean_up(night)
    return night
