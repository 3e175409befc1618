"""Build: a candidate copied from the published warehouse, the night promoted into it,
then ``dbt build`` (a stand-in dbt here: the project itself is tested in tests/dbt/)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest
from onestop.errors import PublishRefused
from onestop.nightly.audit import read_events
from onestop.nightly.build import build, start_candidate
from onestop.nightly.land import land
from onestop.nightly.plan import plan
from onestop.nightly.publish import publish
from onestop.nightly.quarantine import quarantine

from tests.support import fake_dbt, fake_dbt_calls, write_drop

NIGHT = date(2026, 11, 20)


def landed_attempt(settings, attempt: str):
    """An attempt at NIGHT with three services (one with an unknown code), landed and
    quarantined, ready to build."""
    night = plan(settings, NIGHT, attempt)
    rows = [{"service_id": "S1", "service_code": "100"}, {"service_id": "S2"}]
    rows.append({"service_id": "S3", "service_code": "ZZZ"})
    if not night.drop_dir(settings).exists():
        write_drop(night.drop_dir(settings), NIGHT, {"osos__services": rows})
    land(settings, night)
    quarantine(settings, night)
    return night


def test_the_candidate_holds_the_night_its_quarantine_loads_and_audit(
    settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dbt = fake_dbt(tmp_path / "bin", monkeypatch)
    settings = replace(settings, dbt_executable=dbt)
    night = landed_attempt(settings, "run-1")
    assert build(settings, night) == "PASS=5 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=5"
    with duckdb.connect(str(night.candidate), read_only=True) as con:
        assert con.execute("select service_id from raw.osos__services order by 1").fetchall() == [
            ("S1",),
            ("S2",),
        ]
        assert con.execute("select line, rule from quarantine.rejected_rows").fetchall() == [
            (4, "value in the contract's code list")
        ]
        assert con.execute("from raw.night_loads").fetchall() == [(night.load_id, NIGHT)]
        assert con.execute(
            "select count(*) from raw.ny_state_holidays where holiday_name = 'Thanksgiving Day'"
        ).fetchone() == (41,)  # 2000..2040
        steps = con.execute("select distinct step from audit.load_audit order by 1").fetchall()
    assert steps == [("land",), ("quarantine",)]  # the copy is taken before build's own event
    build_event = read_events(settings.audit_log)[-1]
    assert (build_event["step"], build_event["status"]) == ("build", "ok")
    assert build_event["message"] == "raw rows 2; dbt PASS=5 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=5"
    assert "--full-refresh" not in fake_dbt_calls(dbt)[0]["args"]


def test_a_night_built_again_refreshes_the_facts_in_full(
    settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dbt = fake_dbt(tmp_path / "bin", monkeypatch)
    settings = replace(settings, dbt_executable=dbt)
    first = landed_attempt(settings, "run-1")
    build(settings, first)
    publish(settings, first)
    build(settings, landed_attempt(settings, "run-2"))  # the same night, re-run
    assert ["--full-refresh" in call["args"] for call in fake_dbt_calls(dbt)] == [False, True]


def test_a_failed_dbt_build_is_audited_and_raised(
    settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = replace(settings, dbt_executable=fake_dbt(tmp_path / "bin", monkeypatch, fail=True))
    night = landed_attempt(settings, "run-1")
    with pytest.raises(PublishRefused):
        build(settings, night)
    event = read_events(settings.audit_log)[-1]
    assert (event["step"], event["status"]) == ("build", "failed")
    assert event["message"] == "dbt build failed; the candidate was not published. " + (
        "Failed: test.onestop.not_null_service_id: fail (3). "
    )
    assert not settings.warehouse_path.exists()


def test_start_candidate_copies_the_published_file_or_starts_empty(tmp_path: Path) -> None:
    published = tmp_path / "warehouse" / "onestop.duckdb"
    candidate = tmp_path / "work" / "candidate.duckdb"
    start_candidate(published, candidate)
    assert candidate.parent.is_dir() and not candidate.exists()  # first night: empty
    published.parent.mkdir()
    published.write_bytes(b"published")
    candidate.write_bytes(b"stale")
    candidate.with_name("candidate.duckdb.wal").write_bytes(b"stale log")
    start_candidate(published, candidate)
    assert candidate.read_bytes() == b"published"
    assert not candidate.with_name("candidate.duckdb.wal").exists()
