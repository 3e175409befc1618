"""A short account of the published warehouse, for the end of a run or a morning check.

The nights come from the load audit log (blocked nights never reach the warehouse);
every figure about the data comes from a mart: the ``rpt_`` models read here
(exposure ``run_summary`` in ``dbt_project/models/exposures.yml``). This module
selects their rows and formats them; it computes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from onestop.nightly.audit import read_events


@dataclass(frozen=True)
class LwdaTimeliness:
    """``marts.rpt_entry_timeliness_by_lwda``: every service in the warehouse, by LWDA."""

    lwda_code: str
    lwda_name: str
    services: int
    pct_timely: float


@dataclass(frozen=True)
class ProgramReadiness:
    """``marts.rpt_reporting_readiness_by_program``: the latest report quarter."""

    program: str
    participants: int
    ready: int
    pct_ready: float


@dataclass(frozen=True)
class MissingElement:
    """``marts.rpt_readiness_element_gaps``, statewide: records leaving an element blank."""

    pirl_element: int
    element_name: str
    records_missing: int


@dataclass(frozen=True)
class ReseaHeadline:
    """``marts.rpt_resea_headline``."""

    first_initials_judged: int
    pct_scheduled_timely: float | None
    outcomes_recorded: int
    pct_outcomes_timely: float | None
    attended_appointments: int  # reconciled with OSOS (held since the first OSOS night)
    missing_in_entry_window: int


@dataclass(frozen=True)
class ReconciliationShare:
    """``marts.rpt_resea_reconciliation_split``: one match status."""

    match_status: str
    attended_appointments: int
    pct_of_attended: float


@dataclass(frozen=True)
class AccessHeadline:
    """``marts.rpt_access_headline``."""

    entries: int
    uncovered_entries: int
    ssn_redactions: int


@dataclass(frozen=True)
class UncoveredKind:
    """``marts.rpt_access_uncovered_by_kind``, per system."""

    system: str
    missing_kind: str
    uncovered_entries: int


#: The marts this summary reads besides the row counts (exposure ``run_summary``).
READS = (
    "rpt_reporting_period",
    "rpt_entry_timeliness_by_lwda",
    "rpt_reporting_readiness_by_program",
    "rpt_readiness_element_gaps",
    "rpt_orphan_key_counts",
    "rpt_resea_headline",
    "rpt_resea_reconciliation_split",
    "rpt_access_headline",
    "rpt_access_uncovered_by_kind",
)
#: The most often missing PIRL elements listed.
TOP_MISSING = 3


@dataclass(frozen=True)
class Summary:
    nights_published: list[str]
    nights_blocked: dict[str, str]  # night -> first reason, for nights never published
    mart_rows: dict[str, int]
    timely_by_lwda: list[LwdaTimeliness]
    ready_by_program: list[ProgramReadiness] = field(default_factory=list)
    report_quarter: str = ""
    top_missing: list[MissingElement] = field(default_factory=list)
    orphans: dict[str, int] = field(default_factory=dict)
    resea: ReseaHeadline | None = None
    reconciliation: list[ReconciliationShare] = field(default_factory=list)
    access: AccessHeadline | None = None
    uncovered_by_kind: list[UncoveredKind] = field(default_factory=list)

    def render(self) -> str:
        lines = [
            f"Nights loaded:  {len(self.nights_published)}"
            + (
                f" ({self.nights_published[0]} .. {self.nights_published[-1]})"
                if self.nights_published
                else ""
            ),
            f"Nights blocked: {len(self.nights_blocked)}",
        ]
        for night, reason in sorted(self.nights_blocked.items()):
            lines.append(f"  {night}: {reason[:300]}")
        lines.append("Rows in the published marts:")
        for table, rows in self.mart_rows.items():
            lines.append(f"  {table:<32} {rows:>10,}")
        lines.append("Services entered within 5 business days, by LWDA:")
        lines.append(f"  {'LWDA':<44} {'services':>9} {'% timely':>9}")
        for lwda in self.timely_by_lwda:
            lines.append(
                f"  {lwda.lwda_code} {lwda.lwda_name:<41} {lwda.services:>9,} "
                f"{lwda.pct_timely:>8.1f}%"
            )
        if self.ready_by_program:
            lines.append(f"PIRL records ready for WIPS, {self.report_quarter}, by program:")
            lines.append(f"  {'program':<16} {'participants':>12} {'ready':>8} {'% ready':>8}")
            for p in self.ready_by_program:
                lines.append(
                    f"  {p.program:<16} {p.participants:>12,} {p.ready:>8,} {p.pct_ready:>7.1f}%"
                )
            lines.append("Most often missing PIRL elements (required but blank), same quarter:")
            for m in self.top_missing:
                lines.append(
                    f"  {m.pirl_element:>4} {m.element_name:<58} {m.records_missing:>6,} records"
                )
            lines.append(
                "Orphan keys: "
                + ", ".join(f"{kind} {count:,}" for kind, count in self.orphans.items())
            )
        if self.resea is not None:
            r = self.resea
            lines.append("RESEA (REOS):")
            lines.append(
                f"  % scheduled timely (first initial vs first payment): "
                f"{_pct(r.pct_scheduled_timely)} of {r.first_initials_judged:,} claimants"
            )
            lines.append(
                f"  % outcomes recorded within 5 business days:        "
                f"{_pct(r.pct_outcomes_timely)} of {r.outcomes_recorded:,} outcomes"
            )
            split = ", ".join(
                f"{s.match_status} {s.attended_appointments:,} ({s.pct_of_attended:.1f}%)"
                for s in self.reconciliation
            )
            lines.append(
                f"  OSOS reconciliation of {r.attended_appointments:,} attended appointments: "
                f"{split or 'none'}"
                + (
                    f"; {r.missing_in_entry_window:,} missing still inside the entry window"
                    if r.missing_in_entry_window
                    else ""
                )
            )
        if self.access is not None and self.access.entries:
            a = self.access
            lines.append(
                f"Access agreements (TA 17-7): {a.uncovered_entries:,} of {a.entries:,} entries "
                "uncovered"
                + "".join(
                    f"\n  {u.system} {u.missing_kind:<40} {u.uncovered_entries:>7,}"
                    for u in self.uncovered_by_kind
                )
            )
            lines.append(f"SSNs redacted from free text at ingest: {a.ssn_redactions:,}")
        return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def summarise(warehouse: Path, audit_log: Path) -> Summary:
    events = read_events(audit_log)
    published = sorted(
        {e["extract_date"] for e in events if e["step"] == "publish" and e["status"] == "published"}
    )
    blocked: dict[str, str] = {}
    for e in events:
        if e["status"] == "blocked" and e["extract_date"] not in published:
            blocked.setdefault(e["extract_date"], e["message"])
    if not warehouse.exists():
        return Summary(published, blocked, {}, [])
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return _read(con, published, blocked)


def _read(con: duckdb.DuckDBPyConnection, published: list[str], blocked: dict) -> Summary:
    relations = {
        name: kind
        for name, kind in con.execute(
            "select table_name, table_type from information_schema.tables "
            "where table_schema = 'marts' order by table_name"
        ).fetchall()
    }
    # The tables analysts query; the rpt_ views the pages read are not listed.
    mart_rows = {
        table: con.execute(f"select count(*) from marts.{table}").fetchone()[0]
        for table, kind in relations.items()
        if kind == "BASE TABLE"
    }
    missing = [name for name in READS if name not in relations]
    if missing:
        # A warehouse built before these marts existed: the next build adds them.
        return Summary(published, blocked, mart_rows, [])
    timely_by_lwda = [
        LwdaTimeliness(*row)
        for row in con.execute(
            "select lwda_code, lwda_name, services, pct_timely "
            "from marts.rpt_entry_timeliness_by_lwda order by lwda_code"
        ).fetchall()
    ]
    (quarter,) = con.execute("select report_quarter from marts.rpt_reporting_period").fetchone()
    ready_by_program = [
        ProgramReadiness(*row)
        for row in con.execute(
            "select program, participants, ready, pct_ready "
            "from marts.rpt_reporting_readiness_by_program order by program"
        ).fetchall()
    ]
    top_missing = [
        MissingElement(*row)
        for row in con.execute(
            "select pirl_element, element_name, records_missing "
            "from marts.rpt_readiness_element_gaps "
            "where area_level = 'statewide' and records_missing > 0 "
            "order by records_missing desc, pirl_element limit ?",
            [TOP_MISSING],
        ).fetchall()
    ]
    orphans = dict(
        con.execute(
            "select orphan_kind, orphan_records from marts.rpt_orphan_key_counts "
            "order by orphan_kind"
        ).fetchall()
    )
    resea = ReseaHeadline(
        *con.execute(
            "select first_initials_judged, pct_scheduled_timely, outcomes_recorded, "
            "pct_outcomes_timely, attended_appointments, missing_in_entry_window "
            "from marts.rpt_resea_headline"
        ).fetchone()
    )
    reconciliation = [
        ReconciliationShare(*row)
        for row in con.execute(
            "select match_status, attended_appointments, pct_of_attended "
            "from marts.rpt_resea_reconciliation_split order by status_order"
        ).fetchall()
    ]
    access = AccessHeadline(
        *con.execute(
            "select entries, uncovered_entries, ssn_redactions from marts.rpt_access_headline"
        ).fetchone()
    )
    uncovered_by_kind = [
        UncoveredKind(*row)
        for row in con.execute(
            "select system, missing_kind, uncovered_entries "
            "from marts.rpt_access_uncovered_by_kind where rollup_level = 'system' "
            "order by system, missing_kind"
        ).fetchall()
    ]
    return Summary(
        published,
        blocked,
        mart_rows,
        timely_by_lwda,
        ready_by_program=ready_by_program,
        report_quarter=quarter or "",
        top_missing=top_missing,
        orphans=orphans,
        resea=resea,
        reconciliation=reconciliation,
        access=access,
        uncovered_by_kind=uncovered_by_kind,
    )
