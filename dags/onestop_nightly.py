"""
### onestop_nightly

Loads last night's OSOS/REOS extract drop into the published DuckDB warehouse.

Runs at 02:00 America/New_York for the previous day's drop (the extract date is
the logical date in New York less one day; set the `extract_date` param to run
another night). Steps, each a task:

1. **plan**: names the attempt (load id, scratch folder).
2. **verify**: the drop folder and its control file exist; every file's
   row count and SHA-256 match the control file.
3. **land**: each CSV lands, as text with lineage columns, in a per-attempt
   landing database.
4. **quarantine**: rows breaking a row-level rule are set aside and recorded.
5. **gate**: the Great Expectations suites in `expectations/suites/` check every
   landed file; one broken rule blocks the night and names file, column, rule
   and row count.
6. **build**: a candidate copy of the warehouse gets the night's rows in
   `raw` (identifiers pseudonymised) and one `dbt build` runs models and tests.
7. **publish**: the audited candidate replaces the published file atomically.
8. **clean_up** (a teardown): the attempt's scratch files are deleted, whatever
   happened.
9. **site** (a teardown): the data-quality site for program leads is rebuilt
   from the published warehouse and the load audit, whatever happened, so it shows
   a blocked night too (skipped when `ONESTOP_SITE_NIGHTLY` or the run's `site`
   param is off).

Each task calls the function of the same name in the module of the same name
under `include/onestop/nightly/`, and audits its outcome under that name.
A blocked night leaves the published warehouse exactly as it was; fix and
re-deliver the drop, then re-run the night.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pendulum
from airflow.sdk import (
    DeadlineAlert,
    DeadlineReference,
    Param,
    SyncCallback,
    dag,
    get_current_context,
    task,
)
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException
from airflow.timetables.trigger import CronTriggerTimetable
from onestop.errors import DropBlocked, PublishRefused
from onestop.nightly import build as build_step
from onestop.nightly import clean_up as clean_up_step
from onestop.nightly import gate as gate_step
from onestop.nightly import land as land_step
from onestop.nightly import plan as plan_step
from onestop.nightly import publish as publish_step
from onestop.nightly import quarantine as quarantine_step
from onestop.nightly import verify as verify_step
from onestop.nightly.plan import Night
from onestop.ops import alerts
from onestop.privacy.permissions import private_files
from onestop.settings import load_settings

OFFICE_TIMEZONE = "America/New_York"
SETTINGS = load_settings()
# DuckDB allows one writer per file: every task that writes one takes this pool's single slot.
WRITER_POOL = "duckdb_writer"


def _fail_clearly(step):
    """Run a step (writing owner-only files); a blocked drop or a refused publish fails at
    once, without retries."""
    try:
        with private_files(load_settings().group_readable):
            return step()
    except (DropBlocked, PublishRefused) as exc:
        raise AirflowFailException(str(exc)) from exc


@dag(
    dag_id="onestop_nightly",
    schedule=(
        CronTriggerTimetable(SETTINGS.schedule, timezone=OFFICE_TIMEZONE)
        if SETTINGS.schedule
        else None
    ),
    start_date=pendulum.datetime(2026, 1, 1, tz=OFFICE_TIMEZONE),
    catchup=False,
    max_active_runs=1,
    default_args={
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        # A blocked night, or a step failing for good, alerts (log, webhook, e-mail).
        "on_failure_callback": alerts.task_failed,
    },
    # Not published by 06:00 New York time (4 h after the 02:00 run): alert.
    deadline=DeadlineAlert(
        reference=DeadlineReference.DAGRUN_LOGICAL_DATE,
        interval=alerts.PUBLISH_DEADLINE_AFTER_RUN,
        callback=SyncCallback(alerts.night_not_published),
    ),
    tags=["onestop", "osos", "reos", "nightly"],
    params={
        "extract_date": Param(
            None,
            type=["null", "string"],
            description="Night to load (YYYY-MM-DD); empty for the day before the logical date.",
        ),
        "site": Param(
            True,
            type="boolean",
            description="Rebuild the data-quality site after this run "
            "(ONESTOP_SITE_NIGHTLY=false turns it off for every run).",
        ),
    },
    doc_md=__doc__,
)
def onestop_nightly():
    @task
    def plan() -> dict:
        context = get_current_context()
        chosen = context["params"].get("extract_date")
        if chosen:
            extract_date = date.fromisoformat(chosen)
        else:
            logical: datetime = context["logical_date"]
            extract_date = pendulum.instance(logical).in_timezone(
                OFFICE_TIMEZONE
            ).date() - timedelta(days=1)
        return plan_step.plan(load_settings(), extract_date, context["run_id"]).to_dict()

    @task
    def verify(night: dict) -> dict:
        _fail_clearly(lambda: verify_step.verify(load_settings(), Night(**night)))
        return night

    @task(pool=WRITER_POOL)
    def land(night: dict) -> dict:
        return _fail_clearly(lambda: land_step.land(load_settings(), Night(**night)))

    @task(pool=WRITER_POOL)
    def quarantine(night: dict) -> dict:
        return _fail_clearly(lambda: quarantine_step.quarantine(load_settings(), Night(**night)))

    @task
    def gate(night: dict) -> None:
        _fail_clearly(lambda: gate_step.gate(load_settings(), Night(**night)))

    @task(pool=WRITER_POOL)
    def build(night: dict) -> str:
        return _fail_clearly(lambda: build_step.build(load_settings(), Night(**night)))

    @task(pool=WRITER_POOL)
    def publish(night: dict) -> None:
        publish_step.publish(load_settings(), Night(**night))

    @task(retries=0)
    def clean_up(night: dict) -> None:
        clean_up_step.clean_up(Night(**night))

    @task(retries=0)
    def site() -> None:
        settings = load_settings()
        if not settings.site_nightly:
            raise AirflowSkipException("ONESTOP_SITE_NIGHTLY is off")
        if not get_current_context()["params"].get("site", True):
            raise AirflowSkipException("the run's site param is off")
        # Imported here: matplotlib and Jinja2 would slow down every parse of this file.
        from onestop.reports.site import build_site

        build_site(settings)

    night = plan()
    checked = verify(night)
    landed = land(checked)
    quarantined = quarantine(checked)
    gated = gate(checked)
    built = build(checked)
    published = publish(checked)
    # A teardown runs whatever happened upstream and does not decide the run's state.
    landed >> quarantined >> gated >> built >> published
    published >> clean_up(night).as_teardown(setups=night)
    published >> site().as_teardown(setups=night)


onestop_nightly()
