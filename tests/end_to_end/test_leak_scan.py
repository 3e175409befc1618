"""No SSN, name or date of birth of the extracts reaches any output of a real run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest
from onestop.privacy.leak_scan import collect_needles, scan
from onestop.privacy.permissions import loose_modes

from tests.support import TEST_SECRET, pipeline_environment


def outputs(data_dir: Path) -> list[Path]:
    """The data folder (landing drops and secret skipped) and Airflow's task logs."""
    return [data_dir, Path(os.environ["AIRFLOW_HOME"]) / "logs"]


def test_a_real_run_leaks_nothing(published_three_nights: Path) -> None:
    needles = collect_needles(published_three_nights / "landing")
    counts = needles.counts()
    assert min(counts.values()) > 500, counts
    report = scan(
        outputs(published_three_nights),
        needles,
        skip=[published_three_nights / "landing", published_three_nights / ".pseudonym_secret"],
        secret=TEST_SECRET.encode("utf-8"),
    )
    print("\n" + report.render())
    assert report.databases_scanned >= 1 and report.tables_scanned > 50
    assert report.files_scanned > 10 and report.values_checked > 10_000
    assert report.hits == []


def test_the_scan_finds_planted_personal_data(published_three_nights: Path, tmp_path) -> None:
    """The scan can fail: an SSN without dashes, a 'Last, First' name and a date of birth
    as YYYYMMDD written into a log, and the SSN into a warehouse table, are each found."""
    landing = published_three_nights / "landing"
    needles = collect_needles(landing)
    ssn = sorted(needles.ssns)[0]
    first, last = sorted(needles.names)[0]
    born = sorted(needles.birth_dates)[0]
    data_dir = tmp_path / "data"
    (data_dir / "logs").mkdir(parents=True)
    (data_dir / "logs" / "task.log").write_text(
        f"customer {ssn} is {last.title()}, {first.title()} born {born.replace('-', '')}\n"
        f"key 0a{ssn}ff is a hex key, not an SSN\n",
        encoding="utf-8",
    )
    (data_dir / "warehouse").mkdir()
    shutil.copyfile(
        published_three_nights / "warehouse" / "onestop.duckdb",
        data_dir / "warehouse" / "onestop.duckdb",
    )
    with duckdb.connect(str(data_dir / "warehouse" / "onestop.duckdb")) as con:
        con.execute(
            "update marts.fct_service_entries set service_name = ? "
            "where service_id = (select min(service_id) from marts.fct_service_entries)",
            [f"{ssn[:3]}-{ssn[3:5]}-{ssn[5:]}"],
        )
    report = scan([data_dir], needles, secret=TEST_SECRET.encode("utf-8"))
    kinds = sorted((h.kind, Path(h.where.split(":")[0]).name) for h in report.hits)
    assert kinds == [
        ("date_of_birth", "task.log"),
        ("name", "task.log"),
        ("ssn", "onestop.duckdb"),
        ("ssn", "task.log"),
    ]
    assert ssn not in report.render()


def test_pipeline_files_are_owner_only(published_three_nights: Path) -> None:
    written = [p for p in published_three_nights.iterdir() if p.name != "landing"]
    assert {p.name for p in written} >= {"warehouse", "gate_results"}
    for path in written:
        assert loose_modes(path) == [], path


def test_leak_scan_command_prints_the_figures(
    published_three_nights: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner
    from onestop.ops.cli import main

    for name, value in pipeline_environment(published_three_nights).items():
        monkeypatch.setenv(name, value)
    previous = os.umask(0o022)
    try:
        result = CliRunner().invoke(main, ["leak-scan"])  # the command sets its own umask
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert "tables and views:" in result.output and "hits: 0" in result.output
