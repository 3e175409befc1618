"""Row-count collapse, part of the gate: a night with far fewer rows than the recent nights
is blocked.

Why: a half-run extract job writes well-formed files whose control file agrees
with them, so every other check passes, and a night with half its services
would publish a timeliness report that looks fine but is wrong. The history is
the load audit (rows landed by every published attempt), so the check needs no
connection to the published warehouse.

Weekends and holidays carry a few percent of a business day's services, so a
night is compared only with nights of its own kind (office business day or
not), and only when that median is large enough to judge (``MIN_MEDIAN_ROWS``).
Snapshot files (offices, staff) and services are watched: the other delta
files follow the day's activity too closely to judge one night.
"""

from __future__ import annotations

import statistics
from datetime import date
from pathlib import Path

from onestop.calendar import BusinessCalendar
from onestop.contract import ENTITIES, SERVICES
from onestop.nightly.audit import read_events

COLLAPSE_SHARE = 0.5  # fewer than half the median rows blocks the night
HISTORY_NIGHTS = 7  # the last seven published nights of the same kind
MIN_MEDIAN_ROWS = 50  # below this the median is too small to judge a night by
WATCHED = tuple(e.table for e in ENTITIES if e.delivery == "snapshot" or e is SERVICES)


def published_rows(log: Path) -> dict[date, dict[str, int]]:
    """Rows landed per table by the last published attempt of every night."""
    events = read_events(log)
    published = {
        e["extract_date"]: e["load_id"]
        for e in events
        if e["step"] == "publish" and e["status"] == "published"
    }
    history: dict[date, dict[str, int]] = {}
    for e in events:
        if e["step"] == "land" and published.get(e["extract_date"]) == e["load_id"]:
            history.setdefault(date.fromisoformat(e["extract_date"]), {})[e["entity"]] = e["rows"]
    return history


def collapses(
    log: Path, night: date, landed: dict[str, int], calendar: BusinessCalendar
) -> list[tuple[str, str]]:
    """(file, message) per watched file whose rows fell below ``COLLAPSE_SHARE`` of the
    median."""
    kind = calendar.is_business_day(night)
    history = published_rows(log)
    similar = sorted(d for d in history if d < night and calendar.is_business_day(d) == kind)
    recent = similar[-HISTORY_NIGHTS:]
    label = "business days" if kind else "weekend and holiday nights"
    problems = []
    for entity in ENTITIES:
        table = entity.table
        counts = [history[d][table] for d in recent if table in history[d]]
        if table not in WATCHED or not counts or table not in landed:
            continue
        median = statistics.median(counts)
        if median >= MIN_MEDIAN_ROWS and landed[table] < COLLAPSE_SHARE * median:
            file = entity.file_name(night)
            rule = f"row count not below {COLLAPSE_SHARE:.0%} of the recent median"
            problems.append(
                (
                    file,
                    f"{file}: rule '{rule}' broken: {landed[table]} rows, median {median:g} "
                    f"over the last {len(counts)} published {label}",
                )
            )
    return problems
