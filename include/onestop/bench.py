"""Benchmark the nightly steps against a floor: DuckDB alone reading the same CSV files.

Speed is measured here, not asserted in tests. Every figure is the median of
``repeat`` runs in one process, reported with its ratio to the floor measured
in the same process, so machine-to-machine differences cancel out.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb

from onestop import nightly
from onestop.contract import ENTITIES
from onestop.generate import generate
from onestop.ingest import promote_night, write_calendar
from onestop.publish import publish, start_candidate
from onestop.settings import Settings
from onestop.transform import build


@dataclass(frozen=True)
class Figure:
    name: str
    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def _timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


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


def full_rebuild(settings: Settings, nights: list[date]) -> None:
    """Every night landed, gated and promoted into one candidate, one dbt build, publish."""
    scratch = settings.work_dir / "bench-rebuild"
    shutil.rmtree(scratch, ignore_errors=True)
    candidate = scratch / "candidate.duckdb"
    settings.warehouse_path.unlink(missing_ok=True)
    start_candidate(settings.warehouse_path, candidate)
    with duckdb.connect(str(candidate)) as con:
        write_calendar(con, nightly.office_calendar(settings))
    for night in nights:
        attempt = nightly.plan_night(settings, night, "bench-rebuild")
        nightly.verify(settings, attempt)
        nightly.land(settings, attempt)
        nightly.gate(settings, attempt)
        with duckdb.connect(str(candidate)) as con:
            promote_night(con, attempt.landing_db, night, settings.pseudonym_secret())
        nightly.clean_up(attempt)
    build(settings, candidate)
    publish(candidate, settings.warehouse_path)


def run_benchmark(settings: Settings, *, nights: int, services_per_night: int, repeat: int) -> str:
    """Generate a history plus one more night, measure each step, return a Markdown report."""
    start = date(2026, 1, 5)
    history = [start + timedelta(days=i) for i in range(nights)]
    extra = history[-1] + timedelta(days=1)
    generate(
        settings.landing_dir,
        start=start,
        nights=nights + 1,
        seed=1,
        services_per_night=services_per_night,
    )
    figures: dict[str, list[float]] = {k: [] for k in ("floor", "full rebuild")}
    for i in range(repeat):
        figures["floor"].append(
            _timed(lambda: floor(settings.landing_dir, history, settings.work_dir / "floor.duckdb"))
        )
        figures["full rebuild"].append(_timed(lambda: full_rebuild(settings, history)))
        attempt = nightly.plan_night(settings, extra, f"bench-night-{i}")
        for name, took in _nightly_increment(settings, attempt).items():
            figures.setdefault(name, []).append(took)
        nightly.clean_up(attempt)
    results = [Figure(name, runs) for name, runs in figures.items()]
    base = {f.name: f.median for f in results}
    lines = [
        f"History: {nights} nights × {services_per_night} services/business day; "
        f"{repeat} runs each; {os.cpu_count()} CPUs.",
        "",
        "| step | median s | runs (s) | × floor |",
        "|---|---:|---|---:|",
    ]
    for f in results:
        runs = ", ".join(f"{r:.2f}" for r in f.runs)
        lines.append(f"| {f.name} | {f.median:.2f} | {runs} | {f.median / base['floor']:.1f} |")
    lines += [
        "",
        f"- full rebuild / floor: {base['full rebuild'] / base['floor']:.1f}",
        "- nightly dbt build / full rebuild: "
        f"{base['nightly dbt build'] / base['full rebuild']:.2f}",
        f"- nightly gate / nightly land: {base['nightly gate'] / base['nightly land']:.1f}",
    ]
    return "\n".join(lines)


def _nightly_increment(settings: Settings, attempt: nightly.Night) -> dict[str, float]:
    """Time each step of one more night on top of the history."""
    steps = {
        "nightly verify": lambda: nightly.verify(settings, attempt),
        "nightly land": lambda: nightly.land(settings, attempt),
        "nightly gate": lambda: nightly.gate(settings, attempt),
        "nightly promote": lambda: _promote_only(settings, attempt),
        "nightly dbt build": lambda: build(settings, attempt.candidate),
        "nightly publish": lambda: nightly.publish_candidate(settings, attempt),
    }
    timings = {name: _timed(step) for name, step in steps.items()}
    return {"nightly end to end": sum(timings.values()), **timings}


def _promote_only(settings: Settings, attempt: nightly.Night) -> None:
    start_candidate(settings.warehouse_path, attempt.candidate)
    with duckdb.connect(str(attempt.candidate)) as con:
        promote_night(con, attempt.landing_db, attempt.day, settings.pseudonym_secret())
