"""The fault catalogue (docs/fault-catalogue.md): every fault injected through the generator.

Each case copies the three published nights of the session fixture, delivers the
next night with one fault, runs that night's steps (``nightly.run.run_night``; one case
through the real DAG) and checks the answer, the message, and that no published
row was lost or changed.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from onestop.contract import ENTITIES
from onestop.errors import DropBlocked

from tests.support import (
    NEXT_NIGHT,
    THREE_NIGHTS,
    copy_data_dir,
    deliver_next_night,
    night_events,
    sha256,
    table_digests,
    use,
    warehouse,
)

N = NEXT_NIGHT.isoformat()
SERVICES_FILE = "osos_services_20261123.csv"

#: Night-level faults: (defect, words the blocking message must hold). Every message
#: names the file; the line when the fault has one; the column and rule when it has them.
BLOCKING = {
    "missing column": (
        f"missing_column@{N}:osos__services",
        f"{SERVICES_FILE}: rule 'columns as in the extract contract, in order' "
        "(expect_table_columns_to_match_ordered_list) broken: missing office_id",
    ),
    "extra column": (
        f"extra_column@{N}:osos__services",
        f"{SERVICES_FILE}: rule 'columns as in the extract contract, in order' "
        "(expect_table_columns_to_match_ordered_list) broken: unexpected legacy_flag",
    ),
    "renamed column": (
        f"renamed_column@{N}:osos__services",
        "broken: missing comments; unexpected COMMENTS",
    ),
    "reordered columns": (
        f"reordered_columns@{N}:osos__services",
        "broken: columns out of order: service_id, participant_id",
    ),
    "wrong delimiter": (
        f"wrong_delimiter@{N}:osos__services",
        f"{SERVICES_FILE}, line 1: rule 'fields separated by commas' broken: "
        "the header has no comma but 10 semicolon(s)",
    ),
    "non-UTF-8 bytes": (
        f"non_utf8@{N}:osos__services",
        f"{SERVICES_FILE}, line 2: rule 'text is UTF-8' broken: byte 0xE9 at character",
    ),
    "truncated file": (
        f"truncated_last_line@{N}:osos__services",
        "rule 'every line ends with a newline' broken: the last line is cut short",
    ),
    "empty file": (
        f"empty_file@{N}:osos__offices",
        "osos_offices_20261123.csv, line 1: rule 'file starts with a header line' broken: "
        "the file is empty",
    ),
    "header only": (
        f"header_only@{N}:osos__services",
        f"{SERVICES_FILE}: rule 'row count not below 50% of the recent median' broken: 0 rows",
    ),
    "missing file": (f"missing_file@{N}:osos__services", f"{SERVICES_FILE}: missing from the drop"),
    "missing control file": (
        f"missing_control_file@{N}",
        "drop for 2026-11-23 incomplete: control file missing (onestop_control_20261123.json)",
    ),
    "lying control file (checksum)": (
        f"bad_checksum@{N}:osos__services",
        f"{SERVICES_FILE}: SHA-256",
    ),
    "lying control file (row count)": (
        f"row_count_mismatch@{N}:osos__services x3",
        "rows, control file says",
    ),
    "drop for the wrong date": (
        f"wrong_date_control@{N}",
        "control file onestop_control_20261123.json is for 2026-11-22, not for the drop of "
        "2026-11-23",
    ),
    "duplicate keys, different content": (
        f"conflicting_key@{N}:osos__services",
        f"{SERVICES_FILE}, column service_id: rule 'key unique within the file' "
        "(expect_column_values_to_be_unique) broken: 2 of",
    ),
    "null keys": (
        f"null_key@{N}:osos__services x2",
        f"{SERVICES_FILE}, column service_id: rule 'key not null' "
        "(expect_column_values_to_not_be_null) broken: 2 of",
    ),
    "entry before service": (
        f"entry_before_service@{N}:osos__services x2",
        "column entered_at / service_date: rule 'entered_at not before service_date'",
    ),
    "future service": (
        f"service_after_extract@{N}:osos__services",
        "column _extract_date / service_date: rule 'service_date not after the extract date'",
    ),
    "impossible date in a lag date": (
        f"bad_date@{N}:osos__services",
        f"{SERVICES_FILE}, column service_date: rule 'parseable date YYYY-MM-DD'",
    ),
}


@pytest.mark.parametrize("fault", list(BLOCKING))
def test_a_night_level_fault_blocks_and_changes_nothing(
    fault: str, published_three_nights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onestop.nightly.run import run_night

    defect, expected = BLOCKING[fault]
    data_dir = copy_data_dir(published_three_nights, tmp_path / "data")
    labels = deliver_next_night(data_dir, defect)
    if fault == "truncated file":
        expected = f"{SERVICES_FILE}, line {labels[0]['rows'][0]}: " + expected
    before = sha256(warehouse(data_dir))

    with pytest.raises(DropBlocked) as blocked:
        run_night(use(data_dir, monkeypatch), NEXT_NIGHT, "attempt-1")

    assert expected in blocked.value.message, blocked.value.message
    assert sha256(warehouse(data_dir)) == before
    audited = [e for e in night_events(data_dir) if e["status"] == "blocked"]
    assert any(expected in e["message"] for e in audited), audited
    assert not list((data_dir / "work").rglob("*.duckdb")), "scratch must be cleaned up"


def test_a_row_count_collapse_blocks_the_night(
    published_three_nights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A half-run extract: well-formed files that agree with their control file."""
    from onestop.nightly.run import run_night

    data_dir = copy_data_dir(published_three_nights, tmp_path / "data")
    deliver_next_night(data_dir, services_per_night=40)
    before = sha256(warehouse(data_dir))
    with pytest.raises(DropBlocked) as blocked:
        run_night(use(data_dir, monkeypatch), NEXT_NIGHT, "attempt-1")
    assert (
        f"{SERVICES_FILE}: rule 'row count not below 50% of the recent median' broken: "
        in blocked.value.message
    )
    assert "over the last 1 published business days" in blocked.value.message
    assert sha256(warehouse(data_dir)) == before


#: Row-level faults that are safe to go on with: set aside, recorded, night published.
QUARANTINED = (
    f"duplicate_key@{N}:osos__services x2",
    f"unknown_code@{N}:osos__services x2",
    f"ancient_date@{N}:osos__participants x2",
)
#: Loaded and reported by the marts instead (marts.fct_orphan_keys).
REPORTED = (f"orphan_enrollment@{N}:osos__program_enrollments",)
#: Harmless: loaded as if it were not there.
ACCEPTED = (f"bom@{N}:osos__offices",)


def rows_of(path: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_row_level_faults_are_quarantined_and_the_night_goes_on(
    published_three_nights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onestop.nightly.run import run_night

    data_dir = copy_data_dir(published_three_nights, tmp_path / "data")
    labels = deliver_next_night(data_dir, *QUARANTINED, *REPORTED, *ACCEPTED)
    earlier = "select * exclude (_load_id) from raw.{t} where _extract_date < ? order by all"
    before = {
        e.table: rows_of(warehouse(data_dir), earlier.format(t=e.table), NEXT_NIGHT)
        for e in ENTITIES
    }

    run_night(use(data_dir, monkeypatch), NEXT_NIGHT, "attempt-1")

    rules = {
        "duplicate_key": "no exact repeat of an earlier line",
        "unknown_code": "value in the contract's code list",
        "ancient_date": "date not before 1901-01-01",
    }
    expected = {
        (label["file"], line, label["column"], rules[label["kind"]])
        for label in labels
        if label["kind"] in rules
        # duplicate_key lists the source row first: the first copy stays
        for line in label["rows"][1 if label["kind"] == "duplicate_key" else 0 :]
    }
    quarantined = rows_of(
        warehouse(data_dir),
        "select file, line, column_name, rule, extract_date, load_id "
        "from quarantine.rejected_rows order by all",
    )
    assert {r[:4] for r in quarantined} == expected
    assert {(r[4], r[5][:8]) for r in quarantined} == {(NEXT_NIGHT, "20261123")}
    # nothing lost: every delivered row is loaded or quarantined
    drop = data_dir / "landing" / N
    for entity in ENTITIES:
        delivered = sum(1 for _ in (drop / entity.file_name(NEXT_NIGHT)).open()) - 1
        (loaded,) = rows_of(
            warehouse(data_dir),
            f"select count(*) from raw.{entity.table} where _extract_date = ?",
            NEXT_NIGHT,
        )[0]
        set_aside = len({r[1] for r in quarantined if r[0] == entity.file_name(NEXT_NIGHT)})
        assert loaded + set_aside == delivered, entity.table
        # nothing changed: the earlier nights' rows are exactly as published
        assert (
            rows_of(warehouse(data_dir), earlier.format(t=entity.table), NEXT_NIGHT)
            == before[entity.table]
        )
    [orphan] = [label for label in labels if label["kind"] == "orphan_enrollment"]
    assert rows_of(
        warehouse(data_dir),
        "select count(*) from marts.fct_orphan_keys where orphan_kind = "
        "'enrollment_without_participant' and source_file = ? and source_line = ?",
        orphan["file"],
        orphan["rows"][0],
    ) == [(1,)]
    audited = [e for e in night_events(data_dir) if e["step"] == "quarantine"]
    assert {e["status"] for e in audited} == {"quarantined"} and len(audited) == 3


def test_a_drop_delivered_twice_gives_the_same_warehouse(
    published_three_nights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same files (same checksums) re-delivered and re-run: one copy, same marts."""
    from onestop.nightly.run import run_night

    data_dir = copy_data_dir(published_three_nights, tmp_path / "data")
    before = table_digests(warehouse(data_dir))
    run_night(use(data_dir, monkeypatch), THREE_NIGHTS[-1], "delivered-again")
    assert table_digests(warehouse(data_dir)) == before
