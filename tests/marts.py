"""Compare the marts of two warehouses attached to one DuckDB connection."""

from __future__ import annotations

import duckdb


def mart_tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    return sorted(
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = ? and table_schema = 'marts' and table_type = 'BASE TABLE'",
            [catalog],
        ).fetchall()
    )


def differences(con: duckdb.DuckDBPyConnection, table: str, a: str, b: str) -> tuple[int, int]:
    """Rows only in catalog ``a``'s mart, rows only in ``b``'s (multisets)."""
    only = []
    for left, right in ((a, b), (b, a)):
        only.append(
            con.execute(
                f"select count(*) from (from {left}.marts.{table} "
                f"except all from {right}.marts.{table})"
            ).fetchone()[0]
        )
    return only[0], only[1]
