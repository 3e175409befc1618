"""Run ``onestop_nightly`` on this machine through Airflow's own runner, ``dag.test()``.

For the demo, for re-running a range of nights in order, and for tests: no
scheduler or web server, a SQLite metadata database under the data folder.
Airflow reads its configuration when first imported, so ``configure`` must run
before anything imports ``airflow``.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from onestop.privacy.permissions import private_files
from onestop.settings import Settings

DAG_ID = "onestop_nightly"
WRITER_POOL = "duckdb_writer"
NIGHTLY_RUN_TIME = time(2, 0)


def configure(settings: Settings, *, quiet: bool = True) -> None:
    """Point Airflow at this project with telemetry off; idempotent."""
    airflow_home = settings.data_dir / "airflow"
    airflow_home.mkdir(parents=True, exist_ok=True)
    defaults = {
        "AIRFLOW_HOME": str(airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(settings.project_root / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__USAGE_DATA_COLLECTION__ENABLED": "False",
        "SCARF_ANALYTICS": "false",
        "DO_NOT_TRACK": "1",
        "GX_ANALYTICS_ENABLED": "false",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
    }
    if quiet:
        defaults["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "WARNING"
        # Library warnings (deprecations inside Airflow's own runner) mean nothing to users.
        warnings.simplefilter("ignore")
        logging.getLogger("py.warnings").setLevel(logging.ERROR)
    for name, value in defaults.items():
        os.environ.setdefault(name, value)


def migrate_metadata_db() -> None:
    """Create or upgrade the metadata database and the one-slot DuckDB writer pool."""
    from airflow.models.pool import Pool
    from airflow.utils.db import initdb

    initdb()
    Pool.create_or_update_pool(
        WRITER_POOL, slots=1, description="One DuckDB writer at a time", include_deferred=False
    )


def load_dag():
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=os.environ["AIRFLOW__CORE__DAGS_FOLDER"])
    if bag.import_errors:
        raise RuntimeError(f"DAG import errors: {bag.import_errors}")
    return bag.dags[DAG_ID]


def logical_date_for(extract_date: date, timezone: str) -> datetime:
    """The scheduled run that loads ``extract_date``: 02:00 New York time the next day."""
    return datetime.combine(
        extract_date + timedelta(days=1), NIGHTLY_RUN_TIME, tzinfo=ZoneInfo(timezone)
    )


@dataclass(frozen=True)
class RunOutcome:
    extract_date: date
    state: str


def run_nights(
    settings: Settings, nights: list[date], *, site: bool = True
) -> Iterator[RunOutcome]:
    """Run the DAG once per night, in date order, as the scheduler would have.

    ``site=False`` sets the run's ``site`` param off, so the data-quality site is not
    rebuilt after each night (``ONESTOP_SITE_NIGHTLY`` off skips it too).

    Every file written meanwhile (warehouse, scratch, results, logs, the metadata
    database) is created without access for others (``onestop.privacy.permissions``).
    """
    with private_files(settings.group_readable):
        configure(settings)
        migrate_metadata_db()
        dag = load_dag()
        # The 06:00 Deadline Alert is the scheduler's business: a local run is watched by the
        # person who started it, and Airflow 3.3's dag.test() fails a successful run of a DAG
        # with a deadline (it looks the alert up by its definition instead of its id).
        dag.deadline = None
        for night in sorted(nights):
            run = dag.test(
                logical_date=logical_date_for(night, settings.office_timezone),
                run_conf={"site": site},
            )
            yield RunOutcome(night, str(run.state))
