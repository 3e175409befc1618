"""The load audit: one JSON line per attempt, per file and per step.

An append-only file rather than a table, because a blocked night's candidate
warehouse is thrown away and its audit rows must survive it; and because a
JSON-lines file never holds a lock an analyst's open connection could block.
Every build copies the whole log into the candidate as ``audit.load_audit``.

The ``step`` of an event is the name of the step that wrote it, the same name
as its DAG task, its function and its module: verify, land, quarantine, gate,
build, publish.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from onestop.errors import DropBlocked
from onestop.nightly.plan import Night
from onestop.settings import Settings


@dataclass(frozen=True)
class AuditEvent:
    load_id: str
    extract_date: str
    step: str  # verify, land, quarantine, gate, build, publish
    status: str  # ok, quarantined, blocked, failed, published
    message: str = ""
    file: str | None = None
    entity: str | None = None
    rows: int | None = None
    sha256: str | None = None
    recorded_at: str = ""


def record(log: Path, event: AuditEvent) -> None:
    """Append one event; the line is written whole with a single write call."""
    log.parent.mkdir(parents=True, exist_ok=True)
    stamped = asdict(event)
    stamped["recorded_at"] = stamped["recorded_at"] or datetime.now(UTC).isoformat(
        timespec="seconds"
    )
    with log.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(stamped, sort_keys=True) + "\n")


def record_step(
    settings: Settings, night: Night, step: str, status: str, message: str = "", **kw
) -> None:
    """Record one event of ``night``'s attempt under ``step``."""
    record(
        settings.audit_log,
        AuditEvent(night.load_id, night.extract_date, step, status, message, **kw),
    )


def record_blocked(settings: Settings, night: Night, step: str, exc: DropBlocked) -> None:
    record_step(settings, night, step, "blocked", exc.message)


def read_events(log: Path) -> list[dict]:
    if not log.exists():
        return []
    with log.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def copy_into(con: duckdb.DuckDBPyConnection, log: Path) -> None:
    """(Re)write ``audit.load_audit`` in a candidate warehouse from the log file."""
    con.execute("create schema if not exists audit")
    con.execute(
        """
        create or replace table audit.load_audit (
            load_id varchar, extract_date date, step varchar, status varchar, message varchar,
            file varchar, entity varchar, rows bigint, sha256 varchar, recorded_at timestamptz
        )
        """
    )
    if log.exists() and log.stat().st_size:
        con.execute(
            "insert into audit.load_audit by name select * from read_json(?, format = "
            "'newline_delimited', columns = {load_id: 'varchar', extract_date: 'date', "
            "step: 'varchar', status: 'varchar', message: 'varchar', file: 'varchar', "
            "entity: 'varchar', rows: 'bigint', sha256: 'varchar', recorded_at: 'timestamptz'})",
            [str(log)],
        )
