"""Quarantine: row-level faults leave the landed night, are counted, and are kept per night."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
from onestop.contract import ControlEntry, ControlFile
from onestop.nightly.quarantine import (
    LANDING_TABLE,
    WAREHOUSE_TABLE,
    promote_quarantined,
    set_aside,
    set_aside_counts,
    summary,
    without_quarantined,
)

from tests.support import landed_night

NIGHT = date(2026, 11, 20)
NEXT = date(2026, 11, 21)
SERVICES_FILE = "osos_services_20261120.csv"
CODE_RULE = "value in the contract's code list"
DATE_RULE = "date not before 1901-01-01"
REPEAT_RULE = "no exact repeat of an earlier line"


def service(service_id: str, **values: str) -> dict[str, str]:
    row = {
        "service_id": service_id,
        "participant_id": "C1",
        "program_code": "WAGNER_PEYSER",
        "service_code": "100",
        "service_name": "Orientation to One-Stop Services",
        "service_date": "2026-11-19",
        "entered_at": "2026-11-20T09:00:00-05:00",
        "staff_id": "U1",
        "office_id": "NY01-001",
    }
    row.update(values)
    return row


def faulty_night(folder: Path, night: date = NIGHT, load_id: str = "load-1") -> Path:
    """Services on lines 2..8: two good, one per rule, one breaking two rules, one blank code;
    and a participant with an unknown sex code (judged by the readiness marts, not here)."""
    return landed_night(
        folder,
        night,
        {
            "osos__services": [
                service("S1"),  # line 2
                service("S2", service_code="ZZZ"),  # line 3: not in the code list
                service("S3", service_date="1900-01-01"),  # line 4: a placeholder date
                service("S1"),  # line 5: an exact repeat of line 2
                service("S4", program_code="NOPE", service_date="1899-12-31"),  # line 6: two rules
                service("S5", service_code=""),  # line 7: blank is the gate's business
                service("S6"),  # line 8
            ],
            "osos__participants": [{"participant_id": "C1", "sex": "Q"}],
        },
        load_id=load_id,
    )


def landed(landing_db: Path, table: str) -> list[tuple]:
    with duckdb.connect(str(landing_db), read_only=True) as con:
        return con.execute(f"select service_id, _source_line from {table} order by all").fetchall()


def test_set_aside_takes_out_each_rule_and_counts_lines_once(tmp_path: Path) -> None:
    landing_db = faulty_night(tmp_path)
    counts = set_aside(landing_db, NIGHT, "load-1")
    assert counts["osos__services"] == 4  # lines 3, 4, 5 and 6 (two rules, one line)
    assert counts["osos__participants"] == 0  # PIRL codes are not the quarantine's to judge
    assert sum(counts.values()) == 4
    assert landed(landing_db, "osos__services") == [("S1", 2), ("S5", 7), ("S6", 8)]
    with duckdb.connect(str(landing_db), read_only=True) as con:
        rows = con.execute(
            f"select extract_date, load_id, entity, file, line, column_name, rule "
            f"from {LANDING_TABLE} order by line, column_name"
        ).fetchall()
    assert rows == [
        (NIGHT, "load-1", "osos__services", SERVICES_FILE, 3, "service_code", CODE_RULE),
        (NIGHT, "load-1", "osos__services", SERVICES_FILE, 4, "service_date", DATE_RULE),
        (NIGHT, "load-1", "osos__services", SERVICES_FILE, 5, "service_id", REPEAT_RULE),
        (NIGHT, "load-1", "osos__services", SERVICES_FILE, 6, "program_code", CODE_RULE),
        (NIGHT, "load-1", "osos__services", SERVICES_FILE, 6, "service_date", DATE_RULE),
    ]


def test_a_repeat_with_any_other_value_is_no_exact_repeat(tmp_path: Path) -> None:
    """Same key, another comment: a duplicate key with different content is the gate's."""
    landing_db = landed_night(
        tmp_path,
        NIGHT,
        {"osos__services": [service("S1"), service("S1", comments="corrected")]},
    )
    assert set_aside(landing_db, NIGHT, "load-1")["osos__services"] == 0
    assert landed(landing_db, "osos__services") == [("S1", 2), ("S1", 3)]


def test_a_clean_night_sets_nothing_aside(tmp_path: Path) -> None:
    landing_db = landed_night(tmp_path, NIGHT, {"osos__services": [service("S1")]})
    assert set(set_aside(landing_db, NIGHT, "load-1").values()) == {0}
    assert summary(landing_db) == []
    assert set(set_aside_counts(landing_db).values()) == {0}


def test_summary_and_counts_read_back_what_was_set_aside(tmp_path: Path) -> None:
    landing_db = faulty_night(tmp_path)
    counts = set_aside(landing_db, NIGHT, "load-1")
    assert set_aside_counts(landing_db) == counts
    assert summary(landing_db) == [
        ("osos__services", SERVICES_FILE, "program_code", CODE_RULE, 1),
        ("osos__services", SERVICES_FILE, "service_code", CODE_RULE, 1),
        ("osos__services", SERVICES_FILE, "service_date", DATE_RULE, 2),
        ("osos__services", SERVICES_FILE, "service_id", REPEAT_RULE, 1),
    ]


def test_without_quarantined_lowers_only_the_counts_set_aside() -> None:
    control = ControlFile(
        NIGHT,
        (
            ControlEntry(SERVICES_FILE, "osos__services", 7, "a" * 64),
            ControlEntry("osos_offices_20261120.csv", "osos__offices", 3, "b" * 64),
        ),
        "1",
    )
    expected = without_quarantined(control, {"osos__services": 4, "reos__claimants": 2})
    assert [(e.entity, e.rows) for e in expected.files] == [
        ("osos__services", 3),
        ("osos__offices", 3),
    ]
    assert expected.extract_date == NIGHT and expected.files[0].sha256 == "a" * 64
    assert control.files[0].rows == 7  # the control file itself is left alone


def test_promote_quarantined_replaces_only_its_nights_rows(tmp_path: Path) -> None:
    first = faulty_night(tmp_path / "first")
    set_aside(first, NIGHT, "load-1")
    other = faulty_night(tmp_path / "other", NEXT, "load-2")
    set_aside(other, NEXT, "load-2")
    with duckdb.connect(str(tmp_path / "candidate.duckdb")) as con:
        assert promote_quarantined(con, first, NIGHT) == 5
        assert promote_quarantined(con, other, NEXT) == 5
        # NIGHT re-delivered with only the code fault left: its five rows become one
        rerun = landed_night(
            tmp_path / "rerun",
            NIGHT,
            {"osos__services": [service("S1"), service("S2", service_code="ZZZ")]},
            load_id="load-3",
        )
        set_aside(rerun, NIGHT, "load-3")
        assert promote_quarantined(con, rerun, NIGHT) == 1
        rows = con.execute(
            f"select extract_date, load_id, count(*) from {WAREHOUSE_TABLE} group by all "
            "order by all"
        ).fetchall()
    assert rows == [(NIGHT, "load-3", 1), (NEXT, "load-2", 5)]
