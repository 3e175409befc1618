"""Leak scan: what counts as personal data in a table, on hand-made needles.

The scan over a real run's outputs is in tests/end_to_end/test_leak_scan.py.
"""

from __future__ import annotations

import duckdb
from onestop.privacy.leak_scan import Needles, scan
from onestop.privacy.pseudonymise import pseudonym


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
