"""Land and promote: landing keeps the file as delivered; raw keeps one copy per night,
without personal data (generated drops first, then hand-made nights)."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from onestop.calendar import BusinessCalendar, Closure
from onestop.contract import ENTITIES, PARTICIPANTS, SERVICES
from onestop.nightly.land import land_drop
from onestop.nightly.plan import Night
from onestop.nightly.promote import (
    night_already_loaded,
    promote_night,
    record_night_loads,
    write_calendar,
)
from onestop.privacy.pseudonymise import pseudonym

from tests.support import TEST_SECRET, THREE_NIGHTS, landed_night

NIGHT = THREE_NIGHTS[0]
HAND_NIGHT, LATER = date(2026, 11, 20), date(2026, 11, 21)
SECRET = TEST_SECRET.encode()


def land_and_promote(drops: Path, tmp_path: Path, times: int) -> duckdb.DuckDBPyConnection:
    landing_db = tmp_path / "landing.duckdb"
    land_drop(drops / NIGHT.isoformat(), NIGHT, landing_db, "load-1")
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    for _ in range(times):
        promote_night(con, landing_db, NIGHT, TEST_SECRET.encode())
    return con


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_loading_a_night_twice_leaves_one_copy(three_night_drops, tmp_path: Path) -> None:
    drops = three_night_drops[0]
    expected = len(csv_rows(drops / NIGHT.isoformat() / SERVICES.file_name(NIGHT)))
    con = land_and_promote(drops, tmp_path, times=2)
    rows, distinct = con.execute(
        "select count(*), count(distinct service_id) from raw.osos__services"
    ).fetchone()
    assert rows == distinct == expected


def test_lineage_columns_point_back_to_the_file(three_night_drops, tmp_path: Path) -> None:
    drops = three_night_drops[0]
    source = csv_rows(drops / NIGHT.isoformat() / SERVICES.file_name(NIGHT))
    con = land_and_promote(drops, tmp_path, times=1)
    service_id, file, line, extract_date = con.execute(
        "select service_id, _source_file, _source_line, _extract_date "
        "from raw.osos__services order by _source_line limit 1 offset 4"
    ).fetchone()
    assert file == SERVICES.file_name(NIGHT)
    assert source[line - 2]["service_id"] == service_id  # line 2 is the first data row
    assert extract_date == NIGHT


def test_personal_data_is_pseudonymised_or_dropped(three_night_drops, tmp_path: Path) -> None:
    drops = three_night_drops[0]
    people = csv_rows(drops / NIGHT.isoformat() / PARTICIPANTS.file_name(NIGHT))
    con = land_and_promote(drops, tmp_path, times=1)
    columns = {r[0] for r in con.execute("describe raw.osos__participants").fetchall()}
    assert {"ssn", "first_name", "last_name", "date_of_birth", "participant_id"}.isdisjoint(columns)
    assert {"participant_key", "has_ssn", "ssn_key", "birth_year"} <= columns
    person = next(p for p in people if p["ssn"])
    key = pseudonym(TEST_SECRET.encode(), person["participant_id"])
    has_ssn, ssn_key = con.execute(
        "select has_ssn, ssn_key from raw.osos__participants where participant_key = ?", [key]
    ).fetchone()
    assert has_ssn is True
    assert ssn_key == pseudonym(TEST_SECRET.encode(), person["ssn"].replace("-", ""))
    everything = " ".join(
        str(v)
        for row in con.execute("select * from raw.osos__participants").fetchall()
        for v in row
    )
    for p in people:
        for field in ("ssn", "first_name", "last_name", "date_of_birth"):
            if p[field]:
                assert p[field] not in everything, field


# Hand-made nights: a few rows each, to see exactly what promote replaces.


def services(*ids: str, night: date = HAND_NIGHT) -> dict[str, list[dict[str, str]]]:
    return {
        "osos__services": [
            {
                "service_id": service_id,
                "participant_id": "C1",
                "service_date": (night - timedelta(days=1)).isoformat(),
                "staff_id": "U1",
            }
            for service_id in ids
        ]
    }


def raw_services(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "select _extract_date, service_id, _load_id from raw.osos__services order by all"
    ).fetchall()


def test_promote_night_replaces_that_nights_rows_only(tmp_path: Path) -> None:
    first = landed_night(tmp_path / "1", HAND_NIGHT, services("S1", "S2"), "load-1")
    second = landed_night(tmp_path / "2", LATER, services("S3", night=LATER), "load-2")
    again = landed_night(tmp_path / "3", HAND_NIGHT, services("S2", "S4"), "load-3")
    with duckdb.connect(str(tmp_path / "candidate.duckdb")) as con:
        counts = promote_night(con, first, HAND_NIGHT, SECRET)
        assert counts == {e.table: 0 for e in ENTITIES} | {"osos__services": 2}
        promote_night(con, second, LATER, SECRET)
        assert promote_night(con, again, HAND_NIGHT, SECRET)["osos__services"] == 2
        assert raw_services(con) == [
            (HAND_NIGHT, "S2", "load-3"),
            (HAND_NIGHT, "S4", "load-3"),
            (LATER, "S3", "load-2"),
        ]
        key = con.execute("select staff_key from raw.osos__services limit 1").fetchone()[0]
    assert key == pseudonym(SECRET, "U1")


def test_a_failed_promote_leaves_raw_as_it_was(tmp_path: Path) -> None:
    first = landed_night(tmp_path / "1", HAND_NIGHT, services("S1"), "load-1")
    broken = landed_night(tmp_path / "2", HAND_NIGHT, services("S2"), "load-2")
    with duckdb.connect(str(broken)) as con:
        con.execute("drop table reos__appointments")  # promoted after the services
    with duckdb.connect(str(tmp_path / "candidate.duckdb")) as con:
        promote_night(con, first, HAND_NIGHT, SECRET)
        with pytest.raises(duckdb.CatalogException, match="reos__appointments"):
            promote_night(con, broken, HAND_NIGHT, SECRET)
        assert raw_services(con) == [(HAND_NIGHT, "S1", "load-1")]
        # the landing database was detached: the next promote can attach one again
        promote_night(con, first, HAND_NIGHT, SECRET)
        assert raw_services(con) == [(HAND_NIGHT, "S1", "load-1")]


def test_write_calendar_rewrites_the_closures() -> None:
    thanksgiving = Closure(date(2026, 11, 26), "Thanksgiving Day")
    election = Closure(date(2026, 11, 3), "Election Day", is_floating=True)
    with duckdb.connect() as con:
        write_calendar(con, BusinessCalendar((election, thanksgiving)))
        write_calendar(con, BusinessCalendar((election, thanksgiving)))
        assert con.execute("from raw.ny_state_holidays order by all").fetchall() == [
            (date(2026, 11, 3), "Election Day", True),
            (date(2026, 11, 26), "Thanksgiving Day", False),
        ]
        write_calendar(con, BusinessCalendar((thanksgiving,)))
        assert con.execute("select count(*) from raw.ny_state_holidays").fetchone() == (1,)


def test_record_night_loads_names_this_builds_loads_only() -> None:
    nights = [Night("2026-11-20", "20261120-a", "/w/a"), Night("2026-11-21", "20261121-b", "/w/b")]
    with duckdb.connect() as con:
        record_night_loads(con, nights)
        assert con.execute("from raw.night_loads order by all").fetchall() == [
            ("20261120-a", date(2026, 11, 20)),
            ("20261121-b", date(2026, 11, 21)),
        ]
        record_night_loads(con, nights[1:])
        assert con.execute("from raw.night_loads").fetchall() == [
            ("20261121-b", date(2026, 11, 21))
        ]


def test_night_already_loaded_looks_for_the_nights_rows(tmp_path: Path) -> None:
    landing_db = landed_night(tmp_path, HAND_NIGHT, services("S1"))
    with duckdb.connect(str(tmp_path / "candidate.duckdb")) as con:
        assert night_already_loaded(con, HAND_NIGHT) is False  # no raw schema yet
        con.execute("create schema raw")  # raw exists, the entity tables do not
        assert night_already_loaded(con, HAND_NIGHT) is False
        promote_night(con, landing_db, HAND_NIGHT, SECRET)
        assert night_already_loaded(con, HAND_NIGHT) is True
        assert night_already_loaded(con, LATER) is False
