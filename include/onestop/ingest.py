"""Ingest: a night's CSV files into DuckDB, first as landed, then into ``raw``.

Two steps, because the gate must see the files exactly as delivered (every
column as text, personal data included) while the warehouse must never hold
personal data in clear:

1. ``land_drop`` loads each file into its own per-night landing database,
   every value as VARCHAR, with lineage columns. The landing database lives
   in the run's scratch folder and is deleted when the run ends.
2. ``promote_night`` copies a gated night into the candidate warehouse's
   ``raw`` schema, pseudonymising identifiers on the way (see ``contract.Pii``).
   It deletes that night's rows first, so loading a night twice leaves one copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from onestop.calendar import BusinessCalendar
from onestop.contract import ENTITIES, Entity, Pii
from onestop.errors import DropBlocked
from onestop.faults import crash_point
from onestop.file_checks import check_file_bytes
from onestop.pseudonymise import KEY_FUNCTION, register_key_function

LINEAGE_COLUMNS = ("_extract_date", "_source_file", "_source_line", "_load_id")

#: An SSN as staff type it into free text: nine digits, with or without dashes or spaces.
#: Any such number is redacted, SSN or not: a false alarm costs a phone number, a miss
#: costs a person's identity.
SSN_IN_TEXT_PATTERN = r"\b\d{3}[- ]?\d{2}[- ]?\d{4}\b"
SSN_REDACTION = "[SSN REDACTED]"


@dataclass(frozen=True)
class LandedFile:
    entity: str
    file: str
    rows: int


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def land_drop(
    drop_dir: Path, extract_date: date, landing_db: Path, load_id: str
) -> list[LandedFile]:
    """Load every contract file of a verified drop into ``landing_db``, all text.

    A file DuckDB cannot read as a comma-separated UTF-8 CSV blocks the night
    with the reader's own message (it names the line).
    """
    landing_db.parent.mkdir(parents=True, exist_ok=True)
    landed: list[LandedFile] = []
    with duckdb.connect(str(landing_db)) as con:
        for entity in ENTITIES:
            path = drop_dir / entity.file_name(extract_date)
            check_file_bytes(path, extract_date)
            try:
                con.execute(
                    f"""
                    create or replace table {entity.table} as
                    select
                        src.*,
                        ?::date as _extract_date,
                        ? as _source_file,
                        (row_number() over ()) + 1 as _source_line,
                        ? as _load_id
                    from read_csv(?, header = true, delim = ',', quote = '"', escape = '"',
                                  all_varchar = true, encoding = 'utf-8') as src
                    """,
                    [extract_date, path.name, load_id, str(path)],
                )
            except duckdb.Error as exc:
                first_line = str(exc).strip().splitlines()[0]
                raise DropBlocked(
                    extract_date, f"{path.name}: cannot be read as UTF-8 CSV: {first_line}"
                ) from exc
            rows = con.execute(f"select count(*) from {entity.table}").fetchone()[0]
            landed.append(LandedFile(entity.table, path.name, rows))
            crash_point("ingest")
    return landed


def _raw_select_list(entity: Entity) -> str:
    """The columns of a raw table: contract columns with personal data transformed."""
    parts: list[str] = []
    for column in entity.columns:
        name = _quote(column.name)
        if column.pii is Pii.NONE:
            parts.append(name)
        elif column.pii is Pii.PSEUDONYMISE:
            key_name = column.name.removesuffix("_id") + "_key"
            parts.append(f"{KEY_FUNCTION}({name}) as {_quote(key_name)}")
        elif column.pii is Pii.SSN:
            digits = f"nullif(regexp_replace(coalesce({name}, ''), '[^0-9]', '', 'g'), '')"
            parts.append(f"({digits} is not null) as has_ssn")
            parts.append(f"{KEY_FUNCTION}({digits}) as ssn_key")
        elif column.pii is Pii.BIRTH_DATE:
            parts.extend(_birth_date_parts(name))
        elif column.pii is Pii.FREE_TEXT:
            parts.extend(_free_text_parts(column.name))
        # Pii.DROP: the column never leaves the landing database.
    parts.extend(LINEAGE_COLUMNS)
    return ",\n    ".join(parts)


def _birth_date_parts(name: str) -> list[str]:
    """What the warehouse keeps of a date of birth: only what the readiness rules need.

    Year and month give the age at program entry to the month; the keyed hash lets
    the duplicate rule compare two records' dates without revealing them; the
    status says whether a value was delivered and was a real ``YYYY-MM-DD`` date,
    so the PIRL 200 valid-value check works with the date itself gone. Year and
    month are null unless the status is ``valid``.
    """
    value = f"nullif(trim({name}), '')"
    parsed = f"try_strptime({value}, '%Y-%m-%d')"
    pattern = r"'\d{4}-\d{2}-\d{2}'"
    well_formed = f"(regexp_full_match({value}, {pattern}) and {parsed} is not null)"
    status = (
        f"case when {value} is null then 'missing' "
        f"when {well_formed} then 'valid' else 'invalid' end"
    )
    return [
        f"case when {well_formed} then year({parsed}) end::integer as birth_year",
        f"case when {well_formed} then month({parsed}) end::integer as birth_month",
        f"{KEY_FUNCTION}({value}) as date_of_birth_key",
        f"{status} as date_of_birth_status",
    ]


def _free_text_parts(column: str) -> list[str]:
    """Free text with typed SSNs redacted, and how many were redacted in the row.

    Redacted here, on the way into ``raw``, so no table of the warehouse ever holds
    them; the count lets the marts report each redaction as a data-quality finding.
    """
    name = _quote(column)
    pattern = _sql_string(SSN_IN_TEXT_PATTERN)
    return [
        f"regexp_replace({name}, {pattern}, {_sql_string(SSN_REDACTION)}, 'g') as {name}",
        f"coalesce(len(regexp_extract_all({name}, {pattern})), 0)::integer "
        f"as {_quote(column + '_ssn_redactions')}",
    ]


def promote_night(
    con: duckdb.DuckDBPyConnection, landing_db: Path, extract_date: date, secret: bytes
) -> dict[str, int]:
    """Replace ``extract_date``'s rows in the candidate's raw tables with the landed ones."""
    register_key_function(con, secret)
    con.execute("create schema if not exists raw")
    con.execute(f"attach {_sql_string(str(landing_db))} as landing (read_only)")
    counts: dict[str, int] = {}
    try:
        con.execute("begin transaction")
        for entity in ENTITIES:
            select = f"select\n    {_raw_select_list(entity)}\nfrom landing.{entity.table}"
            con.execute(f"create table if not exists raw.{entity.table} as {select} limit 0")
            con.execute(f"delete from raw.{entity.table} where _extract_date = ?", [extract_date])
            con.execute(f"insert into raw.{entity.table} by name {select}")
            counts[entity.table] = con.execute(
                f"select count(*) from raw.{entity.table} where _extract_date = ?", [extract_date]
            ).fetchone()[0]
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        con.execute("detach landing")
    return counts


def write_calendar(con: duckdb.DuckDBPyConnection, calendar: BusinessCalendar) -> None:
    """(Re)write ``raw.ny_state_holidays``, the closures dbt builds ``dim_calendar`` from."""
    con.execute("create schema if not exists raw")
    con.execute(
        "create or replace table raw.ny_state_holidays "
        "(closure_date date, holiday_name varchar, is_floating boolean)"
    )
    con.executemany(
        "insert into raw.ny_state_holidays values (?, ?, ?)",
        [(c.closure_date, c.holiday_name, c.is_floating) for c in calendar.closures],
    )


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
