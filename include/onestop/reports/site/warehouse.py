"""What the site shows, read from the published warehouse's marts.

Every figure comes from a ``marts.rpt_*`` model, at the grain a page shows it
(statewide, LWDA and office rows; days; lags; worklist rows): the reads below
select and order rows, they compute nothing. The exposures in
``dbt_project/models/exposures.yml`` name the marts each page reads. The
connection is read-only and closed before the function returns: DuckDB caches
one database instance per path in a process, and the nightly run in the same
process must be able to swap the file afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class Rate:
    """A numerator, its denominator and the percentage the mart computed from them
    (None when the denominator is 0); the page decides whether it may be shown."""

    hits: int
    total: int
    pct: float | None


@dataclass(frozen=True)
class Office:
    office_id: str
    office_name: str
    timely_this_month: Rate
    timely_last_month: Rate
    median_lag: float | None
    ready_this_quarter: Rate
    resea_scheduled_timely: Rate


@dataclass(frozen=True)
class WorklistRow:
    """``marts.rpt_late_entry_worklist``: late entries of one staff key, office and service."""

    staff_key: str
    office_id: str
    service_name: str
    late_services: int
    newest_service_date: date
    newest_entry_date: date
    longest_lag: int


@dataclass(frozen=True)
class ReadinessGap:
    """``marts.rpt_readiness_element_gaps``: records missing a PIRL element or with an
    invalid value."""

    pirl_element: int
    element_name: str
    records_missing: int
    records_invalid: int


@dataclass(frozen=True)
class Lwda:
    code: str
    name: str
    timely_this_month: Rate
    timely_last_month: Rate
    ready_this_quarter: Rate
    resea_scheduled_timely: Rate
    offices: list[Office] = field(default_factory=list)
    daily_timely: list[tuple[date, Rate]] = field(default_factory=list)
    lag_counts: dict[int, int] = field(default_factory=dict)  # lag (capped) -> services
    worklist: list[WorklistRow] = field(default_factory=list)
    readiness_gaps: list[ReadinessGap] = field(default_factory=list)


@dataclass(frozen=True)
class UncoveredEntries:
    """``marts.rpt_access_headline`` and ``rpt_access_uncovered_by_kind`` (all systems)."""

    total: int
    by_kind: dict[str, int]


@dataclass(frozen=True)
class WarehouseFacts:
    first_night: date  # the first night in the published warehouse
    as_of: date  # the latest night in the published warehouse
    this_month: date
    last_month: date
    report_quarter: str
    recent_days: int  # days of entries behind the lag distribution and the worklist
    lag_cap: int  # lags from this many business days up share the last bar
    worklist_rows: int  # at most this many worklist rows per LWDA
    timely_this_month: Rate
    timely_last_month: Rate
    ready_this_quarter: Rate
    resea_scheduled_timely: Rate
    daily_timely: list[tuple[date, Rate]]
    lwdas: list[Lwda]
    uncovered: UncoveredEntries


def read_warehouse(warehouse: Path) -> WarehouseFacts:
    """Everything the pages need, in one read-only visit to the published file."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return _read(con)
    finally:
        con.close()


_AreaKey = tuple[str, str | None, str | None]  # area level, LWDA code, office id


def _read(con: duckdb.DuckDBPyConnection) -> WarehouseFacts:
    (
        first_night,
        as_of,
        this_month,
        last_month,
        report_quarter,
        recent_days,
        lag_cap,
        worklist_rows,
    ) = con.execute(
        "select first_published_night, as_of_night, this_month, last_month, report_quarter, "
        "recent_days, lag_cap, worklist_rows from marts.rpt_reporting_period"
    ).fetchone()
    if as_of is None:
        raise RuntimeError("the warehouse holds no published night (marts.rpt_reporting_period)")

    timely: dict[tuple[_AreaKey, str], Rate] = {}
    medians: dict[_AreaKey, float | None] = {}
    for level, lwda, office, period, hits, total, pct, median in con.execute(
        "select area_level, lwda_code, office_id, period, timely_services, services, "
        "pct_timely, median_lag_business_days from marts.rpt_entry_timeliness_by_area"
    ).fetchall():
        timely[(level, lwda, office), period] = Rate(hits, total, pct)
        if period == "this_month":
            medians[level, lwda, office] = median
    ready = _rates(
        con,
        "select area_level, lwda_code, office_id, ready, participants, pct_ready "
        "from marts.rpt_reporting_readiness_by_area",
    )
    resea = _rates(
        con,
        "select area_level, lwda_code, office_id, first_initials_timely, "
        "first_initials_judged, pct_scheduled_timely from marts.rpt_resea_timeliness_by_area",
    )
    daily: dict[tuple[str, str | None], list[tuple[date, Rate]]] = {}
    for level, lwda, day, hits, total, pct in con.execute(
        "select area_level, lwda_code, entry_date, timely_services, services, pct_timely "
        "from marts.rpt_entry_timeliness_daily order by area_level, lwda_code, entry_date"
    ).fetchall():
        daily.setdefault((level, lwda), []).append((day, Rate(hits, total, pct)))
    lags: dict[str, dict[int, int]] = {}
    for lwda, lag, services in con.execute(
        "select lwda_code, entry_lag_bucket, services from marts.rpt_entry_lag_distribution "
        "order by lwda_code, entry_lag_bucket"
    ).fetchall():
        lags.setdefault(lwda, {})[lag] = services
    worklists: dict[str, list[WorklistRow]] = {}
    for lwda, *row in con.execute(
        "select lwda_code, staff_key, office_id, service_name, late_services, "
        "newest_service_date, newest_entry_date, longest_lag_business_days "
        "from marts.rpt_late_entry_worklist order by lwda_code, worklist_rank"
    ).fetchall():
        worklists.setdefault(lwda, []).append(WorklistRow(*row))
    gaps: dict[str, list[ReadinessGap]] = {}
    for lwda, *row in con.execute(
        "select lwda_code, pirl_element, element_name, records_missing, records_invalid "
        "from marts.rpt_readiness_element_gaps where area_level = 'lwda' "
        "order by lwda_code, records_with_gap desc, pirl_element"
    ).fetchall():
        gaps.setdefault(lwda, []).append(ReadinessGap(*row))

    def office(key: _AreaKey, office_name: str) -> Office:
        return Office(
            key[2],
            office_name,
            timely[key, "this_month"],
            timely[key, "last_month"],
            medians[key],
            ready[key],
            resea[key],
        )

    offices: dict[str, list[Office]] = {}
    for lwda, office_id, office_name in con.execute(
        "select lwda_code, office_id, office_name from marts.rpt_entry_timeliness_by_area "
        "where area_level = 'office' and period = 'this_month' order by lwda_code, office_id"
    ).fetchall():
        offices.setdefault(lwda, []).append(office(("office", lwda, office_id), office_name))
    lwdas = [
        Lwda(
            code,
            name,
            timely[("lwda", code, None), "this_month"],
            timely[("lwda", code, None), "last_month"],
            ready["lwda", code, None],
            resea["lwda", code, None],
            offices=offices.get(code, []),
            daily_timely=daily.get(("lwda", code), []),
            lag_counts=lags.get(code, {}),
            worklist=worklists.get(code, []),
            readiness_gaps=gaps.get(code, []),
        )
        for code, name in con.execute(
            "select lwda_code, lwda_name from marts.rpt_entry_timeliness_by_area "
            "where area_level = 'lwda' and period = 'this_month' order by lwda_code, lwda_name"
        ).fetchall()
    ]
    statewide: _AreaKey = ("statewide", None, None)
    return WarehouseFacts(
        first_night=first_night,
        as_of=as_of,
        this_month=this_month,
        last_month=last_month,
        report_quarter=report_quarter or "",
        recent_days=recent_days,
        lag_cap=lag_cap,
        worklist_rows=worklist_rows,
        timely_this_month=timely[statewide, "this_month"],
        timely_last_month=timely[statewide, "last_month"],
        ready_this_quarter=ready[statewide],
        resea_scheduled_timely=resea[statewide],
        daily_timely=daily.get(("statewide", None), []),
        lwdas=lwdas,
        uncovered=_uncovered(con),
    )


def _rates(con: duckdb.DuckDBPyConnection, sql: str) -> dict[_AreaKey, Rate]:
    """Rates of a by-area mart keyed by (area level, LWDA, office)."""
    return {
        (level, lwda, office): Rate(hits, total, pct)
        for level, lwda, office, hits, total, pct in con.execute(sql).fetchall()
    }


def _uncovered(con: duckdb.DuckDBPyConnection) -> UncoveredEntries:
    """Entries made without a current access agreement: the total and by kind."""
    (total,) = con.execute("select uncovered_entries from marts.rpt_access_headline").fetchone()
    by_kind = dict(
        con.execute(
            "select missing_kind, uncovered_entries from marts.rpt_access_uncovered_by_kind "
            "where rollup_level = 'all_systems' order by missing_kind"
        ).fetchall()
    )
    return UncoveredEntries(total, by_kind)
