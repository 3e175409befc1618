"""Documents and suites that restate the contract must agree with it."""

from __future__ import annotations

import yaml
from onestop.contract import (
    APPOINTMENT_OUTCOME_STATUSES,
    ENTITIES,
    RESEA_SERVICE_CODES,
    CheckedBy,
)
from onestop.contract.doc import render
from onestop.nightly.gate import load_suite_definition
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
        gated = [c for c in entity.columns if c.checked_by is CheckedBy.GATE]
        required = {c.name for c in gated if c.required}
        coded = {c.name for c in gated if c.codes}
        dated = {c.name for c in gated if c.type in {"date", "timestamp"}}
        assert required <= by_type["expect_column_values_to_not_be_null"], entity.table
        assert coded <= by_type.get("expect_column_values_to_be_in_set", set()), entity.table
        assert dated <= by_type.get("expect_column_values_to_match_strftime_format", set()), (
            entity.table
        )
        # Readiness facts must never block a night: no gate rule may judge their values.
        findings = {c.name for c in entity.columns if c.checked_by is CheckedBy.READINESS}
        judged = set().union(*by_type.values())
        assert not findings & judged, (entity.table, findings & judged)
        assert "expect_table_row_count_to_equal" in by_type
        assert "expect_table_columns_to_match_ordered_list" in by_type


def test_readiness_columns_are_optional_pirl_facts() -> None:
    """A required column is pipeline-critical, so it cannot also be a mere finding."""
    for entity in ENTITIES:
        for column in entity.columns:
            if column.checked_by is CheckedBy.READINESS:
                assert not column.required and column.pirl, (entity.table, column.name)


def _pair_rules(suite: dict) -> set[tuple[str, str, str | None, tuple[str, ...]]]:
    rules = set()
    for e in suite["expectations"]:
        if e["type"] != "expect_column_pair_values_a_to_be_greater_than_b":
            continue
        kwargs = e["kwargs"]
        condition = kwargs.get("row_condition") or {}
        rules.add(
            (
                kwargs["column_A"],
                kwargs["column_B"],
                condition.get("column", {}).get("name"),
                tuple(condition.get("parameter", ())),
            )
        )
    return rules


def test_every_ordering_rule_of_the_contract_is_in_its_suite() -> None:
    for entity in ENTITIES:
        suite = load_suite_definition(PROJECT_ROOT / "expectations", entity.table)
        rules = _pair_rules(suite)
        for later, earlier in entity.not_before:
            assert (later, earlier, None, ()) in rules, (entity.table, later, earlier)
        for later, earlier, column, codes in entity.not_before_when:
            # a row_condition takes no $PARAMETER: the suite restates the codes literally
            assert (later, earlier, column, codes) in rules, (entity.table, later, earlier)


def test_dbt_vars_restate_the_contracts_resea_codes() -> None:
    project = yaml.safe_load((PROJECT_ROOT / "dbt_project" / "dbt_project.yml").read_text())
    assert tuple(project["vars"]["resea_service_codes"]) == RESEA_SERVICE_CODES
    assert tuple(project["vars"]["appointment_outcome_statuses"]) == APPOINTMENT_OUTCOME_STATUSES
