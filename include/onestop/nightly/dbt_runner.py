"""Run the dbt project against a candidate warehouse: one ``dbt build`` per night.

Part of the build step; the site's dbt docs (``reports.site``) use ``run_dbt`` too.

dbt runs as a subprocess, never in-process: dbt's in-process runner keeps its
DuckDB connection open, and every task of ``dag.test()`` shares one process.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from onestop.errors import PublishRefused
from onestop.settings import Settings


def dbt_environment(settings: Settings, database: Path, work: Path | None = None) -> dict[str, str]:
    """Environment for a dbt command: the database, the options, no telemetry.

    ``work`` (default ``<work>/dbt``) holds dbt's target and logs. dbt keeps one
    parsed project there and re-parses all of it when the profile (the database
    path) differs from the last command's, so a command that always runs on another
    database (the site's docs) keeps a folder of its own.
    """
    work = work or settings.work_dir / "dbt"
    env = dict(os.environ)
    env.update(
        {
            "ONESTOP_DBT_DATABASE": str(database),
            "ONESTOP_DBT_THREADS": str(settings.dbt_threads),
            "ONESTOP_DUCKDB_MEMORY_LIMIT": settings.duckdb_memory_limit,
            "ONESTOP_TIMELY_BUSINESS_DAYS": str(settings.timely_business_days),
            "ONESTOP_RESEA_SCHEDULING_DAYS": str(settings.resea_scheduling_days),
            "ONESTOP_OFFICE_TIMEZONE": settings.office_timezone,
            "DBT_PROFILES_DIR": str(settings.dbt_project_dir),
            "DBT_TARGET_PATH": str(work / "target"),
            "DBT_LOG_PATH": str(work / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
            "DO_NOT_TRACK": "1",
        }
    )
    return env


def run_dbt(
    settings: Settings, database: Path, *args: str, work: Path | None = None
) -> subprocess.CompletedProcess:
    """Run one dbt command in the project folder; output is captured, not printed."""
    return subprocess.run(
        [str(settings.dbt_executable), *args],
        cwd=settings.dbt_project_dir,
        env=dbt_environment(settings, database, work),
        capture_output=True,
        text=True,
        check=False,
    )


def dbt_build(
    settings: Settings,
    database: Path,
    *,
    full_refresh: bool = False,
) -> str:
    """``dbt build`` the candidate (unit tests run in CI, not nightly).

    The incremental facts refresh only the rows the loads named in
    ``raw.night_loads`` touched (see ``promote.record_night_loads``);
    ``full_refresh`` rebuilds them from scratch.

    Raises ``PublishRefused`` naming every failed model or test, so the night
    stops before publish and the published warehouse stays as it was.
    """
    args = ["build", "--exclude", "test_type:unit"]
    if full_refresh:
        args.append("--full-refresh")
    with _under_fixed_name(settings, database) as path:
        completed = run_dbt(settings, path, *args)
    if completed.returncode != 0:
        raise PublishRefused(
            "dbt build failed; the candidate was not published. "
            + _failed_nodes(settings)
            + _tail(completed.stdout)
        )
    return _summary_line(completed.stdout)


@contextmanager
def _under_fixed_name(settings: Settings, database: Path) -> Iterator[Path]:
    """Give dbt the candidate under one fixed name, and move it back afterwards.

    The database path is part of dbt's profile, and dbt re-parses the whole
    project whenever the profile changes: with a new candidate path every night,
    parsing took about a third of a small night's build. The file (and a
    write-ahead log, if one was left) moves by rename, so it is never in two
    places; across filesystems it stays where it is.
    """
    fixed = settings.work_dir / "dbt" / "candidate.duckdb"
    fixed.parent.mkdir(parents=True, exist_ok=True)
    if database == fixed or database.parent.stat().st_dev != fixed.parent.stat().st_dev:
        yield database
        return
    pairs = [(database, fixed), (_wal(database), _wal(fixed))]
    for _, target in pairs:
        target.unlink(missing_ok=True)  # left by an attempt that died mid-build
    for source, target in pairs:
        if source.exists():
            os.replace(source, target)
    try:
        yield fixed
    finally:
        for source, target in pairs:
            if target.exists():
                os.replace(target, source)


def _wal(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def _failed_nodes(settings: Settings) -> str:
    results = settings.work_dir / "dbt" / "target" / "run_results.json"
    if not results.exists():
        return ""
    payload = json.loads(results.read_text(encoding="utf-8"))
    failed = [
        f"{r['unique_id']}: {r['status']} ({r.get('failures') or r.get('message') or ''})"
        for r in payload.get("results", [])
        if r.get("status") in {"error", "fail"}
    ]
    return ("Failed: " + "; ".join(failed) + ". ") if failed else ""


def _summary_line(stdout: str) -> str:
    for line in reversed(stdout.splitlines()):
        if "PASS=" in line:
            return line.split("Done.", 1)[-1].strip()
    return ""


def _tail(stdout: str, lines: int = 15) -> str:
    return "\n" + "\n".join(stdout.splitlines()[-lines:])
