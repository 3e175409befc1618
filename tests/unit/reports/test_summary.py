"""The run summary: rendered from a hand-made ``Summary``; nights read from the load audit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from onestop.nightly.audit import AuditEvent, record
from onestop.reports.summary import (
    AccessHeadline,
    LwdaTimeliness,
    MissingElement,
    ProgramReadiness,
    ReconciliationShare,
    ReseaHeadline,
    Summary,
    UncoveredKind,
    summarise,
)

SMALL = Summary(
    nights_published=["2026-11-20", "2026-11-21"],
    nights_blocked={"2026-11-23": "drop for 2026-11-23 incomplete: control file missing"},
    mart_rows={"fct_service_entries": 1234, "dim_calendar": 14976},
    timely_by_lwda=[LwdaTimeliness("01", "Albany/Rensselaer/Schenectady", 1200, 87.25)],
)


def test_a_summary_without_readiness_resea_or_access_figures() -> None:
    assert SMALL.render().splitlines() == [
        "Nights loaded:  2 (2026-11-20 .. 2026-11-21)",
        "Nights blocked: 1",
        "  2026-11-23: drop for 2026-11-23 incomplete: control file missing",
        "Rows in the published marts:",
        "  fct_service_entries                   1,234",
        "  dim_calendar                         14,976",
        "Services entered within 5 business days, by LWDA:",
        "  LWDA                                          services  % timely",
        "  01 Albany/Rensselaer/Schenectady                 1,200     87.2%",
    ]


def test_no_nights_and_a_long_reason_cut_short() -> None:
    text = Summary([], {"2026-11-20": "x" * 400}, {}, []).render()
    assert text.startswith("Nights loaded:  0\nNights blocked: 1\n")
    assert f"  2026-11-20: {'x' * 300}\n" in text and "x" * 301 not in text


def test_every_section_of_a_full_summary() -> None:
    full = replace(
        SMALL,
        ready_by_program=[ProgramReadiness("WAGNER_PEYSER", 1500, 1200, 80.0)],
        report_quarter="2026Q4",
        top_missing=[MissingElement(409, "School Status at Program Entry", 12)],
        orphans={"enrollment_without_participant": 1},
        resea=ReseaHeadline(40, 87.5, 30, None, 8, 1),
        reconciliation=[
            ReconciliationShare("matched", 6, 75.0),
            ReconciliationShare("matched_late", 1, 12.5),
            ReconciliationShare("missing", 1, 12.5),
        ],
        access=AccessHeadline(500, 5, 2),
        uncovered_by_kind=[
            UncoveredKind("OSOS", "lapsed_individual_agreement", 3),
            UncoveredKind("REOS", "no_user", 2),
        ],
    )
    lines = full.render().splitlines()
    tail = lines[lines.index("PIRL records ready for WIPS, 2026Q4, by program:") :]
    assert tail == [
        "PIRL records ready for WIPS, 2026Q4, by program:",
        "  program          participants    ready  % ready",
        "  WAGNER_PEYSER           1,500    1,200    80.0%",
        "Most often missing PIRL elements (required but blank), same quarter:",
        "   409 School Status at Program Entry" + " " * 28 + "     12 records",
        "Orphan keys: enrollment_without_participant 1",
        "RESEA (REOS):",
        "  % scheduled timely (first initial vs first payment): 87.5% of 40 claimants",
        "  % outcomes recorded within 5 business days:        n/a of 30 outcomes",
        "  OSOS reconciliation of 8 attended appointments: matched 6 (75.0%), "
        "matched_late 1 (12.5%), missing 1 (12.5%); 1 missing still inside the entry window",
        "Access agreements (TA 17-7): 5 of 500 entries uncovered",
        "  OSOS lapsed_individual_agreement                    3",
        "  REOS no_user                                        2",
        "SSNs redacted from free text at ingest: 2",
    ]


def test_summarise_reads_published_and_blocked_nights_from_the_audit(tmp_path: Path) -> None:
    log = tmp_path / "load_audit.jsonl"
    events = [
        ("20261120-a", "2026-11-20", "publish", "published", ""),
        ("20261121-a", "2026-11-21", "gate", "blocked", "first reason"),
        ("20261121-a", "2026-11-21", "gate", "blocked", "second reason"),
        ("20261122-a", "2026-11-22", "land", "blocked", "truncated"),
        ("20261122-b", "2026-11-22", "publish", "published", ""),  # fixed and re-run
    ]
    for load_id, night, step, status, message in events:
        record(log, AuditEvent(load_id, night, step, status, message))
    summary = summarise(tmp_path / "no-warehouse.duckdb", log)
    assert summary.nights_published == ["2026-11-20", "2026-11-22"]
    assert summary.nights_blocked == {"2026-11-21": "first reason"}
    assert summary.mart_rows == {} and summary.resea is None
