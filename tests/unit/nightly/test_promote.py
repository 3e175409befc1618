"""Ingest: landing keeps the file as delivered; raw keeps one copy, without personal data."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
from onestop.contract import PARTICIPANTS, SERVICES
from onestop.nightly.land import land_drop
from onestop.nightly.promote import promote_night
from onestop.privacy.pseudonymise import pseudonym

from tests.support import TEST_SECRET, THREE_NIGHTS

NIGHT = THREE_NIGHTS[0]


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
