"""The rule seeds restate parts of the extract contract: they must not drift apart."""

from __future__ import annotations

import csv

from onestop.contract import (
    PARTICIPANTS,
    PROGRAM_ENROLLMENTS,
    PROGRAMS,
    REQUIRED_ORGANIZATION_AGREEMENT,
    SERVICE_TYPES,
    SYSTEMS,
    CheckedBy,
)
from onestop.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds"
ENTITY = {"participant": PARTICIPANTS, "enrollment": PROGRAM_ENROLLMENTS}
NOT_PARTICIPATION = {"self_service", "information_only", "follow_up"}


def seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_element_rule_names_a_contract_column_with_its_codes() -> None:
    rules = seed("pirl_element_rules")
    for rule in rules:
        columns = {c.name: c for c in ENTITY[rule["entity"]].columns}
        column = columns[rule["source_column"]]
        assert column.pirl == int(rule["pirl_element"]), rule
        codes = set(rule["valid_values"].split("|")) if rule["valid_values"] else set()
        assert codes == set(column.codes), rule["pirl_element"]
        assert rule["data_format"] == ("DT" if column.type == "date" else "IN"), rule
        required_for = set(filter(None, rule["required_for_programs"].split("|")))
        assert required_for <= set(PROGRAMS), rule["pirl_element"]
        assert rule["backing"], rule["pirl_element"]
    # every PIRL fact the readiness marts judge has a rule, or its findings would vanish
    checked = {int(r["pirl_element"]) for r in rules}
    for column in PARTICIPANTS.columns:
        if column.checked_by is CheckedBy.READINESS:
            assert column.pirl in checked, column.name


def test_program_seed_lists_the_contract_programs() -> None:
    assert {r["program_code"] for r in seed("pirl_programs")} == set(PROGRAMS)


def test_service_types_seed_equals_the_contract_catalogue() -> None:
    rows = {r["service_code"]: r for r in seed("osos_service_types")}
    assert set(rows) == {s.code for s in SERVICE_TYPES}
    for service in SERVICE_TYPES:
        row = rows[service.code]
        assert (row["service_name"], row["category"]) == (service.name, service.category)
        # 20 CFR 677.150(c): self-service, information-only and follow-up do not count
        assert row["counts_toward_exit"] == str(service.category not in NOT_PARTICIPATION).lower()


def test_agreement_requirements_seed_is_the_contract_rule() -> None:
    rows = {
        (r["partner_type"], r["system"]): r["required_kind"]
        for r in seed("access_agreement_requirements")
    }
    expected = {
        (partner_type, system): kind
        for partner_type, kind in REQUIRED_ORGANIZATION_AGREEMENT.items()
        for system in SYSTEMS
    }
    assert rows == expected
