"""Shared fixtures: an isolated Airflow home, pipeline settings, and a published warehouse.

Airflow reads its configuration when first imported, so the environment is set
here, at import time, before any test module imports ``airflow``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TEST_SECRET = "test-only-secret-never-used-for-real-data"

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

#: Three nights that include a weekend: Fri 2026-11-20 .. Sun 2026-11-22.
THREE_NIGHTS = [date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)]
#: Labelled readiness findings in the shared drops: they load (never block) and must
#: show up in the readiness marts with the right PIRL element and rule.
READINESS_DEFECTS = (
    "missing_pirl_value@2026-11-20:osos__participants.school_status x3",
    "invalid_pirl_value@2026-11-20:osos__participants.sex x2",
    "invalid_pirl_value@2026-11-20:osos__participants.date_of_birth x2",
    "exit_before_entry@2026-11-20:osos__program_enrollments x2",
    "orphan_enrollment@2026-11-20:osos__program_enrollments",
)

#: A labelled defect the gate cannot see and the nightly run must not stop for: an
#: attended RESEA appointment whose OSOS services were never entered. Reconciliation
#: must report it missing (tests/test_resea_end_to_end.py).
RESEA_DEFECTS = ("attended_without_service@2026-11-20:reos__appointments x1",)

#: TA 17-7 access gaps and an SSN typed into a comment: they load (never block); the
#: access marts must report exactly these entries (tests/test_access_compliance.py) and
#: no table may hold the SSN (tests/test_leak_scan.py).
ACCESS_DEFECTS = (
    "lapsed_individual_agreement@2026-11-20:osos__access_agreements x2",
    "wrong_agreement_type@2026-11-20:osos__access_agreements",
    "reos_entry_osos_only_user@2026-11-20:reos__appointments x2",
    "ssn_in_comment@2026-11-20:osos__services x2",
)

FIXTURE_DEFECTS = READINESS_DEFECTS + RESEA_DEFECTS + ACCESS_DEFECTS


def pipeline_environment(data_dir: Path) -> dict[str, str]:
    # The site is built by its own tests (tests/site/), not after every night of every test.
    return {
        "ONESTOP_DATA_DIR": str(data_dir),
        "ONESTOP_PSEUDONYM_SECRET": TEST_SECRET,
        "ONESTOP_SITE_NIGHTLY": "false",
    }


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Settings for a private data folder under the test's tmp_path."""
    from onestop.settings import load_settings

    for name, value in pipeline_environment(tmp_path / "data").items():
        monkeypatch.setenv(name, value)
    return load_settings()


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

    Tests that change it must copy it first (``copy_data_dir``).
    """
    from onestop.ops.airflow_local import run_nights
    from onestop.settings import load_settings

    data_dir = tmp_path_factory.mktemp("published") / "data"
    shutil.copytree(three_night_drops[0], data_dir / "landing")
    with pytest.MonkeyPatch.context() as mp:
        for name, value in pipeline_environment(data_dir).items():
            mp.setenv(name, value)
        outcomes = list(run_nights(load_settings(), THREE_NIGHTS))
    assert [o.state for o in outcomes] == ["success"] * 3, outcomes
    yield data_dir


def copy_data_dir(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
