"""TA 17-7 access compliance and free-text redaction, end to end on the shared published
nights: the marts report exactly the labelled gaps, and nothing else."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import duckdb
import pytest
from onestop.privacy.pseudonymise import pseudonym

from tests.support import TEST_SECRET


def key(identifier: str) -> str:
    return pseudonym(TEST_SECRET.encode("utf-8"), identifier)


def labels(three_night_drops, kind: str) -> list[dict]:
    found = [d for d in three_night_drops[1].defects if d["kind"] == kind]
    assert found, kind
    return found


@pytest.fixture(scope="module")
def warehouse(published_three_nights: Path):
    with duckdb.connect(
        str(published_three_nights / "warehouse" / "onestop.duckdb"), read_only=True
    ) as con:
        yield con


def _rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_uncovered_entries_are_exactly_the_labelled_gaps(warehouse, three_night_drops) -> None:
    landing = three_night_drops[0]
    coverage = _rows(
        warehouse,
        "select system, entry_id, staff_key, organization_id, entry_date "
        "from intermediate.int_access_entry_coverage",
    )
    expected: dict[str, set[tuple[str, str]]] = {}
    for label in labels(three_night_drops, "lapsed_individual_agreement"):
        night = date.fromisoformat(label["night"])
        lapsed = {
            (key(s), system) for s, system in zip(label["staff_ids"], label["systems"], strict=True)
        }
        expected["lapsed"] = {
            (system, entry)
            for system, entry, staff, _, day in coverage
            if (staff, system) in lapsed and day >= night
        }
    for label in labels(three_night_drops, "wrong_agreement_type"):
        organizations = set(label["organization_ids"])
        expected["wrong"] = {
            (system, entry)
            for system, entry, _, organization, _ in coverage
            if organization in organizations and system == "OSOS"
        }
    for label in labels(three_night_drops, "reos_entry_osos_only_user"):
        with (landing / label["path"]).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        expected["osos_only"] = {
            ("REOS", f"{rows[line - 2]['appointment_id']}/{rows[line - 2]['status']}")
            for line in label["rows"]
        }
    for name, entries in expected.items():
        assert entries, f"the {name} defect left no entry to judge"
    uncovered = _rows(
        warehouse, "select system, entry_id, missing_kind from marts.fct_access_compliance"
    )
    assert {(s, e) for s, e, _ in uncovered} == set().union(*expected.values())
    kinds = {(s, e): k for s, e, k in uncovered}
    assert {kinds[e] for e in expected["wrong"]} == {"wrong_organization_agreement_kind"}
    for entry in expected["lapsed"] | expected["osos_only"]:
        assert kinds[entry].startswith("individual"), (entry, kinds[entry])


def test_report_adds_up_to_the_entries(warehouse) -> None:
    [(entries, uncovered)] = _rows(
        warehouse,
        "select sum(entries), sum(uncovered_entries) from marts.rpt_access_compliance",
    )
    [(all_entries,)] = _rows(warehouse, "select count(*) from intermediate.int_access_entries")
    [(facts,)] = _rows(warehouse, "select count(*) from marts.fct_access_compliance")
    assert (entries, uncovered) == (all_entries, facts)
    assert entries > 100 and 0 < uncovered < entries


def test_typed_ssns_are_redacted_in_raw_and_reported(warehouse, three_night_drops) -> None:
    [label] = labels(three_night_drops, "ssn_in_comment")
    with (three_night_drops[0] / label["path"]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    labelled = {rows[line - 2]["service_id"] for line in label["rows"]}
    findings = _rows(
        warehouse, "select record_id, ssn_redactions from marts.fct_free_text_redactions"
    )
    # the labelled ones, and perhaps a few unlabelled ones the generator's background adds
    assert labelled <= {r for r, _ in findings}
    assert all(count >= 1 for _, count in findings)
    [(left,)] = _rows(
        warehouse,
        "select count(*) from raw.osos__services "
        r"where regexp_matches(comments, '\d{3}-?\d{2}-?\d{4}')",
    )
    assert left == 0
    redacted = _rows(
        warehouse,
        "select comments from raw.osos__services where comments_ssn_redactions > 0",
    )
    assert redacted and all("[SSN REDACTED]" in c for (c,) in redacted)
