"""Readiness marts after the real DAG: labelled defects and background noise become findings.

The shared three-night drops carry labelled readiness defects (conftest
READINESS_DEFECTS) on top of the generator's unlabelled PIRL blanks and typos.
Every night still publishes; these tests check the findings reach the marts with
the right PIRL element and rule, against an oracle computed from the CSV files.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import duckdb
import pytest
from onestop.contract import PARTICIPANTS, PROGRAM_ENROLLMENTS, CheckedBy, Column
from onestop.privacy.pseudonymise import pseudonym
from onestop.settings import PROJECT_ROOT

from tests.support import TEST_SECRET, THREE_NIGHTS

PIRL_COLUMNS = {c.name: c for c in PARTICIPANTS.columns if c.checked_by is CheckedBy.READINESS}


def key(participant_id: str) -> str:
    return pseudonym(TEST_SECRET.encode(), participant_id)


def query(data_dir: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(data_dir / "warehouse" / "onestop.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def latest_rows(landing: Path, entity, key_column: str) -> dict[str, dict[str, str]]:
    """The latest delivered version of every row, straight from the CSV files."""
    latest: dict[str, dict[str, str]] = {}
    for night in THREE_NIGHTS:
        with (landing / night.isoformat() / entity.file_name(night)).open(
            encoding="utf-8", newline=""
        ) as handle:
            for row in csv.DictReader(handle):
                latest[row[key_column]] = row
    return latest


def labelled_rows(landing: Path, label: dict) -> list[dict[str, str]]:
    with (landing / label["path"]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [rows[line - 2] for line in label["rows"]]


def is_valid(column: Column, value: str) -> bool:
    if column.type == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return False
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return True
    return value in column.codes


@pytest.fixture(scope="module")
def checks(published_three_nights: Path) -> dict[tuple[str, str], set[str]]:
    """(enrollment_id, rule_id) -> participant keys, from fct_reporting_edit_checks."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for enrollment_id, rule_id, participant_key in query(
        published_three_nights,
        "select enrollment_id, rule_id, participant_key from marts.fct_reporting_edit_checks",
    ):
        found[(enrollment_id, rule_id)].add(participant_key)
    return found


def test_labelled_pirl_defects_reach_the_marts_with_element_and_rule(
    published_three_nights: Path, three_night_drops, checks
) -> None:
    landing = published_three_nights / "landing"
    labels = three_night_drops[1].defects
    enrollments = latest_rows(landing, PROGRAM_ENROLLMENTS, "enrollment_id")
    by_participant: dict[str, list[str]] = defaultdict(list)
    for enrollment_id, row in enrollments.items():
        by_participant[row["participant_id"]].append(enrollment_id)
    readiness_kinds = {
        "missing_pirl_value",
        "invalid_pirl_value",
        "exit_before_entry",
        "orphan_enrollment",
    }
    seen = set()
    for label in (label for label in labels if label["kind"] in readiness_kinds):
        rows = labelled_rows(landing, label)
        seen.add(label["kind"])
        if label["kind"] in ("missing_pirl_value", "invalid_pirl_value"):
            element = PIRL_COLUMNS[label["column"]].pirl
            rule = ("REQ" if label["kind"] == "missing_pirl_value" else "VV") + str(element)
            for row in rows:
                mine = by_participant[row["participant_id"]]
                assert mine, row["participant_id"]
                for enrollment_id in mine:
                    assert (enrollment_id, rule) in checks, (label["kind"], enrollment_id, rule)
                readiness = query(
                    published_three_nights,
                    "select bool_or(is_reporting_ready), bool_and(list_contains("
                    "list_concat(missing_elements, invalid_elements), ?)) "
                    "from marts.fct_participant_readiness where participant_key = ?",
                    [element, key(row["participant_id"])],
                )
                assert readiness == [(False, True)], (label, readiness)
        elif label["kind"] == "exit_before_entry":
            for row in rows:
                assert (row["enrollment_id"], "LOG901") in checks, row["enrollment_id"]
        elif label["kind"] == "orphan_enrollment":
            [row] = rows
            assert (row["enrollment_id"], "LOG100") in checks
            orphans = query(
                published_three_nights,
                "select orphan_kind, participant_key from marts.fct_orphan_keys "
                "where enrollment_id = ?",
                [row["enrollment_id"]],
            )
            assert orphans == [("enrollment_without_participant", key(row["participant_id"]))]
    assert seen == readiness_kinds


def test_valid_value_and_required_findings_equal_an_oracle_from_the_files(
    published_three_nights: Path, checks
) -> None:
    """Every blank required fact and every bad code or date in the files, and nothing else."""
    landing = published_three_nights / "landing"
    participants = latest_rows(landing, PARTICIPANTS, "participant_id")
    enrollments = latest_rows(landing, PROGRAM_ENROLLMENTS, "enrollment_id")
    with (PROJECT_ROOT / "dbt_project" / "seeds" / "pirl_element_rules.csv").open() as handle:
        required = {
            r["source_column"]: set(r["required_for_programs"].split("|"))
            for r in csv.DictReader(handle)
        }
    expected = set()
    for enrollment_id, enrollment in enrollments.items():
        person = participants.get(enrollment["participant_id"])
        if person is None:
            continue  # an orphan: LOG100 instead (checked above)
        for name, column in PIRL_COLUMNS.items():
            value = person[name]
            if not value and enrollment["program_code"] in required[name]:
                expected.add((enrollment_id, f"REQ{column.pirl}"))
            elif value and not is_valid(column, value):
                expected.add((enrollment_id, f"VV{column.pirl}"))
    found = {c for c in checks if c[1].startswith(("REQ", "VV"))}
    assert len(expected) > 20  # the background noise produces findings, not just the labels
    assert found == expected


def test_findings_never_block_and_readiness_adds_up(published_three_nights: Path) -> None:
    (blocked,) = query(
        published_three_nights,
        "select count(*) from audit.load_audit where status in ('blocked', 'failed')",
    )[0]
    assert blocked == 0
    fact = query(
        published_three_nights,
        "select count(*), count_if(is_reporting_ready) from marts.fct_participant_readiness",
    )[0]
    report = query(
        published_three_nights,
        "select sum(participants), sum(ready) from marts.rpt_reporting_readiness",
    )[0]
    assert fact == report and 0 < fact[1] < fact[0]
    quarters = {
        r[0]
        for r in query(
            published_three_nights,
            "select distinct report_quarter from marts.fct_participant_readiness",
        )
    }
    assert "PY2026 Q2" in quarters  # November 2026 is in October-December, Q2 of PY2026


def test_no_full_date_of_birth_reaches_the_warehouse(published_three_nights: Path) -> None:
    landing = published_three_nights / "landing"
    births = {
        row["date_of_birth"]
        for row in latest_rows(landing, PARTICIPANTS, "participant_id").values()
        if row["date_of_birth"]
    }
    # Text columns of every stored table about people (those keyed by participant_key);
    # other tables hold dates like opening days that may equal someone's birthday.
    with duckdb.connect(
        str(published_three_nights / "warehouse" / "onestop.duckdb"), read_only=True
    ) as con:
        columns = con.execute(
            "select c.table_schema, c.table_name, c.column_name "
            "from information_schema.columns c "
            "join information_schema.tables t using (table_schema, table_name) "
            "where t.table_type = 'BASE TABLE' and c.data_type = 'VARCHAR' "
            "and (c.table_schema, c.table_name) in (select table_schema, table_name "
            "from information_schema.columns where column_name = 'participant_key')"
        ).fetchall()
        assert len(columns) > 20
        for schema, table, column in columns:
            (hits,) = con.execute(
                f'select count(*) from "{schema}"."{table}" '
                f'where "{column}" in (select unnest(?::varchar[]))',
                [sorted(births)],
            ).fetchone()
            assert hits == 0, (schema, table, column)
