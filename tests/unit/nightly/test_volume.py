"""Row-count collapse: a night far below the recent median of its own kind is blocked."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from onestop.calendar import BusinessCalendar
from onestop.nightly.audit import AuditEvent, record
from onestop.nightly.volume import collapses, published_rows

#: No holidays: only weekends are closed, so the kinds of night are easy to see.
CALENDAR = BusinessCalendar(())
MONDAY = date(2026, 11, 23)
SATURDAY = date(2026, 11, 21)
SERVICES = "osos__services"
RULE = "row count not below 50% of the recent median"


def landed(log: Path, night: date, rows: dict[str, int], *, published: bool = True) -> None:
    """One attempt at ``night`` in the audit log: its land events and, maybe, its publish."""
    load_id = f"{night:%Y%m%d}-{'ok' if published else 'blocked'}"
    for table, count in rows.items():
        record(log, AuditEvent(load_id, night.isoformat(), "land", "ok", entity=table, rows=count))
    status = ("publish", "published") if published else ("gate", "blocked")
    record(log, AuditEvent(load_id, night.isoformat(), *status))


def history(log: Path, before: date, days: int, business: int, closed: int) -> None:
    """``days`` published nights before ``before``: ``business`` services on business days,
    ``closed`` on weekends; 120 offices every night."""
    for back in range(1, days + 1):
        night = before - timedelta(days=back)
        services = business if CALENDAR.is_business_day(night) else closed
        landed(log, night, {SERVICES: services, "osos__offices": 120})


def test_a_business_day_below_half_the_business_median_collapses(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    history(log, MONDAY, 14, business=100, closed=5)
    problems = collapses(log, MONDAY, {SERVICES: 40, "osos__offices": 120}, CALENDAR)
    assert problems == [
        (
            "osos_services_20261123.csv",
            f"osos_services_20261123.csv: rule '{RULE}' broken: 40 rows, median 100 "
            "over the last 7 published business days",
        )
    ]
    assert collapses(log, MONDAY, {SERVICES: 50, "osos__offices": 120}, CALENDAR) == []


def test_a_weekend_night_is_judged_against_weekends_only(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    history(log, MONDAY, 14, business=100, closed=300)
    # 120 services would be a fine Monday but is well below the weekends' 300
    [(file, message)] = collapses(log, SATURDAY + timedelta(days=7), {SERVICES: 120}, CALENDAR)
    assert file == "osos_services_20261128.csv"
    assert message.endswith(
        "120 rows, median 300 over the last 4 published weekend and holiday nights"
    )
    assert collapses(log, MONDAY, {SERVICES: 120}, CALENDAR) == []


def test_a_holiday_counts_as_a_closed_night(tmp_path: Path) -> None:
    thanksgiving = BusinessCalendar.new_york()
    log = tmp_path / "audit.jsonl"
    history(log, MONDAY, 14, business=100, closed=5)
    # Thanksgiving (Thu 26 Nov) with 4 services is a normal closed day, not a collapse
    assert collapses(log, date(2026, 11, 26), {SERVICES: 4}, thanksgiving) == []
    assert collapses(log, date(2026, 11, 25), {SERVICES: 4}, thanksgiving) != []


def test_medians_below_fifty_rows_are_not_judged(tmp_path: Path) -> None:
    small, enough = tmp_path / "small.jsonl", tmp_path / "enough.jsonl"
    history(small, MONDAY, 14, business=49, closed=0)
    history(enough, MONDAY, 14, business=50, closed=0)
    assert collapses(small, MONDAY, {SERVICES: 0}, CALENDAR) == []
    assert [f for f, _ in collapses(enough, MONDAY, {SERVICES: 0}, CALENDAR)] == [
        "osos_services_20261123.csv"
    ]


def test_only_the_last_published_nights_of_the_kind_count(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    history(log, MONDAY - timedelta(days=14), 28, business=1000, closed=5)  # older, larger
    history(log, MONDAY, 14, business=100, closed=5)  # the last 10 business days: 100
    assert collapses(log, MONDAY, {SERVICES: 60}, CALENDAR) == []
    # Nights after the one judged (a re-run of an old night) are no history of it
    for later in range(1, 5):
        landed(log, MONDAY + timedelta(days=later), {SERVICES: 100_000})
    assert collapses(log, MONDAY, {SERVICES: 60}, CALENDAR) == []


def test_attempts_never_published_are_no_history(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    history(log, MONDAY, 14, business=100, closed=5)
    for back in (3, 4, 5, 6, 7):  # blocked attempts, with enormous counts, at Mon..Fri
        landed(log, MONDAY - timedelta(days=back), {SERVICES: 10_000}, published=False)
    assert collapses(log, MONDAY, {SERVICES: 60}, CALENDAR) == []
    rows = published_rows(log)
    assert rows[MONDAY - timedelta(days=3)] == {SERVICES: 100, "osos__offices": 120}
    assert len(rows) == 14


def test_only_snapshots_and_services_are_watched(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    for back in range(1, 8):
        landed(
            log,
            MONDAY - timedelta(days=back),
            {"osos__participants": 500, "osos__offices": 120, "osos__staff_users": 900},
        )
    problems = collapses(
        log,
        MONDAY,
        {"osos__participants": 1, "osos__offices": 59, "osos__staff_users": 900},
        CALENDAR,
    )
    assert [file for file, _ in problems] == ["osos_offices_20261123.csv"]
    # A file the night did not land is not judged either
    assert collapses(log, MONDAY, {"osos__staff_users": 900}, CALENDAR) == []


def test_no_history_no_judgement(tmp_path: Path) -> None:
    assert collapses(tmp_path / "missing.jsonl", MONDAY, {SERVICES: 0}, CALENDAR) == []
    assert published_rows(tmp_path / "missing.jsonl") == {}
