"""RESEA marts on the warehouse the real DAG published, checked against the delivered CSVs.

The oracle recomputes every lag and every reconciliation status in Python from
the landing files (the fixture's three nights) with the project's calendar, so
the SQL is checked against an independent reading of the contract, and the
labelled attended_without_service defect must come out 'missing'.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from onestop.calendar import BusinessCalendar
from onestop.contract import (
    APPOINTMENT_OUTCOME_STATUSES,
    APPOINTMENTS,
    CLAIMANTS,
    RESEA_SERVICE_CODES,
    SERVICES,
    Entity,
)
from onestop.nightly.audit import read_events

from tests.support import (
    NEXT_NIGHT,
    THREE_NIGHTS,
    copy_data_dir,
    deliver_next_night,
    query,
    run_through_dag,
    sha256,
    warehouse,
)

CALENDAR = BusinessCalendar.new_york()
NEW_YORK = ZoneInfo("America/New_York")


def business_days(start: date, end: date) -> int:
    """Business days d with start < d <= end (negative when end is before start)."""
    if end < start:
        return -business_days(end, start)
    return sum(
        CALENDAR.is_business_day(start + timedelta(days=offset))
        for offset in range(1, (end - start).days + 1)
    )


def office_date(stamp: str) -> date:
    return datetime.fromisoformat(stamp).astimezone(NEW_YORK).date()


def latest(landing: Path, entity: Entity) -> dict[str, dict[str, str]]:
    """The latest delivered version of every row of an entity, keyed by its key."""
    rows: dict[str, dict[str, str]] = {}
    for night in THREE_NIGHTS:
        path = landing / night.isoformat() / entity.file_name(night)
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rows[row[entity.key[0]]] = row
    return rows


@pytest.fixture(scope="module")
def delivered(published_three_nights: Path) -> dict[str, dict[str, dict[str, str]]]:
    landing = published_three_nights / "landing"
    return {e.table: latest(landing, e) for e in (CLAIMANTS, APPOINTMENTS, SERVICES)}


def test_appointment_lags_match_the_delivered_files(published_three_nights: Path, delivered):
    claimants = delivered[CLAIMANTS.table]
    appointments = delivered[APPOINTMENTS.table]
    first_initial: dict[str, str] = {}
    for appointment_id, row in sorted(
        appointments.items(), key=lambda i: (i[1]["appointment_date"], i[1]["scheduled_on"], i[0])
    ):
        if row["appointment_type"] == "INITIAL":
            first_initial.setdefault(row["claimant_id"], appointment_id)
    rows = query(
        published_three_nights,
        """
        select appointment_id, appointment_status, is_first_initial,
               scheduling_lag_business_days, is_scheduled_timely,
               outcome_lag_business_days, is_outcome_timely, lwda_code
        from marts.fct_resea_appointments""",
    )
    assert {r[0] for r in rows} == set(appointments)
    judged = outcomes = 0
    for appointment_id, status, is_first, lag, timely, outcome_lag, outcome_timely, lwda in rows:
        source = appointments[appointment_id]
        claimant = claimants[source["claimant_id"]]
        held = date.fromisoformat(source["appointment_date"])
        assert status == source["status"] and lwda is not None, appointment_id
        assert is_first == (first_initial.get(source["claimant_id"]) == appointment_id)
        if source["appointment_type"] == "INITIAL":
            expected = business_days(date.fromisoformat(claimant["first_payment_date"]), held)
            assert lag == expected, appointment_id
        else:
            assert lag is None, appointment_id
        assert timely == (lag <= 10 if is_first else None), appointment_id
        judged += is_first
        if source["status"] in APPOINTMENT_OUTCOME_STATUSES:
            expected = business_days(held, office_date(source["status_recorded_at"]))
            assert (outcome_lag, outcome_timely) == (expected, expected <= 5), appointment_id
            outcomes += 1
        else:
            assert (outcome_lag, outcome_timely) == (None, None), appointment_id
    assert judged > 0 and outcomes > 0


def test_reconciliation_matches_the_delivered_files_and_finds_the_labelled_gaps(
    published_three_nights: Path, delivered, three_night_drops
) -> None:
    crosswalk = {
        claimant_id: row["osos_participant_id"]
        for claimant_id, row in delivered[CLAIMANTS.table].items()
    }
    lags: dict[tuple[str, str], list[int]] = {}  # (participant, service date) -> entry lags
    for service in delivered[SERVICES.table].values():
        if service["service_code"] in RESEA_SERVICE_CODES:
            served = date.fromisoformat(service["service_date"])
            lags.setdefault((service["participant_id"], service["service_date"]), []).append(
                business_days(served, office_date(service["entered_at"]))
            )
    expected: dict[str, tuple[str, int | None]] = {}
    for appointment_id, row in delivered[APPOINTMENTS.table].items():
        if row["status"] != "ATTENDED":
            continue
        found = lags.get((crosswalk[row["claimant_id"]], row["appointment_date"]))
        if not found:
            expected[appointment_id] = ("missing", None)
        else:
            expected[appointment_id] = (
                "matched" if min(found) <= 5 else "matched_late",
                min(found),
            )
    rows = query(
        published_three_nights,
        """
        select appointment_id, match_status, entry_lag_business_days
        from marts.fct_resea_osos_reconciliation""",
    )
    assert {r[0]: (r[1], r[2]) for r in rows} == expected
    [label] = [d for d in three_night_drops[1].defects if d["kind"] == "attended_without_service"]
    assert len(label["values"]) == 1
    assert all(expected[appointment_id][0] == "missing" for appointment_id in label["values"])
    assert any(status == "matched" for status, _ in expected.values())


def test_resea_reports_add_up_to_the_fact_tables(published_three_nights: Path) -> None:
    (appointments, attended, failed, first_initials) = query(
        published_three_nights,
        """
        select count(*), count(*) filter (where appointment_status = 'ATTENDED'),
               count(*) filter (where appointment_status = 'FAILED_TO_REPORT'),
               count(*) filter (where is_first_initial)
        from marts.fct_resea_appointments""",
    )[0]
    assert query(
        published_three_nights,
        """
        select sum(appointments_scheduled), sum(attended), sum(failed_to_report),
               count(*) filter (where pct_scheduled_timely not between 0 and 100
                                   or pct_outcomes_timely not between 0 and 100)
        from marts.rpt_resea_timeliness""",
    ) == [(appointments, attended, failed, 0)]
    assert query(
        published_three_nights,
        """
        select sum(reseas_scheduled), sum(reseas_completed), sum(failed_to_report),
               sum(claimants_scheduled_first_initial)
        from marts.rpt_resea_eta9128_quarterly""",
    ) == [(appointments, attended, failed, first_initials)]
    (reconciled,) = query(
        published_three_nights, "select count(*) from marts.fct_resea_osos_reconciliation"
    )[0]
    assert reconciled == attended > 0


def test_an_appointment_before_its_claimants_selection_refuses_the_night(
    published_three_nights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cross-file rule: the gate passes the file, the warehouse's dbt test refuses it."""
    data_dir = copy_data_dir(published_three_nights, tmp_path / "data")
    deliver_next_night(data_dir, f"appointment_before_selection@{NEXT_NIGHT}:reos__appointments")
    before = sha256(warehouse(data_dir))

    assert run_through_dag(data_dir, [NEXT_NIGHT], monkeypatch) == ["failed"]

    assert sha256(warehouse(data_dir)) == before
    events = [
        e
        for e in read_events(data_dir / "warehouse" / "load_audit.jsonl")
        if e["extract_date"] == NEXT_NIGHT.isoformat()
    ]
    assert [e["status"] for e in events if e["step"] == "gate"] == ["ok"]
    [build] = [e for e in events if e["step"] == "build"]
    assert build["status"] == "failed"
    assert "reos_appointment_not_before_claimant_selection" in build["message"]
    assert "fail (1)" in build["message"]
