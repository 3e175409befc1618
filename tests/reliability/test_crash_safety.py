"""Crash safety, concurrency and re-drops: the published warehouse survives all three.

One module fixture plays a bad night and its fix: the next night is delivered with null
keys (blocked), re-delivered fixed and re-run while an analyst reads the published file.
Its result is the reference an interrupted run must end up equal to.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from onestop.errors import DropBlocked

from tests.support import (
    NEXT_NIGHT,
    copy_data_dir,
    deliver_next_night,
    night_events,
    pipeline_environment,
    sha256,
    table_digests,
    use,
    warehouse,
)

SCHEMAS = ("marts", "raw", "quarantine")
# What an analyst sees: a consistent snapshot has a matching pair of numbers.
SNAPSHOT_SQL = (
    "select (select max(_extract_date)::varchar from raw.osos__services), "
    "(select count(*) from marts.fct_service_entries)"
)
ANALYST = """
import json, sys, time, pathlib, duckdb
path, stop, out = sys.argv[1], pathlib.Path(sys.argv[2]), open(sys.argv[3], "w")
held = duckdb.connect(path, read_only=True)  # opened before the run, kept all along
first = held.execute(SQL).fetchone()
print(json.dumps({"held": list(first)}), file=out, flush=True)
while not stop.exists():
    with duckdb.connect(path, read_only=True) as con:  # a new analyst session
        print(json.dumps({"new": list(con.execute(SQL).fetchone())}), file=out, flush=True)
    time.sleep(0.05)
print(json.dumps({"held": list(held.execute(SQL).fetchone())}), file=out, flush=True)
"""
RUNNER = (
    "import sys\n"
    "from datetime import date\n"
    "from onestop.nightly.run import run_night\n"
    "from onestop.settings import load_settings\n"
    "run_night(load_settings(), date.fromisoformat(sys.argv[1]), sys.argv[2])\n"
)


def snapshot(path: Path) -> list:
    with duckdb.connect(str(path), read_only=True) as con:
        return list(con.execute(SNAPSHOT_SQL).fetchone())


@pytest.fixture(scope="module")
def redelivered(published_three_nights: Path, tmp_path_factory: pytest.TempPathFactory):
    """Blocked attempt, fixed re-delivery, re-run under an analyst's reads."""
    from onestop.nightly.run import run_night

    data_dir = copy_data_dir(published_three_nights, tmp_path_factory.mktemp("redrop") / "data")
    old = snapshot(warehouse(data_dir))
    with pytest.MonkeyPatch.context() as mp:
        settings = use(data_dir, mp)
        deliver_next_night(data_dir, f"null_key@{NEXT_NIGHT}:osos__services x2")
        with pytest.raises(DropBlocked):
            run_night(settings, NEXT_NIGHT, "first delivery")
        deliver_next_night(data_dir)  # the fixed drop
        stop, seen = data_dir.parent / "stop", data_dir.parent / "seen.jsonl"
        analyst = subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"SQL = {SNAPSHOT_SQL!r}\n" + ANALYST,
                str(warehouse(data_dir)),
                str(stop),
                str(seen),
            ]
        )
        try:
            while not seen.exists() or not seen.read_text():
                time.sleep(0.05)
            run_night(settings, NEXT_NIGHT, "second delivery")
            time.sleep(0.3)
            stop.touch()
            assert analyst.wait(timeout=30) == 0
        finally:
            analyst.kill()
    observed = [json.loads(line) for line in seen.read_text().splitlines()]
    return data_dir, old, observed, table_digests(warehouse(data_dir), SCHEMAS)


def test_the_gate_history_shows_the_blocked_and_the_fixed_attempt(redelivered) -> None:
    data_dir = redelivered[0]
    attempts: dict[str, set[str]] = {}
    for event in night_events(data_dir):
        attempts.setdefault(event["load_id"], set()).add(event["status"])
    assert len(attempts) == 2
    first, second = attempts.values()
    assert "blocked" in first and "published" not in first
    assert "published" in second and "blocked" not in second
    with duckdb.connect(str(warehouse(data_dir)), read_only=True) as con:
        in_warehouse = con.execute(
            "select count(distinct load_id) from audit.load_audit where extract_date = ?",
            [NEXT_NIGHT],
        ).fetchone()[0]
    assert in_warehouse == 2


def test_an_analyst_reading_during_the_run_sees_old_or_new_never_a_mix(redelivered) -> None:
    data_dir, old, observed, _ = redelivered
    new = snapshot(warehouse(data_dir))
    assert new != old and new[0] == NEXT_NIGHT.isoformat()
    held = [o["held"] for o in observed if "held" in o]
    assert held == [old, old]  # the connection held open keeps its snapshot
    sessions = [o["new"] for o in observed if "new" in o]
    assert sessions and all(s in (old, new) for s in sessions), sessions


def run_and_kill(data_dir: Path, point: str) -> int:
    """Run the night in a child process that is killed hard at ``point``; its exit code."""
    env = dict(os.environ) | pipeline_environment(data_dir)
    if point != "build":
        env["ONESTOP_CRASH_AT"] = point
    child = subprocess.Popen(
        [sys.executable, "-c", RUNNER, NEXT_NIGHT.isoformat(), "killed attempt"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if point == "build":
            # Killed from outside, with dbt, once dbt has written its first model.
            log = data_dir / "work" / "dbt" / "logs" / "dbt.log"
            deadline = time.monotonic() + 240
            while not (log.exists() and " OK created " in log.read_text(errors="replace")):
                assert child.poll() is None and time.monotonic() < deadline
                time.sleep(0.05)
            os.killpg(child.pid, signal.SIGKILL)
        return child.wait(timeout=300)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)


@pytest.mark.parametrize("point", ["land", "build", "publish"])
def test_a_run_killed_hard_leaves_the_warehouse_and_a_rerun_equals_a_clean_run(
    point: str,
    redelivered,
    published_three_nights: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from onestop.nightly.run import run_night

    data_dir = copy_data_dir(published_three_nights, tmp_path / "data")
    deliver_next_night(data_dir)
    (data_dir / "work").mkdir(exist_ok=True)
    for old_log in (data_dir / "work").glob("dbt/logs/*"):
        old_log.unlink()
    before = sha256(warehouse(data_dir))

    assert run_and_kill(data_dir, point) == -signal.SIGKILL

    assert sha256(warehouse(data_dir)) == before
    assert snapshot(warehouse(data_dir))[0] == "2026-11-22"  # readable, the old state
    left = list((data_dir / "work" / NEXT_NIGHT.isoformat()).iterdir())
    assert left, "the killed attempt leaves its scratch folder behind"

    run_night(use(data_dir, monkeypatch), NEXT_NIGHT, "after the crash")

    assert table_digests(warehouse(data_dir), SCHEMAS) == redelivered[3]
    assert not (data_dir / "work" / NEXT_NIGHT.isoformat()).exists() or not any(
        (data_dir / "work" / NEXT_NIGHT.isoformat()).iterdir()
    ), "the next attempt deletes what the killed one left"
