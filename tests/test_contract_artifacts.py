"""Documents and suites that restate the contract must agree with it."""

from __future__ import annotations

from onestop.contract import ENTITIES
from onestop.contract_doc import render
from onestop.gate import load_suite_definition
from onestop.settings import PROJECT_ROOT


def test_contract_document_is_up_to_date() -> None:
    committed = (PROJECT_ROOT / "docs" / "extract-contract.md").read_text(encoding="utf-8")
    assert committed == render(), "run `onestop contract-doc` and commit the result"


def test_every_suite_covers_its_entity() -> None:
    for entity in ENTITIES:
        suite = load_suite_definition(PROJECT_ROOT / "expectations", entity.table)
        assert suite["name"] == entity.table
        by_type: dict[str, set[str]] = {}
        for e in suite["expectations"]:
            by_type.setdefault(e["type"], set()).add(e["kwargs"].get("column", ""))
            assert e["meta"]["rule"], e
        required = {c.name for c in entity.columns if c.required}
        coded = {c.name for c in entity.columns if c.codes}
        dated = {c.name for c in entity.columns if c.type in {"date", "timestamp"}}
        assert required <= by_type["expect_column_values_to_not_be_null"], entity.table
        assert coded <= by_type.get("expect_column_values_to_be_in_set", set()), entity.table
        assert dated <= by_type["expect_column_values_to_match_strftime_format"], entity.table
        assert "expect_table_row_count_to_equal" in by_type
        assert "expect_table_columns_to_match_ordered_list" in by_type
