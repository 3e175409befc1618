"""Build: a candidate warehouse with the night in ``raw``, built and tested by dbt.

The candidate starts as a copy of the published warehouse; the gated night is
promoted into its ``raw`` schema (``promote``), with its quarantined rows and
the load audit beside it, and one ``dbt build`` (``dbt_runner``) runs every model
and data test. A failed test refuses the candidate: it is never published.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from onestop.nightly.audit import copy_into, record_step
from onestop.nightly.dbt_runner import dbt_build
from onestop.nightly.plan import Night
from onestop.nightly.promote import (
    night_already_loaded,
    promote_night,
    record_night_loads,
    write_calendar,
)
from onestop.nightly.quarantine import promote_quarantined
from onestop.settings import Settings


def build(settings: Settings, night: Night) -> str:
    """Copy the published warehouse, add the night to ``raw``, and ``dbt build`` it."""
    counts, reloaded = prepare_candidate(settings, night)
    try:
        # A night loaded before is replaced in raw: rows it no longer carries must leave
        # the incremental facts too, so a re-run rebuilds them in full.
        summary = dbt_build(settings, night.candidate, full_refresh=reloaded)
    except Exception as exc:
        record_step(settings, night, "build", "failed", str(exc).splitlines()[0])
        raise
    record_step(settings, night, "build", "ok", f"raw rows {sum(counts.values())}; dbt {summary}")
    return summary


def prepare_candidate(settings: Settings, night: Night) -> tuple[dict[str, int], bool]:
    """Copy the published warehouse and replace the night's rows in its ``raw``.

    Returns the raw row counts and whether the night had been loaded before.
    """
    start_candidate(settings.warehouse_path, night.candidate)
    with duckdb.connect(str(night.candidate)) as con:
        write_calendar(con, settings.office_calendar())
        reloaded = night_already_loaded(con, night.day)
        counts = promote_night(con, night.landing_db, night.day, settings.pseudonym_secret())
        promote_quarantined(con, night.landing_db, night.day)
        record_night_loads(con, [night])
        copy_into(con, settings.audit_log)
    return counts, reloaded


def start_candidate(published: Path, candidate: Path) -> None:
    """A candidate begins as a copy of the published warehouse (or empty on the first night)."""
    candidate.parent.mkdir(parents=True, exist_ok=True)
    for stale in (candidate, candidate.with_name(candidate.name + ".wal")):
        stale.unlink(missing_ok=True)
    if published.exists():
        shutil.copyfile(published, candidate)


def promote_history(settings: Settings, candidate: Path, nights: list[Night]) -> None:
    """Promote many landed (and gated) nights into one new candidate, for a full rebuild.

    Every night is named in ``raw.night_loads``, so the build that follows sees the
    whole history as its loads; the load audit is copied in, as a nightly build
    copies it (the reporting marts read the published nights from both). A
    connection per night, as a nightly run has:
    ``promote_night`` registers a function, which DuckDB refuses while an earlier
    result is still open.
    """
    candidate.unlink(missing_ok=True)
    candidate.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(candidate)) as con:
        write_calendar(con, settings.office_calendar())
        record_night_loads(con, nights)
        copy_into(con, settings.audit_log)
    for night in nights:
        with duckdb.connect(str(candidate)) as con:
            promote_night(con, night.landing_db, night.day, settings.pseudonym_secret())
            promote_quarantined(con, night.landing_db, night.day)
