"""Protect: what the warehouse keeps of each personal-data column, run on a hand-made table."""

from __future__ import annotations

import duckdb
import pytest
from onestop.contract import LINEAGE_COLUMNS, PARTICIPANTS, SERVICES, Entity
from onestop.privacy.protect import protected_select_list
from onestop.privacy.pseudonymise import pseudonym, register_key_function

SECRET = b"unit-test-secret"


def protected(entity: Entity, rows: list[dict[str, str | None]]) -> list[dict]:
    """``rows`` as a landed table (all text, lineage columns), selected the way promote
    selects them into raw."""
    with duckdb.connect() as con:
        register_key_function(con, SECRET)
        columns = ", ".join(f'"{c}" varchar' for c in entity.column_names)
        con.execute(
            f"create table {entity.table} ({columns}, _extract_date date, "
            "_source_file varchar, _source_line bigint, _load_id varchar)"
        )
        for line, row in enumerate(rows, start=2):
            con.execute(
                f"insert into {entity.table} by name select "
                + ", ".join(f'?::varchar as "{c}"' for c in row)
                + ", date '2026-11-20' as _extract_date, 'f.csv' as _source_file, "
                "? as _source_line, 'load-1' as _load_id",
                [*row.values(), line],
            )
        relation = con.execute(
            f"select {protected_select_list(entity)} from {entity.table} order by _source_line"
        )
        names = [d[0] for d in relation.description]
        return [dict(zip(names, values, strict=True)) for values in relation.fetchall()]


def test_names_and_clear_identifiers_never_reach_raw() -> None:
    [row] = protected(PARTICIPANTS, [{"participant_id": "C1", "first_name": "Ann"}])
    assert {"first_name", "last_name", "ssn", "date_of_birth", "participant_id"}.isdisjoint(row)
    assert row["participant_key"] == pseudonym(SECRET, "C1")
    assert list(row)[-4:] == list(LINEAGE_COLUMNS)
    assert row["_source_line"] == 2 and row["_load_id"] == "load-1"
    assert "Ann" not in map(str, row.values())


@pytest.mark.parametrize(
    ("ssn", "has_ssn", "key_of"),
    [
        ("123-45-6789", True, "123456789"),
        ("123456789", True, "123456789"),  # one key however it was typed
        (" 123 45 6789 ", True, "123456789"),
        ("", False, None),
        (None, False, None),
    ],
)
def test_an_ssn_becomes_has_ssn_and_a_key_of_its_digits(ssn, has_ssn, key_of) -> None:
    [row] = protected(PARTICIPANTS, [{"participant_id": "C1", "ssn": ssn}])
    assert row["has_ssn"] is has_ssn
    assert row["ssn_key"] == (key_of and pseudonym(SECRET, key_of))


@pytest.mark.parametrize(
    ("born", "status", "year", "month"),
    [
        ("1985-03-14", "valid", 1985, 3),
        (" 1985-03-14 ", "valid", 1985, 3),
        ("1985-02-30", "invalid", None, None),  # no such day
        ("14/03/1985", "invalid", None, None),
        ("1985-3-14", "invalid", None, None),
        ("", "missing", None, None),
        (None, "missing", None, None),
    ],
)
def test_a_birth_date_keeps_year_month_key_and_status_only(born, status, year, month) -> None:
    [row] = protected(PARTICIPANTS, [{"participant_id": "C1", "date_of_birth": born}])
    assert row["date_of_birth_status"] == status
    assert (row["birth_year"], row["birth_month"]) == (year, month)
    expected_key = pseudonym(SECRET, born.strip()) if born and born.strip() else None
    assert row["date_of_birth_key"] == expected_key


def test_typed_ssns_are_redacted_from_free_text_and_counted() -> None:
    rows = protected(
        SERVICES,
        [
            {"service_id": "S1", "comments": "SSN 123-45-6789, also 987 65 4321 and 111223333"},
            {"service_id": "S2", "comments": "called back; case 12345 and 1234567890 are fine"},
            {"service_id": "S3", "comments": None},
        ],
    )
    assert [(r["comments"], r["comments_ssn_redactions"]) for r in rows] == [
        ("SSN [SSN REDACTED], also [SSN REDACTED] and [SSN REDACTED]", 3),
        ("called back; case 12345 and 1234567890 are fine", 0),
        (None, 0),
    ]
    assert rows[0]["staff_key"] is None and rows[0]["service_id"] == "S1"
