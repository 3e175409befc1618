"""Alerts without a network: which night an alert names, and that it is always logged.

Posting to a real webhook and the DAG's callbacks are in tests/reliability/test_alerts.py.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from onestop.errors import DropBlocked
from onestop.ops import alerts


class TaskInstance:
    def __init__(self, task_id: str, planned=None, error: Exception | None = None) -> None:
        self.task_id, self.planned, self.error = task_id, planned, error

    def xcom_pull(self, task_ids: str):
        assert task_ids == "plan"
        if self.error:
            raise self.error
        return self.planned


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    calls: list[tuple] = []
    monkeypatch.setattr(alerts, "notify", lambda reason, night: calls.append((reason, night)))
    return calls


def test_a_failed_task_alerts_with_its_error_and_the_planned_night(sent) -> None:
    error = DropBlocked(None, "drop for 2026-11-23 incomplete: control file missing")
    ti = TaskInstance("verify", planned={"extract_date": "2026-11-23", "load_id": "x"})
    alerts.task_failed({"ti": ti, "exception": error, "params": {"extract_date": "1999-01-01"}})
    assert sent == [
        ("task verify failed: drop for 2026-11-23 incomplete: control file missing", "2026-11-23")
    ]


def test_the_night_falls_back_to_the_runs_param_when_plan_gave_none(sent) -> None:
    broken_plan = TaskInstance("plan", error=RuntimeError("no XCom: plan itself failed"))
    alerts.task_failed({"task_instance": broken_plan, "params": {"extract_date": "2026-11-23"}})
    alerts.task_failed({"ti": TaskInstance("gate", planned=None), "params": {}})
    assert sent == [
        ("task plan failed: None", "2026-11-23"),
        ("task gate failed: None", None),
    ]


def test_the_deadline_alert_reads_the_night_from_the_runs_conf(sent) -> None:
    alerts.night_not_published({"dag_run": {"conf": {"extract_date": "2026-11-23"}}})
    alerts.night_not_published({"dag_run": SimpleNamespace(conf={"extract_date": "2026-11-24"})})
    alerts.night_not_published(None, deadline="ignored keyword")
    reason = "not published by 06:00 America/New_York (deadline missed)"
    assert sent == [(reason, "2026-11-23"), (reason, "2026-11-24"), (reason, None)]


def test_with_no_channel_an_alert_is_only_logged(settings, caplog) -> None:
    assert settings.alert_webhook_url == "" and settings.alert_email == ""
    with caplog.at_level(logging.WARNING, logger="onestop.ops.alerts"):
        alerts.notify("a reason", None, settings)
    assert [r.getMessage() for r in caplog.records] == [
        "onestop_nightly: night unknown not published: a reason"
    ]
