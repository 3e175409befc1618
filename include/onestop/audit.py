"""The load audit: one JSON line per attempt, per file and per step.

An append-only file rather than a table, because a blocked night's candidate
warehouse is thrown away and its audit rows must survive it; and because a
JSON-lines file never holds a lock an analyst's open connection could block.
Every publish copies the whole log into the warehouse as ``audit.load_audit``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

AUDIT_COLUMNS = (
    "load_id",
    "extract_date",
    "step",
    "file",
    "entity",
    "rows",
    "sha256",
    "status",
    "message",
    "recorded_at",
)


@dataclass(frozen=True)
class AuditEvent:
    load_id: str
    extract_date: str
    step: str  # verify, land, gate, build, publish
    status: str  # ok, blocked, failed, published
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


def read_events(log: Path) -> list[dict]:
    if not log.exists():
        return []
    with log.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def published_nights(log: Path) -> set[date]:
    return {
        date.fromisoformat(e["extract_date"])
        for e in read_events(log)
        if e["step"] == "publish" and e["status"] == "published"
    }
