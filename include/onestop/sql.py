"""Quoting for the few SQL statements the pipeline builds from contract names.

Table and column names come from the contract, never from a delivered file, but
they are still quoted: a contract column may one day be called ``order``.
"""

from __future__ import annotations


def quote_identifier(name: str) -> str:
    """A DuckDB identifier in double quotes, e.g. ``"service_id"``."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """A DuckDB string literal in single quotes, e.g. ``'/data/landing.duckdb'``."""
    return "'" + text.replace("'", "''") + "'"
