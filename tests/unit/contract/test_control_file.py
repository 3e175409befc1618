"""The control file: written last from the files in the drop, read back strictly."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from onestop.contract import ENTITIES, ControlEntry, control_file_name
from onestop.contract.control_file import (
    count_csv_rows,
    read_control_file,
    sha256_of,
    write_control_file,
)
from onestop.errors import DropBlocked

from tests.support import write_drop

NIGHT = date(2026, 11, 20)


def test_the_name_carries_the_night() -> None:
    assert control_file_name(NIGHT) == "onestop_control_20261120.json"


def test_rows_are_lines_less_the_header(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n1,2\n3,4\n")
    assert count_csv_rows(path) == 2
    path.write_bytes(b"a,b\n")
    assert count_csv_rows(path) == 0
    path.write_bytes(b"")
    assert count_csv_rows(path) == 0
    path.write_bytes(b"a,b\n1,2")  # a last line without its newline still counts
    assert count_csv_rows(path) == 1


def test_sha256_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n" * 300_000)  # more than one read block
    assert sha256_of(path) == hashlib.sha256(b"a,b\n" * 300_000).hexdigest()


def test_write_then_read_round_trips_every_file_of_the_drop(tmp_path: Path) -> None:
    drop = write_drop(
        tmp_path, NIGHT, {"osos__services": [{"service_id": "S1"}, {"service_id": "S2"}]}
    )
    written = write_control_file(drop, NIGHT)
    assert written == drop / "onestop_control_20261120.json"
    assert not list(drop.glob("*.tmp"))
    control = read_control_file(drop, NIGHT)
    assert control.extract_date == NIGHT and control.contract_version == "1"
    assert [e.entity for e in control.files] == [e.table for e in ENTITIES]
    services = next(e for e in control.files if e.entity == "osos__services")
    assert services == ControlEntry(
        "osos_services_20261120.csv",
        "osos__services",
        2,
        sha256_of(drop / "osos_services_20261120.csv"),
    )


def test_only_the_files_present_are_listed(tmp_path: Path) -> None:
    drop = write_drop(tmp_path, NIGHT, control=False)
    (drop / "osos_offices_20261120.csv").unlink()
    (drop / "notes.txt").write_text("not a contract file")
    write_control_file(drop, NIGHT)
    entities = [e.entity for e in read_control_file(drop, NIGHT).files]
    assert "osos__offices" not in entities and len(entities) == len(ENTITIES) - 1


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{not json", "control file onestop_control_20261120.json unreadable"),
        (json.dumps({"extract_date": "2026-11-20"}), "unreadable: 'files'"),
        (
            json.dumps({"extract_date": "2026-11-20", "files": [{"file": "x.csv"}]}),
            "unreadable",
        ),
        (json.dumps({"extract_date": "2026-11-19", "files": []}), "is for 2026-11-19"),
    ],
    ids=["not-json", "no-files", "entry-fields-missing", "another-night"],
)
def test_a_control_file_that_cannot_be_trusted_blocks(
    tmp_path: Path, payload: str, message: str
) -> None:
    (tmp_path / control_file_name(NIGHT)).write_text(payload, encoding="utf-8")
    with pytest.raises(DropBlocked, match=message) as caught:
        read_control_file(tmp_path, NIGHT)
    assert caught.value.extract_date == NIGHT


def test_an_absent_control_file_says_the_drop_is_incomplete(tmp_path: Path) -> None:
    with pytest.raises(DropBlocked) as caught:
        read_control_file(tmp_path, NIGHT)
    assert caught.value.message == (
        "drop for 2026-11-20 incomplete: control file missing (onestop_control_20261120.json)"
    )
