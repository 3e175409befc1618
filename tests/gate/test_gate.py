"""The gate names file, column, rule and row count, and passes a clean drop."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from onestop.contract import ENTITIES
from onestop.nightly.gate import Gate
from onestop.nightly.land import land_drop
from onestop.nightly.verify import verify_drop
from onestop.settings import PROJECT_ROOT
from onestop.synthetic.generate import DefectSpec, generate

from tests.support import THREE_NIGHTS

NIGHT = THREE_NIGHTS[0]


@pytest.fixture(scope="module")
def gate() -> Gate:
    return Gate(PROJECT_ROOT / "expectations")


def check(gate: Gate, landing: Path, tmp_path: Path) -> list[str]:
    drop = landing / NIGHT.isoformat()
    control = verify_drop(drop, NIGHT)
    land_drop(drop, NIGHT, tmp_path / "landing.duckdb", "test-load")
    failures = gate.check_night(tmp_path / "landing.duckdb", NIGHT, control, tmp_path / "results")
    return [f.message() for f in failures]


def generate_with(tmp_path: Path, *defects: str) -> Path:
    landing = tmp_path / "landing"
    generate(
        landing,
        start=NIGHT,
        nights=1,
        seed=11,
        services_per_night=120,
        defects=[DefectSpec.parse(d) for d in defects],
    )
    return landing


def test_clean_drop_passes_and_results_are_kept(gate: Gate, tmp_path: Path, three_night_drops):
    landing = tmp_path / "landing"
    shutil.copytree(three_night_drops[0] / NIGHT.isoformat(), landing / NIGHT.isoformat())
    assert check(gate, landing, tmp_path) == []
    kept = sorted(p.name for p in (tmp_path / "results").iterdir())
    assert "osos__services.json" in kept and len(kept) == len(ENTITIES)


def test_missing_column_names_file_and_column(gate: Gate, tmp_path: Path) -> None:
    landing = generate_with(tmp_path, f"missing_column@{NIGHT}:osos__services")
    messages = check(gate, landing, tmp_path)
    assert len(messages) == 1, messages
    assert messages[0].startswith("osos_services_20261120.csv: rule 'columns as in the extract")
    assert "missing office_id" in messages[0]


def test_null_key_counts_rows(gate: Gate, tmp_path: Path) -> None:
    landing = generate_with(tmp_path, f"null_key@{NIGHT}:osos__services x3")
    messages = check(gate, landing, tmp_path)
    assert any(
        m.startswith("osos_services_20261120.csv, column service_id: rule 'key not null'")
        and ": 3 of " in m
        for m in messages
    ), messages


def test_entry_before_service_is_caught(gate: Gate, tmp_path: Path) -> None:
    landing = generate_with(tmp_path, f"entry_before_service@{NIGHT}:osos__services x2")
    messages = check(gate, landing, tmp_path)
    assert any(
        "column entered_at / service_date: rule 'entered_at not before service_date'" in m
        and ": 2 of " in m
        for m in messages
    ), messages


def test_kept_results_hold_no_sample_values(gate: Gate, tmp_path: Path) -> None:
    landing = generate_with(tmp_path, f"unknown_code@{NIGHT}:osos__services x2")
    messages = check(gate, landing, tmp_path)
    assert any("code list" in m for m in messages), messages
    text = (tmp_path / "results" / "osos__services.json").read_text()
    assert "ZZZ" not in text  # the offending value itself is never written out


def test_outcome_recorded_before_its_appointment_is_caught(gate: Gate, tmp_path: Path) -> None:
    landing = generate_with(tmp_path, f"outcome_before_appointment@{NIGHT}:reos__appointments")
    messages = check(gate, landing, tmp_path)
    assert len(messages) == 1, messages
    assert messages[0].startswith(
        "reos_appointments_20261120.csv, column status_recorded_at / appointment_date: rule "
        "'outcome (ATTENDED, FAILED_TO_REPORT, EXCUSED) status_recorded_at not before "
        "appointment_date'"
    ), messages
    assert ": 1 of " in messages[0]


def test_an_appointment_before_selection_passes_the_gate(gate: Gate, tmp_path: Path) -> None:
    """The claimant may sit in an earlier drop: only the warehouse can check this rule."""
    landing = generate_with(tmp_path, f"appointment_before_selection@{NIGHT}:reos__appointments")
    assert check(gate, landing, tmp_path) == []
