"""Gate: Great Expectations suites run on a landed night before any transform.

Suites are data (``expectations/suites/<table>.json``, GX's own serialisation);
the values that depend on the contract or on the night (column list, code
lists, the control file's row count) are passed in as suite parameters, so
the contract stays the one statement of columns and codes.

Results are kept as JSON per night and load. They carry counts only: the
result format asks GX for no sample values, because a failing value may be an
SSN or a name.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from onestop.contract import ENTITIES, LINEAGE_COLUMNS, CheckedBy, ControlFile, Entity
from onestop.contract.control_file import read_control_file
from onestop.errors import DropBlocked
from onestop.nightly.audit import record_step
from onestop.nightly.plan import Night
from onestop.nightly.quarantine import set_aside_counts, without_quarantined
from onestop.nightly.volume import collapses
from onestop.settings import Settings

# Counts without sample values: unexpected values may be personal data.
RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": 0}


@dataclass(frozen=True)
class RuleFailure:
    """One broken rule: which file, column and rule, and how many rows broke it."""

    file: str
    column: str | None
    rule: str
    expectation: str
    failed_rows: int | None
    total_rows: int | None
    detail: str = ""

    def message(self) -> str:
        where = f"{self.file}, column {self.column}" if self.column else self.file
        if self.failed_rows is not None:
            count = f"{self.failed_rows} of {self.total_rows} rows"
        else:
            count = self.detail
        return f"{where}: rule '{self.rule}' ({self.expectation}) broken: {count}"


@cache
def _gate_for(expectations_dir: Path) -> Gate:
    """One GX context per process: building it costs seconds, and ``dag.test()`` or the
    CLI's run over many nights runs every task in one process."""
    return Gate(expectations_dir)


def gate(settings: Settings, night: Night) -> None:
    """Run the GX suites and the row-count collapse check; a failure blocks the night with
    every broken rule named. Rows set aside by the quarantine are not expected by the gate."""
    checker = _gate_for(settings.expectations_dir)
    control = read_control_file(night.drop_dir(settings), night.day)
    expected = without_quarantined(control, set_aside_counts(night.landing_db))
    failures = checker.check_night(
        night.landing_db, night.day, expected, night.gate_results_dir(settings)
    )
    broken = [(f.file, f.message()) for f in failures]
    delivered = {e.entity: e.rows for e in control.files}
    broken += collapses(settings.audit_log, night.day, delivered, settings.office_calendar())
    if broken:
        message = (
            f"drop for {night.extract_date} blocked by the gate "
            f"({len(broken)} rule(s) broken; results in {night.gate_results_dir(settings)}): "
            + " | ".join(text for _, text in broken)
        )
        for file, text in broken:
            record_step(settings, night, "gate", "blocked", text, file=file)
        raise DropBlocked(night.day, message)
    record_step(settings, night, "gate", "ok", "every suite passed")


def load_suite_definition(expectations_dir: Path, table: str) -> dict[str, Any]:
    path = expectations_dir / "suites" / f"{table}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def suite_parameters(entity: Entity, control: ControlFile) -> dict[str, Any]:
    """The night- and contract-dependent values the suite refers to as ``$PARAMETER``."""
    rows = {e.entity: e.rows for e in control.files}
    params: dict[str, Any] = {
        "columns": entity.column_names + list(LINEAGE_COLUMNS),
        "control_file_rows": rows.get(entity.table, -1),
    }
    for column in entity.columns:
        if column.codes and column.checked_by is CheckedBy.GATE:
            params[f"codes_{column.name}"] = list(column.codes)
    return params


@cache
def _gx():
    """Import GX lazily with analytics off: importing it costs seconds at DAG parse."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    return gx, ProgressBarsConfig, ExpectationConfiguration


class Gate:
    """One ephemeral GX context with a suite and validation definition per entity."""

    def __init__(self, expectations_dir: Path) -> None:
        gx, progress_bars, expectation_configuration = _gx()
        self._context = gx.get_context(mode="ephemeral")
        self._context.variables.progress_bars = progress_bars(globally=False)
        source = self._context.data_sources.add_pandas("landed_night")
        self._validations = {}
        for entity in ENTITIES:
            definition = load_suite_definition(expectations_dir, entity.table)
            suite = self._context.suites.add(
                gx.ExpectationSuite(
                    name=definition["name"],
                    expectations=[
                        expectation_configuration(**e).to_domain_obj()
                        for e in definition["expectations"]
                    ],
                    meta=definition.get("meta", {}),
                )
            )
            batch = source.add_dataframe_asset(entity.table).add_batch_definition_whole_dataframe(
                "night"
            )
            self._validations[entity.table] = self._context.validation_definitions.add(
                gx.ValidationDefinition(name=entity.table, data=batch, suite=suite)
            )

    def check_night(
        self,
        landing_db: Path,
        extract_date: date,
        control: ControlFile,
        results_dir: Path,
    ) -> list[RuleFailure]:
        """Validate every landed file of a night; keep the results; return what broke."""
        results_dir.mkdir(parents=True, exist_ok=True)
        failures: list[RuleFailure] = []
        with duckdb.connect(str(landing_db), read_only=True) as con:
            for entity in ENTITIES:
                frame = con.sql(
                    f"select * replace (_extract_date::varchar as _extract_date) "
                    f"from {entity.table}"
                ).df()
                result = self._validations[entity.table].run(
                    batch_parameters={"dataframe": frame},
                    expectation_parameters=suite_parameters(entity, control),
                    result_format=RESULT_FORMAT,
                )
                (results_dir / f"{entity.table}.json").write_text(
                    json.dumps(result.describe_dict(), indent=2, default=str) + "\n",
                    encoding="utf-8",
                )
                failures.extend(_failures(entity, entity.file_name(extract_date), frame, result))
        return failures


def _failures(entity: Entity, file: str, frame, result) -> list[RuleFailure]:
    present = set(frame.columns)
    total = len(frame)
    found: list[RuleFailure] = []
    for outcome in result.results:
        if outcome.success:
            continue
        config = outcome.expectation_config
        kwargs = config.kwargs
        column = kwargs.get("column") or kwargs.get("column_A")
        if column and (column not in present or kwargs.get("column_B", column) not in present):
            continue  # reported once by the column-list rule, not once per dependent rule
        rule = (config.meta or {}).get("rule", config.type)
        observed = outcome.result or {}
        if config.type == "expect_table_columns_to_match_ordered_list":
            expected = [c for c in entity.column_names]
            got = [c for c in frame.columns if not c.startswith("_")]
            missing = [c for c in expected if c not in got]
            extra = [c for c in got if c not in expected]
            parts = []
            if missing:
                parts.append("missing " + ", ".join(missing))
            if extra:
                parts.append("unexpected " + ", ".join(extra))
            if not parts:
                parts.append("columns out of order: " + ", ".join(got))
            found.append(RuleFailure(file, None, rule, config.type, None, total, "; ".join(parts)))
        elif config.type == "expect_table_row_count_to_equal":
            found.append(
                RuleFailure(
                    file,
                    None,
                    rule,
                    config.type,
                    None,
                    total,
                    f"{observed.get('observed_value')} rows landed",
                )
            )
        else:
            if kwargs.get("column_B"):
                column = f"{kwargs['column_A']} / {kwargs['column_B']}"
            failed = observed.get("unexpected_count")
            detail = ""
            if outcome.exception_info and outcome.exception_info.get("raised_exception"):
                detail = str(outcome.exception_info.get("exception_message"))
            found.append(RuleFailure(file, column, rule, config.type, failed, total, detail))
    return found
