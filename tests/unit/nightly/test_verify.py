"""Verify: a drop is loaded only when it is complete and intact (its control file says so)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from onestop.contract import ENTITIES, OFFICES, SERVICES, control_file_name
from onestop.contract.control_file import write_control_file
from onestop.errors import DropBlocked
from onestop.nightly.audit import read_events
from onestop.nightly.plan import plan
from onestop.nightly.verify import verify, verify_drop

from tests.support import THREE_NIGHTS, write_drop

NIGHT = THREE_NIGHTS[0]


@pytest.fixture
def drop(tmp_path: Path, three_night_drops) -> Path:
    target = tmp_path / NIGHT.isoformat()
    shutil.copytree(three_night_drops[0] / NIGHT.isoformat(), target)
    return target


def test_a_generated_drop_verifies(drop: Path) -> None:
    control = verify_drop(drop, NIGHT)
    assert {e.entity for e in control.files} >= {"osos__services", "reos__appointments"}


def test_missing_control_file_blocks_with_a_clear_message(drop: Path) -> None:
    (drop / control_file_name(NIGHT)).unlink()
    with pytest.raises(DropBlocked, match=r"drop for 2026-11-20 incomplete: control file missing"):
        verify_drop(drop, NIGHT)


def test_changed_bytes_and_counts_are_caught(drop: Path) -> None:
    services = drop / SERVICES.file_name(NIGHT)
    lines = services.read_text(encoding="utf-8").splitlines(keepends=True)
    services.write_text("".join(lines[:-1]), encoding="utf-8")
    with pytest.raises(DropBlocked) as caught:
        verify_drop(drop, NIGHT)
    message = str(caught.value)
    assert services.name in message
    assert f"{len(lines) - 2} rows, control file says {len(lines) - 1}" in message
    assert "SHA-256" in message


def test_control_file_for_another_date_is_refused(drop: Path) -> None:
    path = drop / control_file_name(NIGHT)
    payload = json.loads(path.read_text())
    payload["extract_date"] = "2026-11-19"
    path.write_text(json.dumps(payload))
    with pytest.raises(DropBlocked, match="is for 2026-11-19"):
        verify_drop(drop, NIGHT)


def test_control_file_is_rewritten_consistently(drop: Path) -> None:
    write_control_file(drop, NIGHT)
    assert verify_drop(drop, NIGHT).extract_date == date(2026, 11, 20)


# Hand-made drops: a few rows each.


def hand_made(folder: Path) -> Path:
    return write_drop(
        folder / NIGHT.isoformat(),
        NIGHT,
        {"osos__services": [{"service_id": "S1"}], "osos__offices": [{"office_id": "O1"}]},
    )


def test_a_file_missing_or_unlisted_is_named(tmp_path: Path) -> None:
    drop = hand_made(tmp_path)
    (drop / OFFICES.file_name(NIGHT)).unlink()
    path = drop / control_file_name(NIGHT)
    payload = json.loads(path.read_text())
    payload["files"] = [f for f in payload["files"] if f["entity"] != "osos__services"]
    path.write_text(json.dumps(payload))
    with pytest.raises(DropBlocked) as caught:
        verify_drop(drop, NIGHT)
    assert caught.value.message == (
        "drop for 2026-11-20 does not match its control file: "
        "osos_offices_20261120.csv: listed in the control file but missing; "
        "osos_services_20261120.csv: not listed in the control file"
    )
    (drop / SERVICES.file_name(NIGHT)).unlink()
    with pytest.raises(DropBlocked, match="osos_services_20261120.csv: missing from the drop"):
        verify_drop(drop, NIGHT)


def test_a_file_under_another_name_is_refused(tmp_path: Path) -> None:
    drop = hand_made(tmp_path)
    (drop / SERVICES.file_name(NIGHT)).rename(drop / "services.csv")
    path = drop / control_file_name(NIGHT)
    payload = json.loads(path.read_text())
    for entry in payload["files"]:
        if entry["entity"] == "osos__services":
            entry["file"] = "services.csv"
    path.write_text(json.dumps(payload))
    with pytest.raises(DropBlocked, match="services.csv: expected the name osos_services_20261120"):
        verify_drop(drop, NIGHT)


def test_verify_audits_every_file_it_checked(settings) -> None:
    night = plan(settings, NIGHT, "run-2")
    stale = Path(plan(settings, NIGHT, "run-1").run_dir)
    stale.mkdir(parents=True)
    hand_made(settings.landing_dir)
    verify(settings, night)
    events = read_events(settings.audit_log)
    assert len(events) == len(ENTITIES)
    assert {(e["step"], e["status"], e["load_id"]) for e in events} == {
        ("verify", "ok", night.load_id)
    }
    services = next(e for e in events if e["entity"] == "osos__services")
    assert services["rows"] == 1 and len(services["sha256"]) == 64
    assert not stale.exists()  # a killed attempt's scratch is cleared first


def test_verify_blocks_a_night_without_a_folder(settings) -> None:
    night = plan(settings, NIGHT, "run-1")
    with pytest.raises(DropBlocked, match="drop for 2026-11-20 missing: no folder"):
        verify(settings, night)
    [event] = read_events(settings.audit_log)
    assert (event["step"], event["status"]) == ("verify", "blocked")
