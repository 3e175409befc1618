"""Readiness increments stay equal to a full rebuild as the as-of date moves on.

The readiness marts are incremental by participant (``int_readiness_refresh_scope``):
a night recomputes the participants it delivered records for, and also those whose
result changes with no new record at all, because the as-of date moved: a period
passes 90 days without a qualifying service and exits, or a new report quarter
adds a quarter to every open period. Four months of history are built in full,
then one night inside the quarter runs as a nightly increment, and every mart must
equal a full rebuild of the same ``raw``; then a night that opens the next quarter
must refresh every participant.

The history loads two stretches of the generated nights and skips the weeks
between, so that many periods have their last qualifying service in early July
and reach the 90-day mark on the night inside the quarter.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from onestop.nightly.build import promote_history
from onestop.nightly.clean_up import clean_up
from onestop.nightly.dbt_runner import dbt_build, run_dbt
from onestop.nightly.land import land
from onestop.nightly.plan import plan
from onestop.nightly.publish import swap_in
from onestop.nightly.quarantine import quarantine
from onestop.nightly.run import run_night
from onestop.nightly.verify import verify
from onestop.settings import Settings
from onestop.synthetic.generate import generate

from tests.support import differences, mart_tables

HISTORY_START = date(2026, 6, 29)
#: Nights loaded before the increments: early July (services dated 2026-07-02 reach 90
#: days on MID_QUARTER) and the week and a half before MID_QUARTER.
HISTORY = [HISTORY_START + timedelta(days=i) for i in range(12)] + [
    date(2026, 9, 21) + timedelta(days=i) for i in range(9)
]
MID_QUARTER = date(2026, 9, 30)  # PY2026 Q1 ends 2026-09-30
NEW_QUARTER = date(2026, 10, 1)


@pytest.fixture(scope="module")
def drops(tmp_path_factory: pytest.TempPathFactory) -> Path:
    landing = tmp_path_factory.mktemp("readiness_increments") / "landing"
    nights = (NEW_QUARTER - HISTORY_START).days + 1
    generate(landing, start=HISTORY_START, nights=nights, seed=7, services_per_night=40)
    return landing


def build_history_in_full(settings: Settings) -> None:
    """Land and promote the history's nights; one full build; publish. (The gate is
    left out: the generated nights are clean, and the increments go through it.)"""
    nights = [plan(settings, day, "history") for day in HISTORY]
    for night in nights:
        verify(settings, night)
        land(settings, night)
        quarantine(settings, night)
    candidate = settings.work_dir / "history" / "candidate.duckdb"
    promote_history(settings, candidate, nights)
    for night in nights:
        clean_up(night)
    dbt_build(settings, candidate, full_refresh=True)
    swap_in(candidate, settings.warehouse_path)


def assert_marts_equal_a_full_rebuild(settings: Settings, scratch: Path) -> None:
    rebuilt = scratch / "rebuilt.duckdb"
    shutil.copyfile(settings.warehouse_path, rebuilt)
    completed = run_dbt(settings, rebuilt, "run", "--full-refresh")
    assert completed.returncode == 0, completed.stdout[-3000:]
    with duckdb.connect() as con:
        con.execute(f"attach '{settings.warehouse_path}' as nightly (read_only)")
        con.execute(f"attach '{rebuilt}' as rebuilt (read_only)")
        tables = mart_tables(con, "nightly")
        assert tables == mart_tables(con, "rebuilt")
        for table in tables:
            assert differences(con, table, "nightly", "rebuilt") == (0, 0), table
    rebuilt.unlink()


def scope_figures(settings: Settings, night: date) -> tuple[int, int, int]:
    """Participants in the night's refresh scope; of them, not delivered that night;
    participants with an enrollment left out of the scope."""
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return con.execute(
            """
            select
                (select count(*) from intermediate.int_readiness_refresh_scope),
                (select count(*) from intermediate.int_readiness_refresh_scope
                 where participant_key not in (
                     select participant_key from staging.stg_osos__participants
                     where extract_date = $night
                     union all
                     select participant_key from staging.stg_osos__program_enrollments
                     where extract_date = $night
                     union all
                     select participant_key from staging.stg_osos__services
                     where extract_date = $night)),
                (select count(distinct participant_key) from staging.stg_osos__program_enrollments
                 where participant_key not in (
                     select participant_key from intermediate.int_readiness_refresh_scope))
            """,
            {"night": night},
        ).fetchone()


def test_readiness_increments_equal_a_full_rebuild(
    settings: Settings, drops: Path, tmp_path: Path
) -> None:
    shutil.copytree(drops, settings.landing_dir)
    build_history_in_full(settings)

    # Inside the quarter: some participants are refreshed only because the as-of date
    # moved 90 days past their last qualifying service, and most are left alone.
    run_night(settings, MID_QUARTER, "increment")
    in_scope, undelivered, left_out = scope_figures(settings, MID_QUARTER)
    assert 0 < undelivered < in_scope < left_out, (in_scope, undelivered, left_out)
    assert_marts_equal_a_full_rebuild(settings, tmp_path)

    # A new report quarter: every participant is refreshed, by the same SQL as a
    # full build, so the scope is all this night needs checking.
    run_night(settings, NEW_QUARTER, "increment")
    assert scope_figures(settings, NEW_QUARTER)[2] == 0
