"""Leak scan: what counts as personal data in a text or a table, on hand-made needles.

The scan over a real run's outputs is in tests/end_to_end/test_leak_scan.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
from onestop.privacy.leak_scan import Needles, collect_needles, find_in_text, scan
from onestop.privacy.pseudonymise import pseudonym

from tests.support import write_drop

NEEDLES = Needles(
    ssns={"123456789"},
    names={("ann", "lee")},
    birth_dates={"1985-03-14": {"C1"}},
)


def test_find_in_text_sees_each_form_of_each_kind() -> None:
    assert find_in_text("ssn 123-45-6789 / 123 45 6789 / 123456789", NEEDLES) == ["ssn"] * 3
    assert find_in_text("Ann Lee called; so did Lee, Ann", NEEDLES) == ["name", "name"]
    assert find_in_text("born 1985-03-14, 19850314 or 03/14/1985", NEEDLES) == (
        ["date_of_birth"] * 3
    )
    assert find_in_text("born 1985-03-14", NEEDLES, dates=False) == []


def test_find_in_text_matches_whole_tokens_only() -> None:
    assert find_in_text("key 0a123456789ff and 1234567890 and 987-65-4321", NEEDLES) == []
    assert find_in_text("Ann Leeds, Joanne Lee; Ann-Marie", NEEDLES) == []
    assert find_in_text("born 1985-03-15 or 19850314000", NEEDLES) == []


def test_collect_needles_reads_the_marked_columns_of_every_drop(tmp_path: Path) -> None:
    night = date(2026, 11, 20)
    write_drop(
        tmp_path / "landing" / night.isoformat(),
        night,
        {
            "osos__participants": [
                {
                    "participant_id": "C1",
                    "ssn": "123-45-6789",
                    "first_name": "Ann ",
                    "last_name": "LEE",
                    "date_of_birth": "1985-03-14",
                },
                {"participant_id": "C2", "first_name": "Bo"},  # no last name: no needle
            ],
            "osos__services": [{"service_id": "S1", "comments": "his ssn is 987 65 4321"}],
            "osos__offices": [{"office_id": "O1", "opened_date": "1999-01-04"}],  # not a DOB
        },
    )
    needles = collect_needles(tmp_path / "landing")
    assert needles.ssns == {"123456789", "987654321"}
    assert needles.names == {("ann", "lee")}
    assert needles.birth_dates == {"1985-03-14": {"C1"}}
    assert needles.counts() == {"ssns": 2, "names": 1, "dates_of_birth": 1}


def test_scan_reports_where_and_what_never_the_value(tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "task.log").write_text("looked up 123-45-6789 for Lee, Ann\n")
    (tmp_path / "logs" / "clean.log").write_text("nothing to see\n")
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "drop.csv").write_text("123456789\n")  # skipped: the input
    report = scan([tmp_path], NEEDLES, skip=[tmp_path / "landing"])
    assert sorted((h.kind, Path(h.where).name) for h in report.hits) == [
        ("name", "task.log"),
        ("ssn", "task.log"),
    ]
    assert report.files_scanned == 2
    assert "hits: 2 (name 1, ssn 1)" in report.render()
    assert "123-45-6789" not in report.render() and "Lee" not in report.render()


def test_a_birth_date_in_a_date_column_counts_only_with_its_person(tmp_path) -> None:
    needles = Needles(birth_dates={"1985-03-14": {"C1"}})
    database = tmp_path / "w.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("create table offices as select date '1985-03-14' as opened_date")
        con.execute(
            "create table people as select * from (values "
            "(date '1985-03-14', ?), (date '1985-03-14', 'someone else')) t(day, participant_key)",
            [pseudonym(b"s", "C1")],
        )
    report = scan([database], needles, secret=b"s")
    assert [h.where.rsplit(".", 2)[-2:] for h in report.hits] == [["people", "day"]]
    assert report.date_collisions == 2
