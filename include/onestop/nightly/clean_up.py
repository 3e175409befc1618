"""Clean up: delete an attempt's scratch files, and what killed attempts left behind.

The landing database holds personal data in clear, so no attempt may leave it on
disk: the DAG runs ``clean_up`` as a teardown whatever happened, and ``verify``
starts by deleting the folders of earlier attempts at the same night.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from onestop.nightly.plan import Night
from onestop.settings import Settings


def clean_up(night: Night) -> None:
    """Delete the attempt's scratch folder: its landing database holds personal data in clear."""
    shutil.rmtree(night.run_dir, ignore_errors=True)


def clear_stale_attempts(settings: Settings, night: Night) -> None:
    """Delete what earlier attempts at this night left behind when they were killed.

    A run killed hard (kill -9, a lost worker) never reaches ``clean_up``: its landing
    database, with personal data in clear, and its half-built candidate stay on disk.
    One run per night at a time (``max_active_runs=1``) makes every other attempt
    folder of the night stale by the time a new attempt starts.
    """
    night_dir = Path(night.run_dir).parent
    if night_dir.is_dir():
        for attempt in night_dir.iterdir():
            if attempt.name != night.load_id:
                shutil.rmtree(attempt, ignore_errors=True)
    incoming = settings.warehouse_path.with_name(settings.warehouse_path.name + ".incoming")
    incoming.unlink(missing_ok=True)
