"""What the site shows, read from the published warehouse's marts.

The metrics themselves (entry lag, timeliness, readiness, RESEA timeliness) are
computed by dbt; here they are only filtered and summed for a page. The
connection is read-only and closed before the function returns: DuckDB caches
one database instance per path in a process, and the nightly run in the same
process must be able to swap the file afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb

#: Days of entries behind the lag distribution and the late-entry worklist.
RECENT_DAYS = 28
#: The worklist shows at most this many rows per LWDA (newest first).
WORKLIST_ROWS = 40
#: Lags at or above this many business days share the last bar of the distribution.
LAG_CAP = 15


@dataclass(frozen=True)
class Rate:
    """A numerator over a denominator; the page decides whether it may be shown."""

    hits: int
    total: int

    @property
    def pct(self) -> float | None:
        return None if not self.total else 100.0 * self.hits / self.total


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
    # staff key, office, service, late services, newest service date, newest entry date, max lag
    worklist: list[tuple[str, str, str, int, date, date, int]] = field(default_factory=list)
    # PIRL element, name, records missing it, records with an invalid value
    readiness_gaps: list[tuple[int, str, int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class WarehouseFacts:
    first_night: date  # the first night in the published warehouse
    as_of: date  # the latest night in the published warehouse
    this_month: date
    last_month: date
    report_quarter: str
    timely_this_month: Rate
    timely_last_month: Rate
    ready_this_quarter: Rate
    resea_scheduled_timely: Rate
    daily_timely: list[tuple[date, Rate]]
    lwdas: list[Lwda]
    uncovered_entries: dict[str, int] | None  # by kind; None until the compliance mart exists


def read_warehouse(warehouse: Path, first_night: date, as_of: date) -> WarehouseFacts:
    """Everything the pages need, in one read-only visit to the published file.

    ``first_night`` and ``as_of`` are the first and latest published nights (from the
    load audit log: the warehouse's own copy of the audit stops before its publish).
    """
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return _read(con, first_night, as_of)
    finally:
        con.close()


def _read(con: duckdb.DuckDBPyConnection, first_night: date, as_of: date) -> WarehouseFacts:
    this_month = as_of.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    quarter = con.execute(
        "select report_quarter from marts.rpt_reporting_readiness "
        "order by program_year desc, program_quarter desc limit 1"
    ).fetchone()
    report_quarter = quarter[0] if quarter else ""

    timely = _rates(
        con,
        "select lwda_code, office_id, service_month, sum(timely_services)::bigint, "
        "sum(services)::bigint from marts.rpt_entry_timeliness "
        "where service_month in (?, ?) group by all",
        [this_month, last_month],
    )
    ready = _rates(
        con,
        "select lwda_code, office_id, report_quarter, sum(ready)::bigint, "
        "sum(participants)::bigint from marts.rpt_reporting_readiness "
        "where report_quarter = ? group by all",
        [report_quarter],
    )
    resea = _rates(
        con,
        "select lwda_code, office_id, 'all', sum(first_initials_timely)::bigint, "
        "sum(first_initials_judged)::bigint from marts.rpt_resea_timeliness group by all",
        [],
    )
    medians = {
        office: lag
        for office, lag in con.execute(
            "select office_id, median(entry_lag_business_days) from marts.fct_service_entries "
            "where service_month = ? group by office_id",
            [this_month],
        ).fetchall()
    }
    daily = _daily_timely(con, first_night, as_of)
    recent_from = as_of - timedelta(days=RECENT_DAYS - 1)

    lwdas: list[Lwda] = []
    offices = con.execute(
        "select lwda_code, lwda_name, office_id, office_name from marts.dim_offices "
        "order by lwda_code, office_id"
    ).fetchall()
    codes = sorted({(code, name) for code, name, _, _ in offices})
    for code, name in codes:
        lwda_offices = [
            Office(
                office_id,
                office_name,
                _sum(timely, code, office_id, this_month),
                _sum(timely, code, office_id, last_month),
                medians.get(office_id),
                _sum(ready, code, office_id, report_quarter),
                _sum(resea, code, office_id, "all"),
            )
            for lwda_code, _, office_id, office_name in offices
            if lwda_code == code
        ]
        lwdas.append(
            Lwda(
                code,
                name,
                _sum(timely, code, None, this_month),
                _sum(timely, code, None, last_month),
                _sum(ready, code, None, report_quarter),
                _sum(resea, code, None, "all"),
                offices=lwda_offices,
                daily_timely=[(d, r) for c, d, r in daily if c == code],
                lag_counts=_lag_counts(con, code, recent_from, as_of),
                worklist=_worklist(con, code, recent_from, as_of),
                readiness_gaps=_readiness_gaps(con, code, report_quarter),
            )
        )
    statewide_daily: dict[date, Rate] = {}
    for _, day, rate in daily:
        seen = statewide_daily.get(day, Rate(0, 0))
        statewide_daily[day] = Rate(seen.hits + rate.hits, seen.total + rate.total)
    return WarehouseFacts(
        first_night=first_night,
        as_of=as_of,
        this_month=this_month,
        last_month=last_month,
        report_quarter=report_quarter,
        timely_this_month=_sum(timely, None, None, this_month),
        timely_last_month=_sum(timely, None, None, last_month),
        ready_this_quarter=_sum(ready, None, None, report_quarter),
        resea_scheduled_timely=_sum(resea, None, None, "all"),
        daily_timely=sorted(statewide_daily.items()),
        lwdas=lwdas,
        uncovered_entries=_uncovered_entries(con),
    )


_Rates = dict[tuple[str, str, object], Rate]


def _rates(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> _Rates:
    """Rates keyed by (LWDA, office, period): the finest grain, summed up on demand."""
    return {
        (lwda, office, period): Rate(int(hits or 0), int(total or 0))
        for lwda, office, period, hits, total in con.execute(sql, params).fetchall()
    }


def _sum(rates: _Rates, lwda: str | None, office: str | None, period: object) -> Rate:
    hits = total = 0
    for (lwda_code, office_id, key), rate in rates.items():
        if key == period and lwda in (None, lwda_code) and office in (None, office_id):
            hits += rate.hits
            total += rate.total
    return Rate(hits, total)


def _daily_timely(
    con: duckdb.DuckDBPyConnection, first_night: date, as_of: date
) -> list[tuple[str, date, Rate]]:
    """% of the services entered each business day that were entered on time, by LWDA."""
    rows = con.execute(
        """
        select s.lwda_code, s.entry_date, count_if(s.is_timely), count(*)
        from marts.fct_service_entries as s
        join marts.dim_calendar as c on c.calendar_date = s.entry_date
        where c.is_business_day and s.entry_date between ? and ?
        group by all order by s.lwda_code, s.entry_date
        """,
        [first_night, as_of],
    ).fetchall()
    return [(code, day, Rate(hits, total)) for code, day, hits, total in rows]


def _lag_counts(
    con: duckdb.DuckDBPyConnection, lwda: str, first: date, last: date
) -> dict[int, int]:
    rows = con.execute(
        "select least(entry_lag_business_days, ?), count(*) from marts.fct_service_entries "
        "where lwda_code = ? and entry_date between ? and ? group by all order by 1",
        [LAG_CAP, lwda, first, last],
    ).fetchall()
    return {int(lag): int(count) for lag, count in rows}


def _worklist(con: duckdb.DuckDBPyConnection, lwda: str, first: date, last: date) -> list:
    return con.execute(
        """
        select staff_key, office_id, service_name, count(*) as late_services,
               max(service_date), max(entry_date), max(entry_lag_business_days)
        from marts.fct_service_entries
        where lwda_code = ? and not is_timely and entry_date between ? and ?
        group by staff_key, office_id, service_name
        order by max(entry_date) desc, late_services desc, staff_key, service_name
        limit ?
        """,
        [lwda, first, last, WORKLIST_ROWS],
    ).fetchall()


def _readiness_gaps(con: duckdb.DuckDBPyConnection, lwda: str, quarter: str) -> list:
    return con.execute(
        """
        with gaps as (
            select unnest(missing_elements) as element, 'missing' as kind
            from marts.fct_participant_readiness where lwda_code = ? and report_quarter = ?
            union all
            select unnest(invalid_elements), 'invalid'
            from marts.fct_participant_readiness where lwda_code = ? and report_quarter = ?
        )
        select element, coalesce(any_value(r.element_name), ''),
               count_if(kind = 'missing'), count_if(kind = 'invalid')
        from gaps left join reference.pirl_element_rules as r on r.pirl_element = gaps.element
        group by element order by count(*) desc, element
        """,
        [lwda, quarter, lwda, quarter],
    ).fetchall()


def _uncovered_entries(con: duckdb.DuckDBPyConnection) -> dict[str, int] | None:
    """Entries made without a current access agreement, by kind, once the
    access-compliance mart exists (None before: the headline is then left out)."""
    columns = {
        name
        for (name,) in con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'fct_access_compliance'"
        ).fetchall()
    }
    if not columns:
        return None
    if "missing_kind" not in columns:
        total = con.execute("select count(*) from marts.fct_access_compliance").fetchone()[0]
        return {"all kinds": total}
    return dict(
        con.execute(
            "select missing_kind, count(*) from marts.fct_access_compliance "
            "group by missing_kind order by missing_kind"
        ).fetchall()
    )
