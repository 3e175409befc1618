"""Land: a file's bytes are checked against the contract's format before DuckDB reads it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from onestop.contract import OFFICES, SERVICES
from onestop.errors import DropBlocked
from onestop.nightly.audit import read_events
from onestop.nightly.land import BOM, check_file_bytes, land, land_drop
from onestop.nightly.plan import plan

from tests.support import write_drop

NIGHT = date(2026, 11, 20)


def csv_file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "osos_services_20261120.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"",
            "osos_services_20261120.csv, line 1: rule 'file starts with a header line' broken: "
            "the file is empty",
        ),
        (
            b"service_id,comments\nS1,caf\xe9\n",
            "osos_services_20261120.csv, line 2: rule 'text is UTF-8' broken: "
            "byte 0xE9 at character 7 is not UTF-8",
        ),
        (
            b"service_id;participant_id;comments\nS1;C1;x\n",
            "osos_services_20261120.csv, line 1: rule 'fields separated by commas' broken: "
            "the header has no comma but 2 semicolon(s)",
        ),
        (
            b"service_id\tcomments\nS1\tx\n",
            "broken: the header has no comma but 1 tab(s)",
        ),
        (
            b"service_id|comments\nS1|x\n",
            "broken: the header has no comma but 1 pipe(s)",
        ),
        (
            b"service_id,comments\nS1,x\nS2,y",
            "osos_services_20261120.csv, line 3: rule 'every line ends with a newline' broken: "
            "the last line is cut short (file truncated)",
        ),
    ],
    ids=["empty", "not-utf8", "semicolons", "tabs", "pipes", "truncated"],
)
def test_check_file_bytes_names_file_line_and_rule(
    tmp_path: Path, data: bytes, message: str
) -> None:
    with pytest.raises(DropBlocked) as caught:
        check_file_bytes(csv_file(tmp_path, data), NIGHT)
    assert message in caught.value.message
    assert caught.value.extract_date == NIGHT


@pytest.mark.parametrize(
    "data",
    [
        b"service_id,comments\nS1,x\n",
        BOM + b"service_id,comments\nS1,x\n",  # how Windows tools write UTF-8
        b"service_id\nS1\n",  # one column: no delimiter at all is no other delimiter
        "service_id,comments\nS1,café; a;b\n".encode(),  # semicolons in values are values
    ],
    ids=["plain", "bom", "one-column", "semicolon-in-value"],
)
def test_check_file_bytes_accepts_contract_files(tmp_path: Path, data: bytes) -> None:
    check_file_bytes(csv_file(tmp_path, data), NIGHT)


def test_a_bom_does_not_reach_the_first_column_name(tmp_path: Path) -> None:
    drop = write_drop(tmp_path / "drop", NIGHT, {"osos__offices": [{"office_id": "NY01-001"}]})
    offices = drop / OFFICES.file_name(NIGHT)
    offices.write_bytes(BOM + offices.read_bytes())
    landing_db = tmp_path / "landing.duckdb"
    landed = land_drop(drop, NIGHT, landing_db, "load-1")
    assert [(f.entity, f.rows) for f in landed][:2] == [
        ("osos__offices", 1),
        ("osos__staff_users", 0),
    ]
    with duckdb.connect(str(landing_db), read_only=True) as con:
        assert con.execute(
            "select office_id, _extract_date, _source_file, _source_line, _load_id "
            "from osos__offices"
        ).fetchall() == [("NY01-001", NIGHT, "osos_offices_20261120.csv", 2, "load-1")]


def test_land_audits_every_file_and_returns_the_rows(settings) -> None:
    night = plan(settings, NIGHT, "run-1")
    write_drop(
        night.drop_dir(settings),
        NIGHT,
        {"osos__services": [{"service_id": "S1"}, {"service_id": "S2"}]},
    )
    counts = land(settings, night)
    assert counts["osos__services"] == 2 and sum(counts.values()) == 2
    events = read_events(settings.audit_log)
    assert len(events) == len(counts)
    assert {(e["step"], e["status"], e["load_id"]) for e in events} == {
        ("land", "ok", night.load_id)
    }
    services = next(e for e in events if e["entity"] == "osos__services")
    assert (services["file"], services["rows"]) == (SERVICES.file_name(NIGHT), 2)


def test_land_blocks_the_night_on_a_broken_file_and_audits_why(settings) -> None:
    night = plan(settings, NIGHT, "run-1")
    drop = write_drop(night.drop_dir(settings), NIGHT)
    services = drop / SERVICES.file_name(NIGHT)
    services.write_bytes(services.read_bytes().rstrip(b"\n"))
    with pytest.raises(DropBlocked, match="file truncated"):
        land(settings, night)
    [event] = read_events(settings.audit_log)
    assert (event["step"], event["status"]) == ("land", "blocked")
    assert event["message"].startswith("osos_services_20261120.csv, line 1: rule 'every line")
