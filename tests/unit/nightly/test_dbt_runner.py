"""dbt runs as a subprocess under one fixed database name; a failure refuses the candidate.

A stand-in ``dbt`` (``support.fake_dbt``) takes the real one's place: these tests are
about how the pipeline calls dbt, not about the dbt project (tests/dbt/).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from onestop.errors import PublishRefused
from onestop.nightly.dbt_runner import dbt_build, dbt_environment

from tests.support import fake_dbt, fake_dbt_calls


def candidate(settings) -> Path:
    path = settings.work_dir / "2026-11-20" / "20261120-abc" / "candidate.duckdb"
    path.parent.mkdir(parents=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select 42 as answer")
    return path


def test_dbt_environment_names_the_database_and_the_options(settings) -> None:
    env = dbt_environment(replace(settings, dbt_threads=3), Path("/x/candidate.duckdb"))
    assert env["ONESTOP_DBT_DATABASE"] == "/x/candidate.duckdb"
    assert env["ONESTOP_DBT_THREADS"] == "3"
    assert env["ONESTOP_TIMELY_BUSINESS_DAYS"] == "5"
    assert env["ONESTOP_OFFICE_TIMEZONE"] == "America/New_York"
    assert env["DBT_PROFILES_DIR"] == str(settings.dbt_project_dir)
    assert env["DBT_TARGET_PATH"] == str(settings.work_dir / "dbt" / "target")
    assert env["DBT_SEND_ANONYMOUS_USAGE_STATS"] == "False"
    docs = dbt_environment(settings, Path("/x/w.duckdb"), work=Path("/site/dbt"))
    assert docs["DBT_LOG_PATH"] == "/site/dbt/logs"


def test_dbt_build_runs_under_the_fixed_name_and_moves_the_file_back(
    settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dbt = fake_dbt(tmp_path / "bin", monkeypatch)
    settings = replace(settings, dbt_executable=dbt)
    path = candidate(settings)
    assert dbt_build(settings, path) == "PASS=5 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=5"
    assert dbt_build(settings, path, full_refresh=True).startswith("PASS=5")
    first, second = fake_dbt_calls(dbt)
    assert first["args"] == ["build", "--exclude", "test_type:unit"]
    assert second["args"] == ["build", "--exclude", "test_type:unit", "--full-refresh"]
    assert first["database"] == str(settings.work_dir / "dbt" / "candidate.duckdb")
    assert first["database_there"] is True
    assert first["cwd"] == str(settings.dbt_project_dir)
    with duckdb.connect(str(path), read_only=True) as con:  # back where it was, intact
        assert con.execute("select answer from t").fetchone() == (42,)
    assert not (settings.work_dir / "dbt" / "candidate.duckdb").exists()


def test_a_failed_build_is_refused_naming_the_failed_nodes(
    settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = replace(settings, dbt_executable=fake_dbt(tmp_path / "bin", monkeypatch, fail=True))
    path = candidate(settings)
    with pytest.raises(PublishRefused) as caught:
        dbt_build(settings, path)
    message = str(caught.value)
    assert message.startswith(
        "dbt build failed; the candidate was not published. "
        "Failed: test.onestop.not_null_service_id: fail (3). \n"
    )
    assert "fct_service_entries" not in message  # only what failed is named
    assert message.endswith(
        "Completed with 1 error\nDone. PASS=1 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=2"
    )
    assert path.exists()  # moved back even though dbt failed
