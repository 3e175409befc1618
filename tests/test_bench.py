"""The benchmark command keeps working (a tiny run; the figures are not asserted)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from onestop.cli import main


def test_bench_reports_every_step_with_ratios(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "bench",
            "--nights",
            "2",
            "--services-per-night",
            "20",
            "--repeat",
            "1",
            "--data-dir",
            str(tmp_path / "bench"),
        ],
        env={"ONESTOP_PSEUDONYM_SECRET": "bench-test"},
    )
    assert result.exit_code == 0, result.output
    for step in (
        "| floor |",
        "| full rebuild |",
        "| nightly end to end |",
        "| nightly dbt build |",
        "| nightly gate |",
        "full rebuild / floor:",
    ):
        assert step in result.output
