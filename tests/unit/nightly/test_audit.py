"""The load audit: JSON lines appended whole, read back, and copied into a warehouse."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
from onestop.errors import DropBlocked
from onestop.nightly.audit import (
    AuditEvent,
    copy_into,
    read_events,
    record,
    record_blocked,
    record_step,
)
from onestop.nightly.plan import plan

LANDED = AuditEvent(
    "20261120-abc",
    "2026-11-20",
    "land",
    "ok",
    file="osos_services_20261120.csv",
    entity="osos__services",
    rows=150,
    recorded_at="2026-11-21T07:00:01+00:00",
)


def test_record_and_read_events_round_trip(tmp_path: Path) -> None:
    log = tmp_path / "warehouse" / "load_audit.jsonl"  # the folder is made on first use
    record(log, LANDED)
    record(log, AuditEvent("20261120-abc", "2026-11-20", "gate", "blocked", "a reason"))
    events = read_events(log)
    assert events[0] == {
        "load_id": "20261120-abc",
        "extract_date": "2026-11-20",
        "step": "land",
        "status": "ok",
        "message": "",
        "file": "osos_services_20261120.csv",
        "entity": "osos__services",
        "rows": 150,
        "sha256": None,
        "recorded_at": "2026-11-21T07:00:01+00:00",  # a given time is kept
    }
    assert (events[1]["step"], events[1]["status"], events[1]["message"]) == (
        "gate",
        "blocked",
        "a reason",
    )
    stamped = datetime.fromisoformat(events[1]["recorded_at"])
    assert abs((datetime.now(UTC) - stamped).total_seconds()) < 60  # stamped when recorded
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(line) for line in lines)


def test_read_events_of_no_log_and_blank_lines(tmp_path: Path) -> None:
    assert read_events(tmp_path / "missing.jsonl") == []
    log = tmp_path / "load_audit.jsonl"
    record(log, LANDED)
    with log.open("a", encoding="utf-8") as handle:
        handle.write("\n  \n")
    record(log, LANDED)
    assert len(read_events(log)) == 2


def test_copy_into_writes_the_log_as_a_typed_table(tmp_path: Path) -> None:
    log = tmp_path / "load_audit.jsonl"
    record(log, LANDED)
    record(log, AuditEvent("20261120-abc", "2026-11-20", "publish", "published", "done"))
    with duckdb.connect() as con:
        con.execute("create schema audit")
        con.execute("create table audit.load_audit as select 1 as stale")  # replaced
        copy_into(con, log)
        rows = con.execute(
            "select load_id, extract_date, step, status, file, rows, recorded_at "
            "from audit.load_audit order by recorded_at"
        ).fetchall()
        types = dict(
            con.execute(
                "select column_name, column_type from (describe audit.load_audit)"
            ).fetchall()
        )
    assert rows[0][:6] == (
        "20261120-abc",
        date(2026, 11, 20),
        "land",
        "ok",
        "osos_services_20261120.csv",
        150,
    )
    assert rows[0][6] == datetime(2026, 11, 21, 7, 0, 1, tzinfo=UTC)
    assert [r[2] for r in rows] == ["land", "publish"]
    assert (types["extract_date"], types["rows"], types["recorded_at"]) == (
        "DATE",
        "BIGINT",
        "TIMESTAMP WITH TIME ZONE",
    )


def test_copy_into_with_no_log_makes_an_empty_table(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").touch()
    with duckdb.connect() as con:
        copy_into(con, tmp_path / "missing.jsonl")
        assert con.execute("select count(*) from audit.load_audit").fetchone() == (0,)
        copy_into(con, tmp_path / "empty.jsonl")
        assert con.execute("select count(*) from audit.load_audit").fetchone() == (0,)


def test_record_step_and_record_blocked_name_the_nights_attempt(settings) -> None:
    night = plan(settings, date(2026, 11, 20), "run-1")
    record_step(settings, night, "verify", "ok", "matches", file="f.csv", rows=3, sha256="ab")
    record_blocked(settings, night, "land", DropBlocked(night.day, "f.csv, line 2: broken"))
    events = read_events(settings.audit_log)
    assert [(e["load_id"], e["extract_date"]) for e in events] == [
        (night.load_id, "2026-11-20")
    ] * 2
    assert {k: events[0][k] for k in ("step", "status", "message", "file", "rows", "sha256")} == {
        "step": "verify",
        "status": "ok",
        "message": "matches",
        "file": "f.csv",
        "rows": 3,
        "sha256": "ab",
    }
    assert (events[1]["step"], events[1]["status"], events[1]["message"]) == (
        "land",
        "blocked",
        "f.csv, line 2: broken",
    )
