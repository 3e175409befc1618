"""A real Airflow on this machine: scheduler, dag-processor and api-server, LocalExecutor.

Everything the other tests run through ``dag.test()`` here goes through the scheduler:
the DAG is parsed by the dag-processor, the run is triggered through the REST API
(``POST /auth/token``, then ``POST /api/v2/dags/onestop_nightly/dagRuns`` with the
night in ``conf``), tasks run in the LocalExecutor's worker processes and report
through the Execution API. Everything started is stopped in ``finally``.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from tests.support import (
    NEXT_NIGHT,
    PROJECT_ROOT,
    copy_data_dir,
    deliver_next_night,
    night_events,
    pipeline_environment,
    warehouse,
)

pytestmark = pytest.mark.scheduler

STARTUP_TIMEOUT = 240  # seconds for the api-server to answer and the DAG to be parsed
RUN_TIMEOUT = 420  # seconds for the run (dbt build included) on a busy 2-core machine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(url: str, token: str | None = None, body: dict | None = None, method: str = "GET"):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def wait_for(what: str, check, timeout: float, processes: list[subprocess.Popen]):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in processes:
            assert process.poll() is None, f"{process.args} exited while waiting for {what}"
        try:
            result = check()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            result = None
        if result:
            return result
        time.sleep(2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def test_the_scheduler_runs_a_night_triggered_through_the_rest_api(
    published_three_nights: Path, tmp_path: Path
) -> None:
    data_dir = copy_data_dir(published_three_nights, tmp_path / "data")
    deliver_next_night(data_dir)
    home = tmp_path / "airflow"
    home.mkdir()
    (home / "passwords.json").write_text(json.dumps({"onestop": "test-password"}))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ) | pipeline_environment(data_dir)
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": "2",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
            # Only the run this test triggers: no scheduled run for the machine's date.
            "ONESTOP_SCHEDULE": "none",
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "onestop:admin",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(home / "passwords.json"),
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base}/execution/",
            "AIRFLOW__API__BASE_URL": base,
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(32),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        }
    )
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from onestop.ops.airflow_local import migrate_metadata_db; migrate_metadata_db()",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    airflow = str(Path(sys.executable).parent / "airflow")
    processes: list[subprocess.Popen] = []
    logs = []
    try:
        for component in (["api-server", "--port", str(port)], ["scheduler"], ["dag-processor"]):
            log = (home / f"{component[0]}.log").open("w")
            logs.append(log)
            processes.append(
                subprocess.Popen(
                    [airflow, *component],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        token = wait_for(
            "a token",
            lambda: call(
                f"{base}/auth/token",
                body={"username": "onestop", "password": "test-password"},
                method="POST",
            )["access_token"],
            STARTUP_TIMEOUT,
            processes,
        )
        wait_for(
            "the DAG to be parsed",
            lambda: call(f"{base}/api/v2/dags/onestop_nightly", token),
            STARTUP_TIMEOUT,
            processes,
        )
        run = call(
            f"{base}/api/v2/dags/onestop_nightly/dagRuns",
            token,
            {
                "logical_date": datetime.now(UTC).isoformat(),
                "conf": {"extract_date": NEXT_NIGHT.isoformat()},
            },
            method="POST",
        )
        url = f"{base}/api/v2/dags/onestop_nightly/dagRuns/{run['dag_run_id']}"
        state = wait_for(
            "the run to finish",
            lambda: finished(call(url, token)["state"]),
            RUN_TIMEOUT,
            processes,
        )
        assert state == "success", _tail(home)
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for log in logs:
            log.close()

    with duckdb.connect(str(warehouse(data_dir)), read_only=True) as con:
        nights = con.execute("select max(_extract_date) from raw.osos__services").fetchone()[0]
        services = con.execute(
            "select count(*) from marts.fct_service_entries where service_date <= ?", [NEXT_NIGHT]
        ).fetchone()[0]
        gated = con.execute(
            "select count(*) from audit.load_audit where extract_date = ? and step = 'gate'"
            " and status = 'ok'",
            [NEXT_NIGHT],
        ).fetchone()[0]
    published = [e for e in night_events(data_dir) if e["status"] == "published"]
    assert nights == NEXT_NIGHT and services > 0 and gated == 1 and len(published) == 1


def finished(state: str) -> str | None:
    return state if state in ("success", "failed") else None


def _tail(home: Path) -> str:
    return "\n".join(
        f"--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-30:])
        for log in sorted(home.glob("*.log"))
    )
