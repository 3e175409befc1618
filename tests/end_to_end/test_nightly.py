"""The real DAG, run by Airflow's dag.test(), over synthetic nights into a real warehouse."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from onestop.calendar import BusinessCalendar
from onestop.contract import SERVICES
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


def delivered_services(landing: Path) -> dict[str, dict[str, str]]:
    """The latest delivered version of every service, read straight from the CSV files."""
    latest: dict[str, dict[str, str]] = {}
    for night in THREE_NIGHTS:
        path = landing / night.isoformat() / SERVICES.file_name(night)
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                latest[row["service_id"]] = row
    return latest


def test_three_nights_publish_the_three_marts(published_three_nights: Path) -> None:
    tables = {
        r[0]
        for r in query(
            published_three_nights,
            "select table_name from information_schema.tables where table_schema = 'marts'",
        )
    }
    assert {
        "dim_calendar",
        "fct_service_entries",
        "rpt_entry_timeliness",
        "fct_resea_appointments",
        "rpt_resea_timeliness",
        "fct_resea_osos_reconciliation",
        "rpt_resea_eta9128_quarterly",
    } <= tables
    published = [
        e["extract_date"]
        for e in read_events(published_three_nights / "warehouse" / "load_audit.jsonl")
        if e["step"] == "publish"
    ]
    assert published == [n.isoformat() for n in THREE_NIGHTS]


def test_every_delivered_service_appears_once_with_the_right_lag(published_three_nights: Path):
    delivered = delivered_services(published_three_nights / "landing")
    rows = query(
        published_three_nights,
        """
        select service_id, service_date, entry_date, entry_lag_business_days, is_timely,
               participant_key, lwda_code
        from marts.fct_service_entries""",
    )
    assert len(rows) == len(delivered) and {r[0] for r in rows} == set(delivered)
    calendar = BusinessCalendar.new_york()
    new_york = ZoneInfo("America/New_York")
    for service_id, service_date, entry_date, lag, is_timely, participant_key, lwda in rows:
        source = delivered[service_id]
        entered = datetime.fromisoformat(source["entered_at"]).astimezone(new_york).date()
        # Independent oracle: count business days d with service_date < d <= entry date.
        expected = sum(
            1
            for offset in range(1, (entered - service_date).days + 1)
            if calendar.is_business_day(date.fromordinal(service_date.toordinal() + offset))
        )
        assert entry_date == entered, service_id
        assert lag == expected, service_id
        assert is_timely == (lag <= 5)
        assert participant_key != source["participant_id"] and len(participant_key) == 64
        assert lwda is not None


def test_report_adds_up_to_the_fact_table(published_three_nights: Path) -> None:
    (facts,) = query(published_three_nights, "select count(*) from marts.fct_service_entries")[0]
    services, timely, bad_pct = query(
        published_three_nights,
        """
        select sum(services), sum(timely_services),
               count(*) filter (where pct_timely < 0 or pct_timely > 100)
        from marts.rpt_entry_timeliness""",
    )[0]
    assert services == facts and 0 < timely <= services and bad_pct == 0


def test_calendar_mart_covers_2000_to_2040(published_three_nights: Path) -> None:
    days, first, last = query(
        published_three_nights,
        """
        select count(*), min(calendar_date), max(calendar_date) from marts.dim_calendar""",
    )[0]
    assert (days, first, last) == (14976, date(2000, 1, 1), date(2040, 12, 31))
    holiday = query(
        published_three_nights,
        """
        select is_business_day, holiday_name from marts.dim_calendar
        where calendar_date = '2026-11-26'""",
    )
    assert holiday == [(False, "Thanksgiving Day")]


@pytest.mark.parametrize(
    ("defect", "expected"),
    [
        (
            f"missing_column@{NEXT_NIGHT}:osos__services",
            "osos_services_20261123.csv: rule 'columns as in the extract contract, in order'",
        ),
        (
            f"null_key@{NEXT_NIGHT}:osos__services x2",
            "osos_services_20261123.csv, column service_id: rule 'key not null'",
        ),
        (
            f"entry_before_service@{NEXT_NIGHT}:osos__services x2",
            "column entered_at / service_date: rule 'entered_at not before service_date'",
        ),
        (
            f"missing_control_file@{NEXT_NIGHT}",
            "drop for 2026-11-23 incomplete: control file missing",
        ),
    ],
)
def test_a_bad_drop_is_blocked_and_nothing_is_published(
    published_three_nights: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    defect: str,
    expected: str,
) -> None:
    data_dir = copy_data_dir(published_three_nights, tmp_path / "data")
    deliver_next_night(data_dir, defect)
    before = sha256(warehouse(data_dir))

    assert run_through_dag(data_dir, [NEXT_NIGHT], monkeypatch) == ["failed"]

    assert sha256(warehouse(data_dir)) == before
    blocked = [
        e
        for e in read_events(data_dir / "warehouse" / "load_audit.jsonl")
        if e["extract_date"] == NEXT_NIGHT.isoformat() and e["status"] == "blocked"
    ]
    assert any(expected in e["message"] for e in blocked), blocked
    assert not (data_dir / "work" / NEXT_NIGHT.isoformat()).exists() or not any(
        (data_dir / "work" / NEXT_NIGHT.isoformat()).rglob("*.duckdb")
    ), "scratch databases must be cleaned up"


def test_rerun_gives_the_same_marts_while_an_analyst_reads(
    published_three_nights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = copy_data_dir(published_three_nights, tmp_path / "data")
    snapshot = """select md5(string_agg(t::varchar, '|' order by service_id))
                  from marts.fct_service_entries t"""
    before = query(data_dir, snapshot)
    analyst = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time\n"
            f"con = duckdb.connect({str(warehouse(data_dir))!r}, read_only=True)\n"
            "print(con.execute('select count(*) from marts.fct_service_entries').fetchone()[0],"
            " flush=True)\n"
            "time.sleep(300)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert int(analyst.stdout.readline()) > 0  # the analyst's connection is open
        assert run_through_dag(data_dir, [THREE_NIGHTS[-1]], monkeypatch) == ["success"]
        assert analyst.poll() is None
    finally:
        analyst.kill()
        analyst.wait()
    assert query(data_dir, snapshot) == before
    (rows,) = query(
        data_dir,
        """select count(*) - count(distinct service_id)
                                 from raw.osos__services where _extract_date = '2026-11-22'""",
    )[0]
    assert rows == 0


def test_the_summary_reads_marts_that_add_up_to_the_facts(published_three_nights: Path) -> None:
    """The run summary's figures are the rpt_ marts' (views, not listed among the mart
    tables), and they agree with the facts counted here, independently of the marts."""
    from onestop.reports.summary import summarise

    summary = summarise(
        warehouse(published_three_nights),
        published_three_nights / "warehouse" / "load_audit.jsonl",
    )
    assert summary.nights_published == [n.isoformat() for n in THREE_NIGHTS]
    assert "fct_service_entries" in summary.mart_rows
    assert "rpt_entry_timeliness_by_lwda" not in summary.mart_rows

    counted = {
        code: (services, timely)
        for code, services, timely in query(
            published_three_nights,
            "select lwda_code, count(*), count(*) filter (where is_timely) "
            "from marts.fct_service_entries group by all",
        )
    }
    assert {lwda.lwda_code: lwda.services for lwda in summary.timely_by_lwda} == {
        code: services for code, (services, _) in counted.items()
    }
    for lwda in summary.timely_by_lwda:
        services, timely = counted[lwda.lwda_code]
        assert abs(lwda.pct_timely - 100 * timely / services) <= 0.05 + 1e-9, lwda

    # The nights and months the site reports on: the published nights of the load audit.
    assert query(
        published_three_nights,
        "select first_published_night, as_of_night, this_month, last_month "
        "from marts.rpt_reporting_period",
    ) == [(THREE_NIGHTS[0], THREE_NIGHTS[-1], date(2026, 11, 1), date(2026, 10, 1))]
    statewide = query(
        published_three_nights,
        "select services, timely_services, pct_timely from marts.rpt_entry_timeliness_by_area "
        "where area_level = 'statewide' and period = 'this_month'",
    )
    november = query(
        published_three_nights,
        "select count(*), count(*) filter (where is_timely) from marts.fct_service_entries "
        "where service_month = '2026-11-01'",
    )
    (services, timely) = november[0]
    assert statewide == [(services, timely, 100.0 * timely / services)]

    assert summary.resea is not None and summary.access is not None
    assert (
        sum(s.attended_appointments for s in summary.reconciliation)
        == summary.resea.attended_appointments
        > 0
    )
    (uncovered,) = query(
        published_three_nights, "select count(*) from marts.fct_access_compliance"
    )[0]
    assert (
        summary.access.uncovered_entries
        == sum(u.uncovered_entries for u in summary.uncovered_by_kind)
        == uncovered
        > 0
    )
