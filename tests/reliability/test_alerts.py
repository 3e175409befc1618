"""Alerts: logged always, posted to a webhook when one is set, never failing the run."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from tests.support import (
    NEXT_NIGHT,
    copy_data_dir,
    deliver_next_night,
    night_events,
    sha256,
    use,
    warehouse,
)


@pytest.fixture
def webhook(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict]]:
    """A webhook on 127.0.0.1 that keeps every JSON body posted to it."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the http.server API)
            length = int(self.headers["Content-Length"])
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("ONESTOP_ALERT_WEBHOOK_URL", f"http://127.0.0.1:{server.server_port}/")
    try:
        yield received
    finally:
        server.shutdown()
        server.server_close()


def test_an_alert_is_logged_and_posted(webhook, settings, caplog) -> None:
    from onestop.ops.alerts import notify

    with caplog.at_level(logging.WARNING, logger="onestop.ops.alerts"):
        notify("drop for 2026-11-23 incomplete: control file missing", "2026-11-23")
    assert webhook == [
        {
            "pipeline": "onestop_nightly",
            "extract_date": "2026-11-23",
            "reason": "drop for 2026-11-23 incomplete: control file missing",
        }
    ]
    assert "night 2026-11-23 not published: drop for 2026-11-23 incomplete" in caplog.text


def test_the_deadline_callback_names_the_night_and_the_deadline(webhook, settings) -> None:
    from onestop.ops.alerts import night_not_published

    night_not_published(context={"dag_run": {"conf": {"extract_date": "2026-11-23"}}})
    assert webhook[0]["extract_date"] == "2026-11-23"
    assert "not published by 06:00 America/New_York" in webhook[0]["reason"]


def test_a_broken_webhook_is_logged_and_does_not_raise(settings, monkeypatch, caplog) -> None:
    from onestop.ops.alerts import notify

    monkeypatch.setenv("ONESTOP_ALERT_WEBHOOK_URL", "http://127.0.0.1:9/")  # discard port
    with caplog.at_level(logging.ERROR, logger="onestop.ops.alerts"):
        notify("a reason", "2026-11-23")
    assert "alert webhook http://127.0.0.1:9/ failed" in caplog.text


def test_the_dag_alerts_on_failure_and_at_the_morning_deadline(airflow_db) -> None:
    from datetime import timedelta

    from onestop.ops.airflow_local import load_dag

    dag = load_dag()
    [deadline] = dag.deadline if isinstance(dag.deadline, list) else [dag.deadline]
    assert deadline.interval == timedelta(hours=4)  # 02:00 run + 4 h = 06:00 New York
    assert deadline.callback.path == "onestop.ops.alerts.night_not_published"
    assert all(t.on_failure_callback for t in dag.tasks)


def test_a_blocked_night_through_the_real_dag_alerts_with_the_reason(
    webhook, published_three_nights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onestop.ops.airflow_local import run_nights

    data_dir = copy_data_dir(published_three_nights, tmp_path / "data")
    deliver_next_night(data_dir, f"non_utf8@{NEXT_NIGHT}:osos__services")
    before = sha256(warehouse(data_dir))
    outcomes = list(run_nights(use(data_dir, monkeypatch), [NEXT_NIGHT]))
    assert [o.state for o in outcomes] == ["failed"]
    assert sha256(warehouse(data_dir)) == before
    message = "osos_services_20261123.csv, line 2: rule 'text is UTF-8' broken"
    assert any(message in e["message"] for e in night_events(data_dir) if e["status"] == "blocked")
    assert [(w["extract_date"], message in w["reason"]) for w in webhook] == [
        (NEXT_NIGHT.isoformat(), True)
    ]
