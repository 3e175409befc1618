"""A short account of the published warehouse, for the end of a run or a morning check."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from onestop.nightly.audit import read_events


@dataclass(frozen=True)
class Summary:
    nights_published: list[str]
    nights_blocked: dict[str, str]  # night -> first reason, for nights never published
    mart_rows: dict[str, int]
    timely_by_lwda: list[tuple[str, str, int, float]]  # code, name, services, pct timely
    # latest report quarter: program, participants, ready, pct ready
    ready_by_program: list[tuple[str, int, int, float]] = field(default_factory=list)
    report_quarter: str = ""
    top_missing: list[tuple[int, str, int]] = field(default_factory=list)  # element, name, records
    orphans: dict[str, int] = field(default_factory=dict)
    # first initials judged, % scheduled timely, outcomes recorded, % recorded timely
    resea_timeliness: tuple[int, float | None, int, float | None] | None = None
    # match_status -> attended appointments since the first OSOS night; missing still in window
    reconciliation: dict[str, int] = field(default_factory=dict)
    missing_in_window: int = 0
    # TA 17-7: entries judged, and uncovered entries by system and missing kind
    access_entries: int = 0
    uncovered_by_kind: list[tuple[str, str, int]] = field(default_factory=list)
    ssn_redactions: int = 0

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
        for code, name, services, pct in self.timely_by_lwda:
            lines.append(f"  {code} {name:<41} {services:>9,} {pct:>8.1f}%")
        if self.ready_by_program:
            lines.append(f"PIRL records ready for WIPS, {self.report_quarter}, by program:")
            lines.append(f"  {'program':<16} {'participants':>12} {'ready':>8} {'% ready':>8}")
            for program, participants, ready, pct in self.ready_by_program:
                lines.append(f"  {program:<16} {participants:>12,} {ready:>8,} {pct:>7.1f}%")
            lines.append("Most often missing PIRL elements (required but blank), same quarter:")
            for element, name, records in self.top_missing:
                lines.append(f"  {element:>4} {name:<58} {records:>6,} records")
            lines.append(
                "Orphan keys: "
                + ", ".join(f"{kind} {count:,}" for kind, count in self.orphans.items())
            )
        if self.resea_timeliness is not None:
            judged, pct_scheduled, outcomes, pct_outcomes = self.resea_timeliness
            lines.append("RESEA (REOS):")
            lines.append(
                f"  % scheduled timely (first initial vs first payment): {_pct(pct_scheduled)} "
                f"of {judged:,} claimants"
            )
            lines.append(
                f"  % outcomes recorded within 5 business days:        {_pct(pct_outcomes)} "
                f"of {outcomes:,} outcomes"
            )
            total = sum(self.reconciliation.values())
            split = ", ".join(
                f"{status} {count:,} ({100.0 * count / total:.1f}%)"
                for status, count in self.reconciliation.items()
            )
            lines.append(
                f"  OSOS reconciliation of {total:,} attended appointments: {split or 'none'}"
                + (
                    f"; {self.missing_in_window:,} missing still inside the entry window"
                    if self.missing_in_window
                    else ""
                )
            )
        if self.access_entries:
            uncovered = sum(count for *_, count in self.uncovered_by_kind)
            lines.append(
                f"Access agreements (TA 17-7): {uncovered:,} of {self.access_entries:,} entries "
                "uncovered"
                + "".join(
                    f"\n  {system} {kind:<40} {count:>7,}"
                    for system, kind, count in self.uncovered_by_kind
                )
            )
            lines.append(f"SSNs redacted from free text at ingest: {self.ssn_redactions:,}")
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
    mart_rows: dict[str, int] = {}
    by_lwda: list[tuple[str, str, int, float]] = []
    if warehouse.exists():
        with duckdb.connect(str(warehouse), read_only=True) as con:
            for (table,) in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'marts' order by table_name"
            ).fetchall():
                mart_rows[table] = con.execute(f"select count(*) from marts.{table}").fetchone()[0]
            by_lwda = con.execute(
                """
                select lwda_code, any_value(lwda_name), count(*) as services,
                       round(100.0 * avg(case when is_timely then 1 else 0 end), 1)
                from marts.fct_service_entries
                group by lwda_code
                order by lwda_code
                """
            ).fetchall()
    readiness = _readiness(warehouse) if "fct_participant_readiness" in mart_rows else {}
    resea = _resea_figures(warehouse) if "fct_resea_osos_reconciliation" in mart_rows else {}
    access = _access_figures(warehouse) if "rpt_access_compliance" in mart_rows else {}
    return Summary(published, blocked, mart_rows, by_lwda, **readiness, **resea, **access)


def _readiness(warehouse: Path) -> dict:
    """% ready by program and the most often missing elements, for the latest quarter."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        quarter = con.execute(
            "select max(report_quarter) from marts.fct_participant_readiness"
        ).fetchone()[0]
        ready_by_program = con.execute(
            """
            select program, count(*), count_if(is_reporting_ready),
                   round(100.0 * count_if(is_reporting_ready) / count(*), 1)
            from marts.fct_participant_readiness
            where report_quarter = ?
            group by program order by program
            """,
            [quarter],
        ).fetchall()
        top_missing = con.execute(
            """
            select element, any_value(rules.element_name), count(*) as records
            from (
                select unnest(missing_elements) as element
                from marts.fct_participant_readiness
                where report_quarter = ?
            ) as missing
            left join reference.pirl_element_rules as rules on rules.pirl_element = element
            group by element order by records desc, element limit 3
            """,
            [quarter],
        ).fetchall()
        orphans = dict(
            con.execute(
                "select orphan_kind, count(*) from marts.fct_orphan_keys "
                "group by orphan_kind order by orphan_kind"
            ).fetchall()
        )
    return {
        "report_quarter": quarter or "",
        "ready_by_program": ready_by_program,
        "top_missing": top_missing,
        "orphans": orphans,
    }


def _resea_figures(warehouse: Path) -> dict:
    """The RESEA headline: the marts' own flags, counted (appointments held before the
    first OSOS night loaded are left out of the reconciliation split)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        timeliness = con.execute(
            """
            select count(is_scheduled_timely),
                   round(100.0 * count(*) filter (where is_scheduled_timely)
                         / nullif(count(is_scheduled_timely), 0), 1),
                   count(*) filter (where has_outcome),
                   round(100.0 * count(*) filter (where is_outcome_timely)
                         / nullif(count(*) filter (where has_outcome), 0), 1)
            from marts.fct_resea_appointments
            """
        ).fetchone()
        rows = con.execute(
            """
            select match_status, count(*),
                   count(*) filter (where match_status = 'missing' and is_entry_window_open)
            from marts.fct_resea_osos_reconciliation
            where not is_before_osos_coverage
            group by match_status
            order by array_position(['matched', 'matched_late', 'missing'], match_status)
            """
        ).fetchall()
    return {
        "resea_timeliness": timeliness,
        "reconciliation": {status: count for status, count, _ in rows},
        "missing_in_window": sum(open_ for _, _, open_ in rows),
    }


def _access_figures(warehouse: Path) -> dict:
    """Uncovered entries by system and what was missing, and SSNs redacted from free text."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        entries = con.execute("select sum(entries) from marts.rpt_access_compliance").fetchone()[0]
        by_kind = con.execute(
            "select system, missing_kind, count(*) from marts.fct_access_compliance "
            "group by all order by system, missing_kind"
        ).fetchall()
        redactions = con.execute(
            "select coalesce(sum(ssn_redactions), 0) from marts.fct_free_text_redactions"
        ).fetchone()[0]
    return {
        "access_entries": int(entries or 0),
        "uncovered_by_kind": by_kind,
        "ssn_redactions": int(redactions),
    }
