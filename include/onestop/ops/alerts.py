"""Alerts: a blocked night, or a night not published by 06:00 New York time, tells someone.

Why a callback of our own rather than one of Airflow's notifiers: the same alert goes
out from the DAG (a failed task, a missed deadline) and could come from any tool that
runs a night, and it must always be logged even when no channel is configured. Every
alert is logged; it is also posted as JSON to ``ONESTOP_ALERT_WEBHOOK_URL`` and e-mailed
to ``ONESTOP_ALERT_EMAIL`` through Airflow's SMTP settings (``[smtp]``), when those are
set. A channel that fails is logged and never fails the run: the alert is about the
night, not a reason to lose it.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from datetime import timedelta
from typing import Any

from onestop.settings import Settings, load_settings

log = logging.getLogger("onestop.ops.alerts")

#: The morning deadline: the run starts at 02:00 New York time (its logical date), and
#: staff open the reports at 06:00.
PUBLISH_DEADLINE_AFTER_RUN = timedelta(hours=4)


def notify(reason: str, extract_date: str | None, settings: Settings | None = None) -> None:
    """Send one alert on every configured channel; log it always."""
    settings = settings or load_settings()
    subject = f"onestop_nightly: night {extract_date or 'unknown'} not published"
    log.warning("%s: %s", subject, reason)
    payload = {"pipeline": "onestop_nightly", "extract_date": extract_date, "reason": reason}
    if settings.alert_webhook_url:
        try:
            request = urllib.request.Request(
                settings.alert_webhook_url,
                data=json.dumps(payload).encode("utf-8"),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                response.read()
        except OSError as exc:
            log.error("alert webhook %s failed: %s", settings.alert_webhook_url, exc)
    if settings.alert_email:
        try:
            from airflow.utils.email import send_email

            send_email(settings.alert_email, subject, f"<p>{reason}</p>")
        except Exception as exc:  # any SMTP or configuration error: log, never fail the run
            log.error("alert e-mail to %s failed: %s", settings.alert_email, exc)


def _extract_date(context: dict[str, Any]) -> str | None:
    """The night a run loads: its ``plan`` result, else the ``extract_date`` param."""
    ti = context.get("ti") or context.get("task_instance")
    if ti is not None:
        try:
            planned = ti.xcom_pull(task_ids="plan")
        except Exception:  # the plan task itself may be what failed
            planned = None
        if isinstance(planned, dict) and planned.get("extract_date"):
            return planned["extract_date"]
    return (context.get("params") or {}).get("extract_date")


def task_failed(context: dict[str, Any]) -> None:
    """``on_failure_callback`` of the nightly tasks: the night is blocked or broke."""
    ti = context.get("ti") or context.get("task_instance")
    task = getattr(ti, "task_id", "?")
    error = context.get("exception")
    notify(f"task {task} failed: {error}", _extract_date(context))


def night_not_published(context: dict[str, Any] | None = None, **_: Any) -> None:
    """The Deadline Alert's callback: the run is still not done at 06:00 New York time."""
    context = context or {}
    dag_run = context.get("dag_run") or {}
    conf = dag_run.get("conf") if isinstance(dag_run, dict) else getattr(dag_run, "conf", None)
    night = (conf or {}).get("extract_date")
    notify("not published by 06:00 America/New_York (deadline missed)", night)
