"""Every night's load attempts and gate results, for the gate history pages.

Read from the load audit log (JSON lines, complete: it keeps blocked nights,
which never reach the warehouse's ``audit.load_audit``) and from the GX
validation results the gate keeps per attempt. Those results carry counts
only, never sample values (``onestop.nightly.gate.RESULT_FORMAT``); this module still
copies nothing but rule names, columns and counts onto a page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from onestop.nightly.audit import read_events


@dataclass(frozen=True)
class Attempt:
    """One attempt at one night: what happened at each step, and the outcome."""

    extract_date: str
    load_id: str
    outcome: str  # accepted, blocked, failed, incomplete
    step: str  # the last step reached
    reasons: list[str]
    files: int
    rows: int
    started_at: str

    @property
    def anchor(self) -> str:
        return f"attempt-{self.load_id}"


@dataclass(frozen=True)
class SuiteResult:
    suite: str
    evaluated: int
    passed: int
    # expectation, column(s), unexpected rows, rows checked
    broken: list[tuple[str, str, int | None, int | None]] = field(default_factory=list)


def read_attempts(audit_log: Path) -> list[Attempt]:
    """Attempts newest first (by night, then by when the attempt started)."""
    by_load: dict[str, list[dict]] = {}
    for event in read_events(audit_log):
        by_load.setdefault(event["load_id"], []).append(event)
    attempts = [_attempt(events) for events in by_load.values()]
    return sorted(attempts, key=lambda a: (a.extract_date, a.started_at), reverse=True)


def _attempt(events: list[dict]) -> Attempt:
    statuses = {e["status"] for e in events}
    if "published" in statuses:
        outcome = "accepted"
    elif "blocked" in statuses:
        outcome = "blocked"
    elif "failed" in statuses:
        outcome = "failed"
    else:
        outcome = "incomplete"
    landed = [e for e in events if e["step"] == "land" and e["status"] == "ok"]
    return Attempt(
        extract_date=events[0]["extract_date"],
        load_id=events[0]["load_id"],
        outcome=outcome,
        step=events[-1]["step"],
        reasons=[e["message"] for e in events if e["status"] in {"blocked", "failed"}],
        files=len(landed),
        rows=sum(e.get("rows") or 0 for e in landed),
        started_at=min(e["recorded_at"] for e in events),
    )


def read_gate_results(gate_results_dir: Path, attempt: Attempt) -> list[SuiteResult]:
    """The kept GX results of one attempt, one entry per suite (none if it never reached
    the gate)."""
    folder = gate_results_dir / attempt.extract_date / attempt.load_id
    if not folder.is_dir():
        return []
    return [_suite(path) for path in sorted(folder.glob("*.json"))]


def _suite(path: Path) -> SuiteResult:
    payload = json.loads(path.read_text(encoding="utf-8"))
    stats = payload.get("statistics", {})
    broken = []
    for outcome in payload.get("expectations", []):
        if outcome.get("success"):
            continue
        kwargs = outcome.get("kwargs", {})
        columns = " / ".join(
            str(kwargs[k]) for k in ("column", "column_A", "column_B") if kwargs.get(k)
        )
        result = outcome.get("result") or {}
        broken.append(
            (
                outcome.get("expectation_type", ""),
                columns,
                result.get("unexpected_count"),
                result.get("element_count"),
            )
        )
    return SuiteResult(
        suite=path.stem,
        evaluated=int(stats.get("evaluated_expectations", 0)),
        passed=int(stats.get("successful_expectations", 0)),
        broken=broken,
    )
