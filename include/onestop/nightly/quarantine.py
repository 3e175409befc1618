"""Quarantine: row-level faults set aside after landing, so the rest of the night can load.

Why not block: one service with an unknown service code, or one participant
born in "1900", says nothing about the other thousands of rows of the night;
blocking would hide them all from staff until the drop is re-delivered. These
rows are taken out of the landed file before the gate, and every one is
recorded (file, line, column, rule, load id, extract date) in the published
warehouse's ``quarantine.rejected_rows``, so nothing is lost silently. No value
of the row is kept: the line number leads back to the delivered file, and a
value could be personal data.

Faults where going on would be unsafe stay with the gate and block the night:
missing or duplicate-with-different-content keys, null keys, the dates the
pipeline computes lags from, the columns themselves (docs/fault-catalogue.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import duckdb

from onestop.contract import ENTITIES, CheckedBy, ControlFile, Entity
from onestop.nightly.audit import record_step
from onestop.nightly.plan import Night
from onestop.settings import Settings
from onestop.sql import quote_identifier, quote_literal

LANDING_TABLE = "quarantine_rows"
WAREHOUSE_TABLE = "quarantine.rejected_rows"
# No real date of birth, program entry or office opening is this old: a placeholder.
EARLIEST_PLAUSIBLE_DATE = date(1901, 1, 1)


def quarantine(settings: Settings, night: Night) -> dict[str, int]:
    """Set the night's row-level faults aside and audit them; return the rows per table."""
    counts = set_aside(night.landing_db, night.day, night.load_id)
    for entity, file, column, rule, rows in summary(night.landing_db):
        record_step(
            settings,
            night,
            "quarantine",
            "quarantined",
            f"{rows} row(s) set aside, column {column}: rule '{rule}' broken",
            file=file,
            entity=entity,
            rows=rows,
        )
    return counts


@dataclass(frozen=True)
class RowRule:
    """A rule a row can break without the night being unsafe to load."""

    column: str
    rule: str
    broken_when: str  # SQL predicate over the landed (all text) row


def row_rules(entity: Entity) -> list[RowRule]:
    """The quarantine rules of an entity, derived from the contract."""
    rules: list[RowRule] = []
    for column in entity.columns:
        if column.name in entity.key:
            continue
        name = quote_identifier(column.name)
        if column.codes and column.checked_by is CheckedBy.GATE:
            codes = ", ".join("'" + code.replace("'", "''") + "'" for code in column.codes)
            rules.append(
                RowRule(
                    column.name,
                    "value in the contract's code list",
                    f"{name} is not null and {name} not in ({codes})",
                )
            )
        if column.type == "date":
            rules.append(
                RowRule(
                    column.name,
                    f"date not before {EARLIEST_PLAUSIBLE_DATE}",
                    f"try_strptime({name}, '%Y-%m-%d')::date < date '{EARLIEST_PLAUSIBLE_DATE}'",
                )
            )
    return rules


def _present_columns(con: duckdb.DuckDBPyConnection, entity: Entity) -> list[str]:
    landed = {r[0] for r in con.execute(f"describe {entity.table}").fetchall()}
    return [c for c in entity.column_names if c in landed]


def set_aside(landing_db: Path, extract_date: date, load_id: str) -> dict[str, int]:
    """Move rows breaking a row rule, and exact repeats of an earlier line, out of the
    landed tables into ``quarantine_rows``; return the rows set aside per table."""
    with duckdb.connect(str(landing_db)) as con:
        con.execute(
            f"create or replace table {LANDING_TABLE} (extract_date date, load_id varchar, "
            "entity varchar, file varchar, line bigint, column_name varchar, rule varchar)"
        )
        counts: dict[str, int] = {}
        for entity in ENTITIES:
            present = _present_columns(con, entity)
            checks = [
                (r.column, r.rule, f"where {r.broken_when}")
                for r in row_rules(entity)
                if r.column in present
            ]
            if present:
                columns = ", ".join(quote_identifier(c) for c in present)
                checks.append(
                    (
                        entity.key[0],
                        "no exact repeat of an earlier line",
                        f"qualify row_number() over (partition by {columns} "
                        "order by _source_line) > 1",
                    )
                )
            for column, rule, clause in checks:
                con.execute(
                    f"""
                    insert into {LANDING_TABLE}
                    select ?, ?, ?, _source_file, _source_line, ?, ?
                    from {entity.table}
                    {clause}
                    """,
                    [extract_date, load_id, entity.table, column, rule],
                )
            con.execute(
                f"delete from {entity.table} where _source_line in "
                f"(select line from {LANDING_TABLE} where entity = ?)",
                [entity.table],
            )
            counts[entity.table] = _distinct_lines(con, entity.table)
    return counts


def _distinct_lines(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(
        f"select count(distinct line) from {LANDING_TABLE} where entity = ?", [table]
    ).fetchone()[0]


def set_aside_counts(landing_db: Path) -> dict[str, int]:
    with duckdb.connect(str(landing_db), read_only=True) as con:
        return {e.table: _distinct_lines(con, e.table) for e in ENTITIES}


def without_quarantined(control: ControlFile, counts: dict[str, int]) -> ControlFile:
    """The control file's row counts less the rows set aside, for the gate's row-count rule."""
    return replace(
        control,
        files=tuple(replace(e, rows=e.rows - counts.get(e.entity, 0)) for e in control.files),
    )


def summary(landing_db: Path) -> list[tuple[str, str, str, str, int]]:
    """Rows set aside per table, file, column and rule, for the load audit."""
    with duckdb.connect(str(landing_db), read_only=True) as con:
        return con.execute(
            f"select entity, file, column_name, rule, count(*) from {LANDING_TABLE} "
            "group by all order by all"
        ).fetchall()


def promote_quarantined(
    con: duckdb.DuckDBPyConnection, landing_db: Path, extract_date: date
) -> int:
    """Replace the night's rows of ``quarantine.rejected_rows`` in the candidate warehouse."""
    con.execute("create schema if not exists quarantine")
    con.execute(
        f"create table if not exists {WAREHOUSE_TABLE} (extract_date date, load_id varchar, "
        "entity varchar, file varchar, line bigint, column_name varchar, rule varchar)"
    )
    con.execute(f"delete from {WAREHOUSE_TABLE} where extract_date = ?", [extract_date])
    con.execute(f"attach {quote_literal(str(landing_db))} as quarantined (read_only)")
    try:
        con.execute(f"insert into {WAREHOUSE_TABLE} select * from quarantined.{LANDING_TABLE}")
    finally:
        con.execute("detach quarantined")
    return con.execute(
        f"select count(*) from {WAREHOUSE_TABLE} where extract_date = ?", [extract_date]
    ).fetchone()[0]
