"""dbt's accepted_values restate the contract's code lists: they must not drift apart."""

from __future__ import annotations

import yaml
from onestop.contract import ENTITIES
from onestop.settings import PROJECT_ROOT

CODES_BY_COLUMN: dict[str, set[tuple[str, ...]]] = {}
for _entity in ENTITIES:
    for _column in _entity.columns:
        if _column.codes:
            CODES_BY_COLUMN.setdefault(_column.name, set()).add(tuple(sorted(_column.codes)))


#: Staging models of sources that are not extract files: their codes are the pipeline's own.
NOT_FROM_THE_EXTRACTS = ("stg_audit__", "stg_pipeline__", "stg_ny_state__")


def accepted_values() -> list[tuple[str, str, list[str]]]:
    found = []
    for path in sorted((PROJECT_ROOT / "dbt_project" / "models").rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in document.get("models", []):
            for column in model.get("columns", []):
                for test in column.get("data_tests", []) or []:
                    if isinstance(test, dict) and "accepted_values" in test:
                        spec = test["accepted_values"]
                        values = spec.get("arguments", spec).get("values")
                        found.append((model["name"], column["name"], values))
    return found


def test_accepted_values_equal_the_contract_code_lists() -> None:
    checked = 0
    for model, column, values in accepted_values():
        if model.startswith(NOT_FROM_THE_EXTRACTS):
            continue  # the pipeline's own tables (load audit, night loads, holidays)
        name = {"program": "program_code", "appointment_status": "status"}.get(column, column)
        if name in CODES_BY_COLUMN:
            assert tuple(sorted(values)) in CODES_BY_COLUMN[name], (model, column)
            checked += 1
    assert checked >= 10
