"""Settings: a default beside the repository for every path, an environment override for each."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest
from onestop.settings import PROJECT_ROOT, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("ONESTOP_"):
            monkeypatch.delenv(name)


def test_every_path_defaults_under_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_settings().data_dir == PROJECT_ROOT / "data"
    monkeypatch.setenv("ONESTOP_DATA_DIR", str(tmp_path / "data"))
    s = load_settings()
    data = tmp_path / "data"
    assert (s.landing_dir, s.work_dir, s.gate_results_dir, s.site_dir) == (
        data / "landing",
        data / "work",
        data / "gate_results",
        data / "site",
    )
    assert s.warehouse_path == data / "warehouse" / "onestop.duckdb"
    assert s.audit_log == data / "warehouse" / "load_audit.jsonl"
    assert s.secret_file == data / ".pseudonym_secret"
    assert s.dbt_executable == Path(sys.executable).parent.resolve() / "dbt"
    assert (s.timely_business_days, s.resea_scheduling_days, s.dbt_threads) == (5, 10, 1)
    assert (s.duckdb_memory_limit, s.small_cell_threshold, s.site_nightly) == ("3GB", 5, True)
    assert (s.group_readable, s.crash_at, s.alert_webhook_url) == (False, "", "")


def test_environment_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, value in {
        "ONESTOP_DATA_DIR": "data",  # relative: resolved against the working folder
        "ONESTOP_WAREHOUSE_PATH": str(tmp_path / "elsewhere" / "w.duckdb"),
        "ONESTOP_TIMELY_BUSINESS_DAYS": "7",
        "ONESTOP_DBT_THREADS": "",  # empty: the default
        "ONESTOP_DUCKDB_MEMORY_LIMIT": "1GB",
        "ONESTOP_GROUP_READABLE": " Yes ",
        "ONESTOP_SITE_NIGHTLY": "0",
        "ONESTOP_ALERT_EMAIL": "ops@example.org",
    }.items():
        monkeypatch.setenv(name, value)
    s = load_settings()
    assert s.data_dir == tmp_path / "data" and s.landing_dir == tmp_path / "data" / "landing"
    assert s.warehouse_path == tmp_path / "elsewhere" / "w.duckdb"
    assert s.audit_log == tmp_path / "data" / "warehouse" / "load_audit.jsonl"  # not moved
    assert (s.timely_business_days, s.dbt_threads, s.duckdb_memory_limit) == (7, 1, "1GB")
    assert (s.group_readable, s.site_nightly, s.alert_email) == (True, False, "ops@example.org")


def test_a_flag_is_on_only_for_yes_words(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, expected in [("1", True), ("TRUE", True), ("on", True), ("no", False), ("", False)]:
        monkeypatch.setenv("ONESTOP_GROUP_READABLE", value)
        assert load_settings().group_readable is expected, value


def test_a_number_that_is_not_one_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONESTOP_TIMELY_BUSINESS_DAYS", "five")
    with pytest.raises(ValueError, match="five"):
        load_settings()


def test_the_office_calendar_closes_floating_holidays_only_when_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    election, lincoln = date(2026, 11, 3), date(2026, 2, 12)  # a Tuesday, a Thursday
    default = load_settings().office_calendar()
    assert default.is_business_day(election) and default.is_business_day(lincoln)
    assert not default.is_business_day(date(2026, 11, 26))  # Thanksgiving, always
    monkeypatch.setenv("ONESTOP_CLOSE_ON_ELECTION_DAY", "true")
    closed = load_settings().office_calendar()
    assert not closed.is_business_day(election) and closed.is_business_day(lincoln)
    assert closed.holiday_name(election) == "Election Day"
    monkeypatch.setenv("ONESTOP_CLOSE_ON_LINCOLNS_BIRTHDAY", "true")
    assert not load_settings().office_calendar().is_business_day(lincoln)


def test_the_secret_comes_from_the_environment_or_the_local_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONESTOP_DATA_DIR", str(tmp_path))
    with pytest.raises(RuntimeError, match="No pseudonymisation secret"):
        load_settings().pseudonym_secret()
    (tmp_path / ".pseudonym_secret").write_text("from-the-file\n", encoding="utf-8")
    assert load_settings().pseudonym_secret() == b"from-the-file"
    monkeypatch.setenv("ONESTOP_PSEUDONYM_SECRET", "from-the-environment")
    assert load_settings().pseudonym_secret() == b"from-the-environment"
