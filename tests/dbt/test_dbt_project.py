"""The dbt project builds green, unit tests included, on a real published warehouse."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from onestop.nightly.dbt_runner import run_dbt

from tests.support import pipeline_environment


@pytest.fixture
def dbt_settings(published_three_nights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from onestop.settings import load_settings

    data_dir = tmp_path / "data"
    (data_dir / "warehouse").mkdir(parents=True)
    shutil.copyfile(
        published_three_nights / "warehouse" / "onestop.duckdb",
        data_dir / "warehouse" / "onestop.duckdb",
    )
    for name, value in pipeline_environment(data_dir).items():
        monkeypatch.setenv(name, value)
    return load_settings()


def test_dbt_build_with_unit_tests_is_green(dbt_settings) -> None:
    completed = run_dbt(dbt_settings, dbt_settings.warehouse_path, "build")
    assert completed.returncode == 0, completed.stdout[-3000:]
    target = dbt_settings.work_dir / "dbt" / "target"
    results = json.loads((target / "run_results.json").read_text())["results"]
    unit_tests = [r for r in results if r["unique_id"].startswith("unit_test.")]
    assert len(unit_tests) >= 60
    assert all(r["status"] == "pass" for r in unit_tests)
    data_tests = [r for r in results if r["unique_id"].startswith("test.")]
    assert data_tests and all(r["status"] == "pass" for r in data_tests)
    # Every mart the run summary or a site page reads (dbt's exposures) was built and
    # its unit tests ran: unit_test.<project>.<model>.<test>.
    exposures = json.loads((target / "manifest.json").read_text())["exposures"]
    read = {node for e in exposures.values() for node in e["depends_on"]["nodes"]}
    assert len(exposures) == 5 and len(read) == 15
    built = {r["unique_id"] for r in results if r["status"] == "success"}
    unit_tested = {"model.onestop." + r["unique_id"].split(".")[2] for r in unit_tests}
    assert read <= built and read <= unit_tested, sorted(read - built) + sorted(read - unit_tested)
