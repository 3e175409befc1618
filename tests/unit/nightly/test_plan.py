"""Plan: one attempt at one night gets a load id and a scratch folder of its own."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from onestop.nightly.plan import Night, plan

NIGHT = date(2026, 11, 20)


def test_the_load_id_is_the_night_and_a_digest_of_the_attempt(settings) -> None:
    night = plan(settings, NIGHT, "scheduled__2026-11-21T07:00:00+00:00")
    token = hashlib.sha256(b"scheduled__2026-11-21T07:00:00+00:00").hexdigest()[:10]
    assert night.load_id == f"20261120-{token}"
    assert night.extract_date == "2026-11-20" and night.day == NIGHT


def test_the_same_attempt_plans_the_same_night_another_attempt_another(settings) -> None:
    first, again = plan(settings, NIGHT, "run-1"), plan(settings, NIGHT, "run-1")
    retry = plan(settings, NIGHT, "run-2")
    assert first == again
    assert retry.load_id != first.load_id and retry.load_id.startswith("20261120-")
    assert plan(settings, date(2026, 11, 21), "run-1").load_id.startswith("20261121-")
    assert plan(settings, date(2026, 11, 21), "run-1").load_id[9:] == first.load_id[9:]


def test_an_attempts_files_live_in_its_own_folder(settings) -> None:
    night = plan(settings, NIGHT, "run-1")
    run_dir = settings.work_dir / "2026-11-20" / night.load_id
    assert Path(night.run_dir) == run_dir
    assert night.landing_db == run_dir / "landing.duckdb"
    assert night.candidate == run_dir / "candidate.duckdb"
    assert night.drop_dir(settings) == settings.landing_dir / "2026-11-20"
    assert night.gate_results_dir(settings) == (
        settings.gate_results_dir / "2026-11-20" / night.load_id
    )


def test_a_night_travels_as_a_plain_dict(settings) -> None:
    night = plan(settings, NIGHT, "run-1")
    payload = night.to_dict()
    assert set(payload) == {"extract_date", "load_id", "run_dir"}
    assert all(isinstance(v, str) for v in payload.values())
    assert Night(**payload) == night
