"""The control file: a drop is loaded only when it is complete and intact."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from onestop.contract import SERVICES, control_file_name
from onestop.contract.control_file import write_control_file
from onestop.errors import DropBlocked
from onestop.nightly.verify import verify_drop

from tests.support import THREE_NIGHTS

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
