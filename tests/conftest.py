"""Shared fixtures: an isolated Airflow home, pipeline settings, and a published warehouse.

Airflow reads its configuration when first imported, so the environment is set
here, at import time, before any test module imports ``airflow``. Constants and
helpers live in ``tests/support.py``; this file holds fixtures only.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import FIXTURE_DEFECTS, PROJECT_ROOT, THREE_NIGHTS, use

_airflow_home = Path(tempfile.mkdtemp(prefix="onestop-test-airflow-"))
os.environ.update(
    {
        "AIRFLOW_HOME": str(_airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__USAGE_DATA_COLLECTION__ENABLED": "False",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        "SCARF_ANALYTICS": "false",
        "DO_NOT_TRACK": "1",
        "GX_ANALYTICS_ENABLED": "false",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Settings for a private data folder under the test's tmp_path."""
    return use(tmp_path / "data", monkeypatch)


@pytest.fixture(scope="session")
def airflow_db() -> None:
    """The SQLite metadata database, created once per test session."""
    from onestop.ops.airflow_local import migrate_metadata_db

    migrate_metadata_db()


@pytest.fixture(scope="session")
def three_night_drops(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """Synthetic drops for THREE_NIGHTS with FIXTURE_DEFECTS, generated once; copy before
    changing."""
    from onestop.synthetic.generate import DefectSpec, generate

    landing = tmp_path_factory.mktemp("drops") / "landing"
    report = generate(
        landing,
        start=THREE_NIGHTS[0],
        nights=len(THREE_NIGHTS),
        seed=7,
        services_per_night=150,
        defects=[DefectSpec.parse(d) for d in FIXTURE_DEFECTS],
    )
    return landing, report


@pytest.fixture(scope="session")
def published_three_nights(
    tmp_path_factory: pytest.TempPathFactory, three_night_drops, airflow_db
) -> Iterator[Path]:
    """A data folder where the real DAG has published THREE_NIGHTS, one dag.test() each.

    Tests that change it must copy it first (``support.copy_data_dir``).
    """
    from onestop.ops.airflow_local import run_nights

    data_dir = tmp_path_factory.mktemp("published") / "data"
    shutil.copytree(three_night_drops[0], data_dir / "landing")
    with pytest.MonkeyPatch.context() as mp:
        outcomes = list(run_nights(use(data_dir, mp), THREE_NIGHTS))
    assert [o.state for o in outcomes] == ["success"] * 3, outcomes
    yield data_dir
