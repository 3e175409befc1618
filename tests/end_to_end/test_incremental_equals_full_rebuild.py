"""Nightly increments give exactly the marts a full rebuild from raw gives.

A small history goes through the real DAG night by night (``dag.test()``), with
one night delivered late (after the nights that follow it) and services corrected
on a later night than they were first sent. Then ``dbt build --full-refresh`` runs
on a copy of the published warehouse, and every mart must match row for row.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from onestop.contract import SERVICES
from onestop.nightly.dbt_runner import dbt_build
from onestop.ops.airflow_local import run_nights
from onestop.settings import Settings
from onestop.synthetic.generate import generate

from tests.support import differences, mart_tables

#: Monday to Wednesday; the Tuesday drop arrives late, after Wednesday's.
ON_TIME = [date(2026, 11, 16), date(2026, 11, 18)]
LATE = date(2026, 11, 17)
HISTORY = sorted([*ON_TIME, LATE])


def service_versions(landing: Path) -> dict[str, list[tuple[date, str]]]:
    """Every delivered version of every service: night and service code."""
    versions: dict[str, list[tuple[date, str]]] = {}
    for night in HISTORY:
        path = landing / night.isoformat() / SERVICES.file_name(night)
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                versions.setdefault(row["service_id"], []).append((night, row["service_code"]))
    return versions


@pytest.fixture(scope="module")
def history_drops(tmp_path_factory: pytest.TempPathFactory) -> Path:
    landing = tmp_path_factory.mktemp("incremental") / "landing"
    generate(landing, start=HISTORY[0], nights=len(HISTORY), seed=6, services_per_night=150)
    return landing


def test_history_has_a_correction_and_a_late_night(history_drops: Path) -> None:
    """The history this file relies on: corrections, one of them sent after the late night."""
    corrected = {k: v for k, v in service_versions(history_drops).items() if len(v) > 1}
    assert corrected, "no service was corrected in the history"
    assert any(v[0][0] < LATE < v[-1][0] or v[0][0] == LATE for v in corrected.values()), (
        "no correction spans the late night"
    )


def test_nightly_increments_equal_a_full_rebuild(
    settings: Settings, history_drops: Path, airflow_db, tmp_path: Path
) -> None:
    shutil.copytree(history_drops, settings.landing_dir)
    outcomes = [*run_nights(settings, ON_TIME), *run_nights(settings, [LATE])]
    assert [o.state for o in outcomes] == ["success"] * len(HISTORY), outcomes

    rebuilt = tmp_path / "rebuilt.duckdb"
    shutil.copyfile(settings.warehouse_path, rebuilt)
    dbt_build(settings, rebuilt, full_refresh=True)

    with duckdb.connect() as con:
        con.execute(f"attach '{settings.warehouse_path}' as nightly (read_only)")
        con.execute(f"attach '{rebuilt}' as rebuilt (read_only)")
        tables = mart_tables(con, "nightly")
        assert tables == mart_tables(con, "rebuilt")
        assert {"fct_service_entries", "fct_resea_appointments"} <= set(tables)
        for table in tables:
            assert differences(con, table, "nightly", "rebuilt") == (0, 0), table

        # The latest version of every service won, whatever order the nights came in.
        latest = {k: v[-1][1] for k, v in service_versions(history_drops).items()}
        loaded = dict(
            con.execute(
                "select service_id, service_code from nightly.marts.fct_service_entries"
            ).fetchall()
        )
        assert loaded == latest
