"""Quoting of contract names and paths in the SQL the pipeline builds."""

from __future__ import annotations

from pathlib import Path

import duckdb
from onestop.sql import quote_identifier, quote_literal


def test_quote_identifier_doubles_inner_quotes() -> None:
    assert quote_identifier("service_id") == '"service_id"'
    assert quote_identifier("order") == '"order"'
    assert quote_identifier('odd"name') == '"odd""name"'


def test_quote_literal_doubles_inner_quotes() -> None:
    assert quote_literal("/data/landing.duckdb") == "'/data/landing.duckdb'"
    assert quote_literal("O'Brien") == "'O''Brien'"
    assert quote_literal("") == "''"


def test_duckdb_reads_quoted_names_and_paths_back_as_they_were(tmp_path: Path) -> None:
    awkward = tmp_path / "it's here" / "landing.duckdb"
    awkward.parent.mkdir()
    with duckdb.connect() as con:
        column = quote_identifier('select "x"')
        con.execute(f"create table t ({column} varchar, {quote_identifier('order')} int)")
        con.execute("insert into t values ('a', 1)")
        assert [d[0] for d in con.execute("select * from t").description] == ['select "x"', "order"]
        con.execute(f"attach {quote_literal(str(awkward))} as other")
        con.execute("create table other.u as select 1 as one")
        con.execute("detach other")
        assert con.execute(f"select {quote_literal(chr(39) * 3)}").fetchone() == ("'''",)
    assert awkward.exists()
