"""Benchmark the pipeline against a floor: DuckDB alone reading the same CSV files.

Speed is measured here, never asserted in tests. Each step runs in its own
subprocess (``python -m onestop.ops.bench STEP NIGHT...``) so its wall time and its
peak resident memory (``os.wait4``'s ``ru_maxrss``, which covers the step's own
children such as dbt) are the step's alone. Every figure is the median of
``repeat`` runs; ratios compare medians measured on the same machine in the same
session, so machine-to-machine differences mostly cancel out.

What is measured (docs/performance.md explains and reports it):

- the floor: DuckDB reads every history CSV once into tables and counts the rows;
- the full rebuild of the warehouse from that history: land, gate and promote
  every night, one ``dbt build --full-refresh``, publish;
- one more night on top of the rebuilt warehouse, end to end through the DAG
  (``dag.test()``), and its steps alone: land, gate, promote, incremental dbt build.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb

from onestop.contract import ENTITIES
from onestop.nightly.build import prepare_candidate, promote_history
from onestop.nightly.clean_up import clean_up
from onestop.nightly.dbt_runner import dbt_build
from onestop.nightly.gate import gate
from onestop.nightly.land import land
from onestop.nightly.plan import Night, plan
from onestop.nightly.publish import swap_in
from onestop.nightly.quarantine import quarantine
from onestop.nightly.verify import verify
from onestop.settings import Settings, load_settings
from onestop.synthetic.generate import WEEKDAY_VOLUME, generate

HISTORY_START = date(2026, 1, 5)  # a Monday
REBUILD_ATTEMPT = "bench-rebuild"
NIGHT_ATTEMPT = "bench-night"
#: Targets of issue 7, checked against the medians.
TARGET_REBUILD_OVER_FLOOR = 3.0
TARGET_REBUILD_SECONDS = 300.0
TARGET_NIGHTLY_SECONDS = 60.0
TARGET_NIGHTLY_DBT_SHARE = 0.05
TARGET_PEAK_RSS_MIB = 4096.0


@dataclass
class Figure:
    """One step's runs: wall seconds and peak RSS (MiB) of each."""

    name: str
    seconds: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_rss(self) -> float:
        return max(self.rss_mib)


# ---------------------------------------------------------------------------
# Steps, each run in a subprocess of its own
# ---------------------------------------------------------------------------


def floor(landing: Path, nights: list[date], database: Path) -> None:
    """DuckDB alone: read every history CSV once into tables and count the rows."""
    database.parent.mkdir(parents=True, exist_ok=True)
    database.unlink(missing_ok=True)
    with duckdb.connect(str(database)) as con:
        for entity in ENTITIES:
            files = [str(landing / n.isoformat() / entity.file_name(n)) for n in nights]
            con.execute(
                f"create table {entity.table} as select * from read_csv(?, header = true, "
                "all_varchar = true, union_by_name = true)",
                [files],
            )
            con.execute(f"select count(*) from {entity.table}").fetchone()


def _rebuild_candidate(settings: Settings) -> Path:
    return settings.work_dir / REBUILD_ATTEMPT / "candidate.duckdb"


def _attempt(settings: Settings, night: date, attempt: str) -> Night:
    return plan(settings, night, attempt)


def rebuild_land(settings: Settings, nights: list[date]) -> None:
    """Verify and land every night of the history (landing databases kept for the gate)."""
    for night in nights:
        attempt = _attempt(settings, night, REBUILD_ATTEMPT)
        verify(settings, attempt)
        land(settings, attempt)
        quarantine(settings, attempt)


def rebuild_gate(settings: Settings, nights: list[date]) -> None:
    """Gate every landed night, one GX context for the whole history."""
    for night in nights:
        gate(settings, _attempt(settings, night, REBUILD_ATTEMPT))


def rebuild_promote(settings: Settings, nights: list[date]) -> None:
    """Promote every gated night into one empty candidate, then drop the landing files."""
    attempts = [_attempt(settings, night, REBUILD_ATTEMPT) for night in nights]
    promote_history(settings, _rebuild_candidate(settings), attempts)
    for attempt in attempts:
        clean_up(attempt)


def rebuild_dbt(settings: Settings) -> dict:
    dbt_build(settings, _rebuild_candidate(settings), full_refresh=True)
    return {"slowest_nodes": _slowest_nodes(settings)}


def rebuild_publish(settings: Settings) -> None:
    swap_in(_rebuild_candidate(settings), settings.warehouse_path)


def night_land(settings: Settings, night: date) -> None:
    attempt = _attempt(settings, night, NIGHT_ATTEMPT)
    verify(settings, attempt)
    land(settings, attempt)
    quarantine(settings, attempt)


def night_gate(settings: Settings, night: date) -> None:
    """The gate alone on one night, GX context start-up included (a fresh task pays it)."""
    gate(settings, _attempt(settings, night, NIGHT_ATTEMPT))


def night_promote(settings: Settings, night: date) -> None:
    prepare_candidate(settings, _attempt(settings, night, NIGHT_ATTEMPT))


def night_dbt(settings: Settings, night: date) -> dict:
    attempt = _attempt(settings, night, NIGHT_ATTEMPT)
    dbt_build(settings, attempt.candidate)
    clean_up(attempt)
    return {"slowest_nodes": _slowest_nodes(settings)}


def night_dag(settings: Settings, night: date) -> None:
    """One night end to end through the DAG: dag.test() with its own Airflow start-up."""
    from onestop.ops.airflow_local import run_nights

    outcomes = list(run_nights(settings, [night]))
    if [o.state for o in outcomes] != ["success"]:
        raise RuntimeError(f"the DAG did not load {night}: {outcomes}")


def airflow_init(settings: Settings) -> None:
    from onestop.ops.airflow_local import configure, migrate_metadata_db

    configure(settings)
    migrate_metadata_db()


def _slowest_nodes(settings: Settings, count: int = 8) -> list[list]:
    """The dbt nodes that took longest in the last run (seconds), for the profile."""
    results = settings.work_dir / "dbt" / "target" / "run_results.json"
    payload = json.loads(results.read_text(encoding="utf-8"))
    nodes = sorted(payload["results"], key=lambda r: r["execution_time"], reverse=True)
    return [[r["unique_id"], round(r["execution_time"], 2)] for r in nodes[:count]]


def generate_history(settings: Settings, nights: list[date], services_per_night: int) -> None:
    generate(
        settings.landing_dir,
        start=nights[0],
        nights=len(nights),
        seed=1,
        services_per_night=services_per_night,
    )


def _step(name: str, nights: list[date]) -> dict | None:
    settings = load_settings()
    if name.startswith("generate:"):
        return generate_history(settings, nights, int(name.split(":", 1)[1]))
    steps = {
        "floor": lambda: floor(settings.landing_dir, nights, settings.work_dir / "floor.duckdb"),
        "rebuild-land": lambda: rebuild_land(settings, nights),
        "rebuild-gate": lambda: rebuild_gate(settings, nights),
        "rebuild-promote": lambda: rebuild_promote(settings, nights),
        "rebuild-dbt": lambda: rebuild_dbt(settings),
        "rebuild-publish": lambda: rebuild_publish(settings),
        "night-land": lambda: night_land(settings, nights[0]),
        "night-gate": lambda: night_gate(settings, nights[0]),
        "night-promote": lambda: night_promote(settings, nights[0]),
        "night-dbt": lambda: night_dbt(settings, nights[0]),
        "night-dag": lambda: night_dag(settings, nights[0]),
        "airflow-init": lambda: airflow_init(settings),
    }
    return steps[name]()


# ---------------------------------------------------------------------------
# The driver
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    seconds: float
    rss_mib: float
    extra: dict | None


def measure(args: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run a command, return its wall time and peak RSS (its own children included)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, env=env)
        # wait4 reaps the process and reports its resource usage; ru_maxrss (KiB on
        # Linux) is the largest of the process and the descendants it waited for.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if code != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({code}):\n{stderr[-3000:]}")
    lines = stdout.strip().splitlines()
    extra = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else None
    return Measured(seconds, usage.ru_maxrss / 1024, extra)


def _run_step(name: str, nights: list[date]) -> Measured:
    return measure(
        [sys.executable, "-m", "onestop.ops.bench", name, *(n.isoformat() for n in nights)]
    )


def services_per_night_for(scale: int, nights: int) -> int:
    """Services per business night so that ``nights`` nights hold about ``scale`` services."""
    business_nights = nights * len(WEEKDAY_VOLUME) / 7 * statistics.mean(WEEKDAY_VOLUME)
    return max(1, math.ceil(scale / business_nights))


def history_rows(settings: Settings, nights: list[date]) -> dict[str, int]:
    """Data rows per entity in the history's CSV files (the floor's tables hold them)."""
    with duckdb.connect(str(settings.work_dir / "floor.duckdb"), read_only=True) as con:
        return {
            e.table: con.execute(f"select count(*) from {e.table}").fetchone()[0] for e in ENTITIES
        }


def run_benchmark(settings: Settings, *, nights: int, services_per_night: int, repeat: int) -> str:
    """Generate a history plus one more night, measure each step, return a Markdown report."""
    history = [HISTORY_START + timedelta(days=i) for i in range(nights)]
    extra = history[-1] + timedelta(days=1)
    figures: dict[str, Figure] = {}
    profiles: dict[str, list] = {}

    def record(name: str, measured: Measured) -> None:
        figure = figures.setdefault(name, Figure(name))
        figure.seconds.append(measured.seconds)
        figure.rss_mib.append(measured.rss_mib)
        # progress on stderr: a long run shows its figures as they come
        print(f"{name}: {measured.seconds:.2f} s, {measured.rss_mib:.0f} MiB", file=sys.stderr)
        if measured.extra:
            profiles[name] = measured.extra["slowest_nodes"]

    record("generate history", _run_step(f"generate:{services_per_night}", [*history, extra]))
    record("airflow metadata set-up", _run_step("airflow-init", []))
    saved = settings.work_dir / "bench-history.duckdb"
    for _ in range(repeat):
        record("floor", _run_step("floor", history))
        rebuild = [
            ("rebuild: land", "rebuild-land"),
            ("rebuild: gate", "rebuild-gate"),
            ("rebuild: promote", "rebuild-promote"),
            ("rebuild: dbt build", "rebuild-dbt"),
            ("rebuild: publish", "rebuild-publish"),
        ]
        settings.warehouse_path.unlink(missing_ok=True)
        parts = [_run_step(step, history) for _, step in rebuild]
        for (name, _), measured in zip(rebuild, parts, strict=True):
            record(name, measured)
        record(
            "full rebuild",
            Measured(sum(p.seconds for p in parts), max(p.rss_mib for p in parts), None),
        )
        shutil.copyfile(settings.warehouse_path, saved)
        record("nightly end to end (DAG)", _run_step("night-dag", [extra]))
        shutil.copyfile(saved, settings.warehouse_path)
        for name, step in (
            ("nightly land", "night-land"),
            ("nightly gate", "night-gate"),
            ("nightly promote", "night-promote"),
            ("nightly dbt build", "night-dbt"),
        ):
            record(name, _run_step(step, [extra]))
    return _report(settings, figures, profiles, history, services_per_night, repeat)


def _report(
    settings: Settings,
    figures: dict[str, Figure],
    profiles: dict[str, list],
    history: list[date],
    services_per_night: int,
    repeat: int,
) -> str:
    rows = history_rows(settings, history)
    median = {name: f.median for name, f in figures.items()}
    peak = max(f.peak_rss for name, f in figures.items() if name != "generate history")
    lines = [
        f"History: {len(history)} nights from {history[0]}, {services_per_night} services per "
        f"business night; {repeat} run(s) each; {os.cpu_count()} CPUs.",
        "Rows in the history's CSVs: " + ", ".join(f"{t} {n:,}" for t, n in rows.items()) + ".",
        f"Published warehouse: {settings.warehouse_path.stat().st_size / 2**20:.0f} MiB "
        "(copied to a candidate every night).",
        "",
        "| step | median s | runs (s) | peak RSS MiB | × floor |",
        "|---|---:|---|---:|---:|",
    ]
    for f in figures.values():
        runs = ", ".join(f"{r:.2f}" for r in f.seconds)
        lines.append(
            f"| {f.name} | {f.median:.2f} | {runs} | {f.peak_rss:.0f} | "
            f"{f.median / median['floor']:.1f} |"
        )
    rebuild_over_floor = median["full rebuild"] / median["floor"]
    dbt_share = median["nightly dbt build"] / median["rebuild: dbt build"]
    nightly = median["nightly end to end (DAG)"]
    lines += [
        "",
        f"- full rebuild / floor: {rebuild_over_floor:.1f}",
        f"- nightly dbt build / full-rebuild dbt build: {dbt_share:.3f}",
        f"- nightly gate / nightly land: {median['nightly gate'] / median['nightly land']:.1f}",
        f"- rebuild gate / rebuild land: {median['rebuild: gate'] / median['rebuild: land']:.1f}",
        "",
        "Targets (issue 7):",
        _target(
            "full rebuild ≤ 3× floor and < 300 s",
            rebuild_over_floor <= TARGET_REBUILD_OVER_FLOOR
            and median["full rebuild"] < TARGET_REBUILD_SECONDS,
        ),
        _target("nightly end to end ≤ 60 s", nightly <= TARGET_NIGHTLY_SECONDS),
        _target("nightly dbt ≤ 5% of full-rebuild dbt", dbt_share <= TARGET_NIGHTLY_DBT_SHARE),
        _target(f"peak RSS ≤ 4 GiB (max {peak:.0f} MiB)", peak <= TARGET_PEAK_RSS_MIB),
    ]
    for name, nodes in profiles.items():
        lines += ["", f"Slowest dbt nodes, {name} (last run, s):"]
        lines += [f"- {node}: {seconds:.2f}" for node, seconds in nodes]
    return "\n".join(lines)


def _target(label: str, met: bool) -> str:
    return f"- {label}: {'met' if met else 'MISSED'}"


if __name__ == "__main__":
    result = _step(sys.argv[1], [date.fromisoformat(a) for a in sys.argv[2:]])
    if result is not None:
        print(json.dumps(result))
