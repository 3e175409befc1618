"""The gate step without Great Expectations: suite parameters, messages, and how the step
adds the quarantine and the collapse check to the suites' verdict (the suites themselves
run in tests/gate/)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from onestop.contract import PARTICIPANTS, SERVICES, ControlEntry, ControlFile
from onestop.contract.entities import LINEAGE_COLUMNS
from onestop.errors import DropBlocked
from onestop.nightly import gate as gate_module
from onestop.nightly.audit import AuditEvent, read_events, record
from onestop.nightly.gate import RuleFailure, gate, load_suite_definition, suite_parameters
from onestop.nightly.land import land
from onestop.nightly.plan import plan
from onestop.nightly.quarantine import set_aside
from onestop.settings import PROJECT_ROOT

from tests.support import write_drop

NIGHT = date(2026, 11, 23)  # a Monday
CONTROL = ControlFile(NIGHT, (ControlEntry("osos_services_20261123.csv", SERVICES.table, 7, ""),))


def test_suite_parameters_come_from_the_contract_and_the_control_file() -> None:
    params = suite_parameters(SERVICES, CONTROL)
    assert params["columns"] == [*SERVICES.column_names, *LINEAGE_COLUMNS]
    assert params["control_file_rows"] == 7
    assert params["codes_service_code"][:2] == ["100", "101"]
    assert "WAGNER_PEYSER" in params["codes_program_code"]
    assert set(params) == {
        "columns",
        "control_file_rows",
        "codes_program_code",
        "codes_service_code",
    }


def test_readiness_codes_are_no_suite_parameters_and_unlisted_files_expect_no_rows() -> None:
    params = suite_parameters(PARTICIPANTS, CONTROL)
    assert params["control_file_rows"] == -1  # not in the control file: never matches
    assert not any(name.startswith("codes_") for name in params)  # PIRL codes: readiness


def test_every_suite_is_named_for_its_table() -> None:
    suite = load_suite_definition(PROJECT_ROOT / "expectations", SERVICES.table)
    assert suite["name"] == "osos__services"
    assert suite["expectations"]


def test_rule_failure_messages_name_file_column_rule_and_rows() -> None:
    with_column = RuleFailure(
        "osos_services_20261123.csv",
        "service_id",
        "key not null",
        "expect_column_values_to_not_be_null",
        2,
        150,
    )
    assert with_column.message() == (
        "osos_services_20261123.csv, column service_id: rule 'key not null' "
        "(expect_column_values_to_not_be_null) broken: 2 of 150 rows"
    )
    whole_file = RuleFailure(
        "osos_services_20261123.csv",
        None,
        "row count as in the control file",
        "expect_table_row_count_to_equal",
        None,
        149,
        "149 rows landed",
    )
    assert whole_file.message() == (
        "osos_services_20261123.csv: rule 'row count as in the control file' "
        "(expect_table_row_count_to_equal) broken: 149 rows landed"
    )


class FakeSuites:
    """Stands in for the GX gate: records what it was asked, answers ``failures``."""

    def __init__(self, failures: list[RuleFailure]) -> None:
        self.failures = failures
        self.expected: ControlFile | None = None

    def check_night(self, landing_db, extract_date, control, results_dir):
        self.expected = control
        return self.failures


@pytest.fixture
def night(settings):
    """NEXT night's drop with 10 services, one of them with an unknown code, landed and
    quarantined; a week of published history with 100 services a business day."""
    night = plan(settings, NIGHT, "run-1")
    rows = [{"service_id": f"S{i}", "service_code": "100"} for i in range(9)]
    rows.append({"service_id": "S9", "service_code": "ZZZ"})
    write_drop(night.drop_dir(settings), NIGHT, {"osos__services": rows})
    land(settings, night)
    set_aside(night.landing_db, NIGHT, night.load_id)
    for back in range(1, 8):
        day = (NIGHT - timedelta(days=back)).isoformat()
        record(
            settings.audit_log, AuditEvent(day, day, "land", "ok", entity=SERVICES.table, rows=100)
        )
        record(settings.audit_log, AuditEvent(day, day, "publish", "published"))
    return night


def gate_events(settings) -> list[tuple[str, str]]:
    return [
        (e["status"], e["message"]) for e in read_events(settings.audit_log) if e["step"] == "gate"
    ]


def test_the_suites_expect_the_control_count_less_the_quarantined_rows(
    settings, night, monkeypatch: pytest.MonkeyPatch
) -> None:
    suites = FakeSuites([])
    monkeypatch.setattr(gate_module, "_gate_for", lambda _dir: suites)
    # 10 services against a median of 100: a collapse, whatever the suites say
    with pytest.raises(DropBlocked) as caught:
        gate(settings, night)
    expected = {e.entity: e.rows for e in suites.expected.files}
    assert expected["osos__services"] == 9  # 10 delivered, 1 set aside
    assert caught.value.message.startswith(
        "drop for 2026-11-23 blocked by the gate (1 rule(s) broken; results in "
    )
    assert (
        "osos_services_20261123.csv: rule 'row count not below 50% of the recent median' "
        "broken: 10 rows, median 100" in caught.value.message
    )
    assert [status for status, _ in gate_events(settings)] == ["blocked"]


def test_suite_failures_and_collapses_are_reported_together(
    settings, night, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = RuleFailure(SERVICES.file_name(NIGHT), "service_id", "key not null", "x", 1, 9)
    monkeypatch.setattr(gate_module, "_gate_for", lambda _dir: FakeSuites([broken]))
    with pytest.raises(DropBlocked, match=r"\(2 rule\(s\) broken;"):
        gate(settings, night)
    assert [message for _, message in gate_events(settings)][0] == broken.message()


def test_a_night_every_check_passes_is_audited_ok(
    settings, night, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gate_module, "_gate_for", lambda _dir: FakeSuites([]))
    settings.audit_log.unlink()  # no history: nothing to compare the volume with
    gate(settings, night)
    assert gate_events(settings) == [("ok", "every suite passed")]
