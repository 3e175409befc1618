"""The gate history pages' data: attempts from the load audit, suites from the kept results."""

from __future__ import annotations

import json
from pathlib import Path

from onestop.nightly.audit import AuditEvent, record
from onestop.reports.site.history import read_attempts, read_gate_results


def audit(log: Path, load_id: str, night: str, *steps: tuple, at: str) -> None:
    for step, status, message, rows in steps:
        record(
            log,
            AuditEvent(load_id, night, step, status, message, rows=rows, recorded_at=at),
        )


def test_attempts_newest_first_with_their_outcome(tmp_path: Path) -> None:
    log = tmp_path / "load_audit.jsonl"
    audit(
        log,
        "a1",
        "2026-11-20",
        ("land", "ok", "", 10),
        ("land", "ok", "", 5),
        ("publish", "published", "", None),
        at="2026-11-21T07:00:00+00:00",
    )
    audit(
        log,
        "b1",
        "2026-11-21",
        ("land", "ok", "", 7),
        ("gate", "blocked", "null keys", None),
        ("gate", "blocked", "bad codes", None),
        at="2026-11-22T07:00:00+00:00",
    )
    audit(
        log,
        "b2",
        "2026-11-21",
        ("land", "ok", "", 7),
        ("build", "failed", "dbt", None),
        at="2026-11-22T09:00:00+00:00",
    )
    audit(log, "c1", "2026-11-22", ("verify", "ok", "", 3), at="2026-11-23T07:00:00+00:00")
    attempts = read_attempts(log)
    assert [(a.load_id, a.outcome, a.step) for a in attempts] == [
        ("c1", "incomplete", "verify"),
        ("b2", "failed", "build"),
        ("b1", "blocked", "gate"),
        ("a1", "accepted", "publish"),
    ]
    accepted, blocked = attempts[3], attempts[2]
    assert (accepted.files, accepted.rows, accepted.reasons) == (2, 15, [])
    assert blocked.reasons == ["null keys", "bad codes"]
    assert attempts[0].files == 0  # verified files are not landed files
    assert accepted.anchor == "attempt-a1"
    assert read_attempts(tmp_path / "none.jsonl") == []


def test_gate_results_give_counts_per_suite(tmp_path: Path) -> None:
    log = tmp_path / "load_audit.jsonl"
    audit(log, "b1", "2026-11-21", ("gate", "blocked", "x", None), at="2026-11-22T07:00:00+00:00")
    [attempt] = read_attempts(log)
    assert read_gate_results(tmp_path / "results", attempt) == []  # never reached the gate
    folder = tmp_path / "results" / "2026-11-21" / "b1"
    folder.mkdir(parents=True)
    (folder / "osos__services.json").write_text(
        json.dumps(
            {
                "statistics": {"evaluated_expectations": 3, "successful_expectations": 1},
                "expectations": [
                    {"success": True, "expectation_type": "a", "kwargs": {"column": "x"}},
                    {
                        "success": False,
                        "expectation_type": "expect_column_values_to_not_be_null",
                        "kwargs": {"column": "service_id"},
                        "result": {"unexpected_count": 2, "element_count": 150},
                    },
                    {
                        "success": False,
                        "expectation_type": "expect_column_pair_values_a_to_be_greater_than_b",
                        "kwargs": {"column_A": "entered_at", "column_B": "service_date"},
                    },
                ],
            }
        )
    )
    (folder / "osos__offices.json").write_text(json.dumps({}))
    offices, services = read_gate_results(tmp_path / "results", attempt)
    assert (offices.suite, offices.evaluated, offices.passed, offices.broken) == (
        "osos__offices",
        0,
        0,
        [],
    )
    assert (services.evaluated, services.passed) == (3, 1)
    assert services.broken == [
        ("expect_column_values_to_not_be_null", "service_id", 2, 150),
        (
            "expect_column_pair_values_a_to_be_greater_than_b",
            "entered_at / service_date",
            None,
            None,
        ),
    ]
