"""Promote: copy a gated night from its landing database into a candidate's ``raw`` schema.

Part of the build step. Identifiers are pseudonymised and personal data dropped
on the way (``privacy.protect``), so no table of the warehouse holds them in
clear. The night's rows are deleted first, so loading a night twice leaves one
copy; ``raw.night_loads`` names the loads the next ``dbt build`` adds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from onestop.calendar import BusinessCalendar
from onestop.contract import ENTITIES
from onestop.nightly.plan import Night
from onestop.privacy.protect import protected_select_list
from onestop.privacy.pseudonymise import register_key_function
from onestop.sql import quote_literal


def promote_night(
    con: duckdb.DuckDBPyConnection, landing_db: Path, extract_date: date, secret: bytes
) -> dict[str, int]:
    """Replace ``extract_date``'s rows in the candidate's raw tables with the landed ones."""
    register_key_function(con, secret)
    con.execute("create schema if not exists raw")
    con.execute(f"attach {quote_literal(str(landing_db))} as landing (read_only)")
    counts: dict[str, int] = {}
    try:
        con.execute("begin transaction")
        for entity in ENTITIES:
            select = f"select\n    {protected_select_list(entity)}\nfrom landing.{entity.table}"
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


def record_night_loads(con: duckdb.DuckDBPyConnection, nights: list[Night]) -> None:
    """Name the loads this build adds (``raw.night_loads``): the incremental facts
    refresh the rows they touched. A table, not a dbt var, so dbt's partial parsing
    survives from one night to the next."""
    con.execute("create schema if not exists raw")
    con.execute("create or replace table raw.night_loads (load_id varchar, extract_date date)")
    con.executemany(
        "insert into raw.night_loads values (?, ?)", [(n.load_id, n.day) for n in nights]
    )


def night_already_loaded(con: duckdb.DuckDBPyConnection, day: date) -> bool:
    """Whether ``raw`` already holds rows of the night ``day`` (a re-run or re-delivery)."""
    loaded = {
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw'"
        ).fetchall()
    }
    # fetchall, not fetchone: a result left unfinished blocks the connection's next call
    return any(
        con.execute(
            f"select 1 from raw.{entity.table} where _extract_date = ? limit 1", [day]
        ).fetchall()
        for entity in ENTITIES
        if entity.table in loaded
    )
