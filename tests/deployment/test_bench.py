"""The benchmark command keeps working (a tiny run; the figures are not asserted, only that
each was measured)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from onestop.ops.cli import main


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
        "| generate history |",
        "| floor |",
        "| rebuild: gate |",
        "| rebuild: dbt build |",
        "| full rebuild |",
        "| nightly end to end (DAG) |",
        "| nightly land |",
        "| nightly gate |",
        "| nightly dbt build |",
        "full rebuild / floor:",
        "nightly dbt build / full-rebuild dbt build:",
        "nightly gate / nightly land:",
        "peak RSS ≤ 4 GiB",
    ):
        assert step in result.output
    # every step really ran in its own process: a peak RSS was measured for each
    table = [
        line for line in result.output.splitlines() if line.startswith("| ") and "---" not in line
    ]
    assert all(float(line.split("|")[4]) > 0 for line in table[1:])
