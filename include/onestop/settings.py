"""The one place where paths and options are resolved.

Every value has a default beside the repository (so a fresh clone works) and an
environment override (so the same code runs in docker-compose, on a laptop and
in pytest). No other module reads the environment.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from onestop.calendar import BusinessCalendar

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _path(name: str, default: Path) -> Path:
    return Path(os.environ.get(name, str(default))).expanduser().resolve()


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return default if raw is None or raw == "" else int(raw)


@dataclass(frozen=True)
class Settings:
    """Resolved configuration for one process.

    Environment variables (all optional):

    - ``ONESTOP_DATA_DIR``: root for everything the pipeline writes (default ``./data``).
    - ``ONESTOP_LANDING_DIR``: where nightly drops arrive (default ``$DATA_DIR/landing``).
    - ``ONESTOP_WAREHOUSE_PATH``: the published warehouse analysts open
      (default ``$DATA_DIR/warehouse/onestop.duckdb``).
    - ``ONESTOP_WORK_DIR``: per-run scratch space: landing databases, candidates
      (default ``$DATA_DIR/work``).
    - ``ONESTOP_GATE_RESULTS_DIR``: kept GX validation results (default ``$DATA_DIR/gate_results``).
    - ``ONESTOP_AUDIT_LOG``: the load audit, one JSON line per attempt
      (default ``$DATA_DIR/warehouse/load_audit.jsonl``).
    - ``ONESTOP_CLOSE_ON_LINCOLNS_BIRTHDAY`` / ``ONESTOP_CLOSE_ON_ELECTION_DAY``: treat
      these floating holidays as office closures (default: offices open).
    - ``ONESTOP_TIMELY_BUSINESS_DAYS``: the entry-lag threshold (default 5, TA 17-7); also
      the window for recording a RESEA outcome and for reconciling it with OSOS.
    - ``ONESTOP_RESEA_SCHEDULING_DAYS``: business days from first UI payment within which
      an initial RESEA is timely (default 10: NY's "within two weeks", WDS-TA 06-15).
    - ``ONESTOP_PSEUDONYM_SECRET``: the HMAC key for pseudonymous keys. Required for
      real data; ``make demo`` writes a local one to ``$DATA_DIR/.pseudonym_secret``.
    - ``ONESTOP_DBT_THREADS``: dbt threads (default 1: DuckDB has one writer).
    - ``ONESTOP_DUCKDB_MEMORY_LIMIT``: DuckDB's memory limit inside dbt (default ``3GB``).
      DuckDB's own default is 80 % of the machine, which it fills with cached pages before
      it spills; a limit keeps a nightly build beside Airflow on a 4 GB budget.
    - ``ONESTOP_DBT_EXECUTABLE``: the ``dbt`` to run (default: the one beside this
      Python), for a deployment that keeps dbt in its own virtual environment.
    - ``ONESTOP_GROUP_READABLE``: create files 0o640 and folders 0o750 (owner and group)
      instead of owner-only 0o600 / 0o700, so an analysts' group can read the warehouse.
    - ``ONESTOP_SITE_DIR``: the data-quality site for program leads (default ``$DATA_DIR/site``).
    - ``ONESTOP_SCHEDULE``: when ``onestop_nightly`` runs, a cron expression in New York
      time (default ``0 2 * * *``, 02:00); ``none`` leaves only manual runs (a test
      scheduler, or a deployment that triggers nights from elsewhere).
    - ``ONESTOP_SITE_NIGHTLY``: rebuild the site at the end of every nightly run (default on;
      the demo turns it off while it runs its 30 nights and builds the site once at the end).
    - ``ONESTOP_SMALL_CELL_THRESHOLD``: counts from 1 up to one less than this are shown as
      "<N" on LWDA pages, and rates over fewer are not shown (default 5).
    - ``ONESTOP_ALERT_WEBHOOK_URL``: where alerts (a blocked night, a night not published
      by 06:00) are posted as JSON; unset: alerts are only logged (and e-mailed, below).
    - ``ONESTOP_ALERT_EMAIL``: comma-separated addresses alerts are e-mailed to through
      Airflow's SMTP settings (``AIRFLOW__SMTP__*``).
    - ``ONESTOP_CRASH_AT``: for crash-safety tests only: the named point (``land``,
      ``publish``) at which the process kills itself with SIGKILL
      (``nightly.crash_points``).
    """

    data_dir: Path
    landing_dir: Path
    warehouse_path: Path
    work_dir: Path
    gate_results_dir: Path
    audit_log: Path
    close_on_lincolns_birthday: bool
    close_on_election_day: bool
    timely_business_days: int
    resea_scheduling_days: int
    dbt_threads: int
    duckdb_memory_limit: str
    dbt_executable: Path
    site_dir: Path
    site_nightly: bool
    small_cell_threshold: int
    crash_at: str = ""
    alert_webhook_url: str = ""
    alert_email: str = ""
    schedule: str | None = "0 2 * * *"
    office_timezone: str = "America/New_York"
    project_root: Path = PROJECT_ROOT
    dbt_project_dir: Path = field(default=PROJECT_ROOT / "dbt_project")
    expectations_dir: Path = field(default=PROJECT_ROOT / "expectations")
    group_readable: bool = False

    @property
    def secret_file(self) -> Path:
        return self.data_dir / ".pseudonym_secret"

    def office_calendar(self) -> BusinessCalendar:
        """New York State office days, with the floating holidays as configured."""
        return BusinessCalendar.new_york(
            close_on_lincolns_birthday=self.close_on_lincolns_birthday,
            close_on_election_day=self.close_on_election_day,
        )

    def pseudonym_secret(self) -> bytes:
        """The HMAC key: from the environment, else the local demo key file.

        Why not a built-in default: a key in the repository would let anyone
        with the repository re-identify participants from their keys.
        """
        value = os.environ.get("ONESTOP_PSEUDONYM_SECRET")
        if value:
            return value.encode("utf-8")
        if self.secret_file.exists():
            return self.secret_file.read_text(encoding="utf-8").strip().encode("utf-8")
        raise RuntimeError(
            "No pseudonymisation secret: set ONESTOP_PSEUDONYM_SECRET "
            f"or run `onestop init-secret` to create {self.secret_file}"
        )


def load_settings() -> Settings:
    """Read the environment now (call again after changing it, e.g. in tests)."""
    data_dir = _path("ONESTOP_DATA_DIR", PROJECT_ROOT / "data")
    return Settings(
        data_dir=data_dir,
        landing_dir=_path("ONESTOP_LANDING_DIR", data_dir / "landing"),
        warehouse_path=_path("ONESTOP_WAREHOUSE_PATH", data_dir / "warehouse" / "onestop.duckdb"),
        work_dir=_path("ONESTOP_WORK_DIR", data_dir / "work"),
        gate_results_dir=_path("ONESTOP_GATE_RESULTS_DIR", data_dir / "gate_results"),
        audit_log=_path("ONESTOP_AUDIT_LOG", data_dir / "warehouse" / "load_audit.jsonl"),
        close_on_lincolns_birthday=_flag("ONESTOP_CLOSE_ON_LINCOLNS_BIRTHDAY", False),
        close_on_election_day=_flag("ONESTOP_CLOSE_ON_ELECTION_DAY", False),
        timely_business_days=_int("ONESTOP_TIMELY_BUSINESS_DAYS", 5),
        resea_scheduling_days=_int("ONESTOP_RESEA_SCHEDULING_DAYS", 10),
        dbt_threads=_int("ONESTOP_DBT_THREADS", 1),
        duckdb_memory_limit=os.environ.get("ONESTOP_DUCKDB_MEMORY_LIMIT", "3GB"),
        dbt_executable=_path("ONESTOP_DBT_EXECUTABLE", Path(sys.executable).parent / "dbt"),
        group_readable=_flag("ONESTOP_GROUP_READABLE", False),
        site_dir=_path("ONESTOP_SITE_DIR", data_dir / "site"),
        site_nightly=_flag("ONESTOP_SITE_NIGHTLY", True),
        small_cell_threshold=_int("ONESTOP_SMALL_CELL_THRESHOLD", 5),
        crash_at=os.environ.get("ONESTOP_CRASH_AT", ""),
        alert_webhook_url=os.environ.get("ONESTOP_ALERT_WEBHOOK_URL", ""),
        alert_email=os.environ.get("ONESTOP_ALERT_EMAIL", ""),
        schedule=_schedule(os.environ.get("ONESTOP_SCHEDULE", "0 2 * * *")),
    )


def _schedule(raw: str) -> str | None:
    text = raw.strip()
    return None if text.lower() in {"", "none", "off", "manual"} else text
