"""When a local run's night is scheduled, and how the benchmark measures a step."""

from __future__ import annotations

import statistics
import sys
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from onestop.ops.airflow_local import logical_date_for
from onestop.ops.bench import Figure, measure, services_per_night_for
from onestop.synthetic.generate import WEEKDAY_VOLUME

NEW_YORK = "America/New_York"


def test_a_night_is_loaded_at_two_the_next_morning_new_york_time() -> None:
    winter = logical_date_for(date(2026, 11, 20), NEW_YORK)
    assert winter == datetime(2026, 11, 21, 2, 0, tzinfo=ZoneInfo(NEW_YORK))
    assert winter.astimezone(UTC) == datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
    summer = logical_date_for(date(2026, 6, 30), NEW_YORK)
    assert summer.astimezone(UTC) == datetime(2026, 7, 1, 6, 0, tzinfo=UTC)


def test_services_per_night_spreads_the_scale_over_business_nights() -> None:
    # a week holds five business nights of mean volume 1.0: 350 nights hold 250
    assert len(WEEKDAY_VOLUME) * statistics.mean(WEEKDAY_VOLUME) == pytest.approx(5.0)
    assert services_per_night_for(1_000_000, 350) == 4000
    assert services_per_night_for(1_000_001, 350) == 4001  # rounded up, never short
    assert services_per_night_for(1, 1000) == 1


def test_a_figure_is_the_median_time_and_the_peak_memory() -> None:
    figure = Figure("land", seconds=[3.0, 1.0, 2.0], rss_mib=[100.0, 300.0, 200.0])
    assert (figure.median, figure.peak_rss) == (2.0, 300.0)


def test_measure_times_a_command_and_reads_its_last_json_line() -> None:
    code = "import json; print('working'); print(json.dumps({'rows': 42}))"
    measured = measure([sys.executable, "-c", code])
    assert measured.extra == {"rows": 42}
    assert 0 < measured.seconds < 60 and measured.rss_mib > 1
    assert measure([sys.executable, "-c", "print('no figures')"]).extra is None


def test_measure_raises_with_the_commands_error() -> None:
    with pytest.raises(RuntimeError, match=r"failed \(3\):\n.*step broke"):
        measure([sys.executable, "-c", "import sys; sys.stderr.write('step broke'); sys.exit(3)"])
