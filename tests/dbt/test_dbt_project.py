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
    results = json.loads(
        (dbt_settings.work_dir / "dbt" / "target" / "run_results.json").read_text()
    )["results"]
    unit_tests = [r for r in results if r["unique_id"].startswith("unit_test.")]
    assert len(unit_tests) >= 24
    assert all(r["status"] == "pass" for r in unit_tests)
    data_tests = [r for r in results if r["unique_id"].startswith("test.")]
    assert data_tests and all(r["status"] == "pass" for r in data_tests)
