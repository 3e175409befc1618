"""The contract's entities and columns: lookup, file names, table names, value patterns."""

from __future__ import annotations

import re
from datetime import date

import pytest
from onestop.contract import (
    APPOINTMENTS,
    ENTITIES,
    LINEAGE_COLUMNS,
    PARTICIPANTS,
    SERVICES,
    CheckedBy,
    Column,
    Pii,
    entity,
)


def test_entity_looks_a_table_up_by_name() -> None:
    assert entity("osos__services") is SERVICES
    assert entity("reos__appointments") is APPOINTMENTS
    assert [entity(e.table) for e in ENTITIES] == list(ENTITIES)


def test_an_unknown_table_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="no entity 'osos_services' in the extract contract"):
        entity("osos_services")  # the file stem, not the table


def test_file_and_table_names_follow_the_contract() -> None:
    assert SERVICES.file_name(date(2026, 11, 20)) == "osos_services_20261120.csv"
    assert APPOINTMENTS.file_name(date(2027, 1, 3)) == "reos_appointments_20270103.csv"
    assert SERVICES.table == "osos__services"
    assert len({e.table for e in ENTITIES}) == len(ENTITIES) == 9
    assert SERVICES.column_names[:2] == ["service_id", "participant_id"]


def test_every_key_is_a_required_column_and_no_column_is_a_lineage_name() -> None:
    for e in ENTITIES:
        required = {c.name for c in e.columns if c.required}
        assert set(e.key) <= required, e.table
        assert not set(e.column_names) & set(LINEAGE_COLUMNS), e.table
        assert len(set(e.column_names)) == len(e.columns), e.table


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        ("date", ["2026-11-20"], ["2026-11-20T00:00:00", "11/20/2026", "2026-1-2", ""]),
        (
            "timestamp",
            ["2026-11-20T09:15:00-05:00", "2026-07-01T23:59:59+00:00"],
            ["2026-11-20 09:15:00-05:00", "2026-11-20T09:15:00Z", "2026-11-20T09:15:00"],
        ),
        ("integer", ["0", "42", "-7"], ["4.2", "1e3", "", "+1"]),
    ],
)
def test_a_column_pattern_matches_its_type(kind: str, good: list[str], bad: list[str]) -> None:
    pattern = Column("c", kind, "").pattern
    assert all(re.fullmatch(pattern, v) for v in good)
    assert not any(re.search(pattern, v) for v in bad)


@pytest.mark.parametrize("kind", ["string", "code"])
def test_text_and_codes_have_no_pattern(kind: str) -> None:
    assert Column("c", kind, "").pattern is None


def test_personal_data_markings_of_the_participant_file() -> None:
    marked = {c.name: c.pii for c in PARTICIPANTS.columns if c.pii is not Pii.NONE}
    assert marked == {
        "participant_id": Pii.PSEUDONYMISE,
        "ssn": Pii.SSN,
        "first_name": Pii.DROP,
        "last_name": Pii.DROP,
        "date_of_birth": Pii.BIRTH_DATE,
    }
    sex = next(c for c in PARTICIPANTS.columns if c.name == "sex")
    assert (sex.checked_by, sex.pirl, sex.codes) == (CheckedBy.READINESS, 201, ("1", "2", "9"))
