"""The steps of one night, as the DAG runs them: verify → land → gate → build → publish.

Each step is a plain function of the settings and a ``Night`` so the DAG file
stays thin, the CLI and tests can call the same code, and every step can be
re-run on its own. Every step writes its outcome to the load audit.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from pathlib import Path

import duckdb

from onestop import audit, quarantine
from onestop.audit import AuditEvent
from onestop.calendar import BusinessCalendar
from onestop.contract import ENTITIES
from onestop.control_file import read_control_file, verify_drop
from onestop.errors import DropBlocked
from onestop.gate import Gate
from onestop.ingest import land_drop, promote_night, write_calendar
from onestop.publish import publish, start_candidate
from onestop.settings import Settings
from onestop.transform import build
from onestop.volume import collapses


@dataclass(frozen=True)
class Night:
    """One attempt at one night's drop; small and JSON-friendly so it can travel as XCom."""

    extract_date: str  # ISO date of the activity the drop carries
    load_id: str  # unique per attempt: <YYYYMMDD>-<token>
    run_dir: str  # scratch folder of this attempt

    @property
    def day(self) -> date:
        return date.fromisoformat(self.extract_date)

    @property
    def landing_db(self) -> Path:
        return Path(self.run_dir) / "landing.duckdb"

    @property
    def candidate(self) -> Path:
        return Path(self.run_dir) / "candidate.duckdb"

    def drop_dir(self, settings: Settings) -> Path:
        return settings.landing_dir / self.extract_date

    def gate_results_dir(self, settings: Settings) -> Path:
        return settings.gate_results_dir / self.extract_date / self.load_id

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def plan_night(settings: Settings, extract_date: date, attempt: str) -> Night:
    """Name an attempt: ``attempt`` is any string unique to it (e.g. the Airflow run id)."""
    token = hashlib.sha256(attempt.encode("utf-8")).hexdigest()[:10]
    load_id = f"{extract_date:%Y%m%d}-{token}"
    return Night(
        extract_date.isoformat(),
        load_id,
        str(settings.work_dir / extract_date.isoformat() / load_id),
    )


def _event(settings: Settings, night: Night, step: str, status: str, message: str = "", **kw):
    audit.record(
        settings.audit_log,
        AuditEvent(night.load_id, night.extract_date, step, status, message, **kw),
    )


def _blocked(settings: Settings, night: Night, step: str, exc: DropBlocked) -> None:
    _event(settings, night, step, "blocked", exc.message)


def verify(settings: Settings, night: Night) -> None:
    """Find the drop and check it against its control file; nothing is loaded if it fails."""
    clear_stale_attempts(settings, night)
    drop_dir = night.drop_dir(settings)
    try:
        if not drop_dir.is_dir():
            raise DropBlocked(
                night.day, f"drop for {night.extract_date} missing: no folder {drop_dir}"
            )
        control = verify_drop(drop_dir, night.day)
    except DropBlocked as exc:
        _blocked(settings, night, "verify", exc)
        raise
    for entry in control.files:
        _event(
            settings,
            night,
            "verify",
            "ok",
            "matches the control file",
            file=entry.file,
            entity=entry.entity,
            rows=entry.rows,
            sha256=entry.sha256,
        )


def land(settings: Settings, night: Night) -> dict[str, int]:
    try:
        landed = land_drop(night.drop_dir(settings), night.day, night.landing_db, night.load_id)
    except DropBlocked as exc:
        _blocked(settings, night, "land", exc)
        raise
    for f in landed:
        _event(settings, night, "land", "ok", "", file=f.file, entity=f.entity, rows=f.rows)
    quarantine.set_aside(night.landing_db, night.day, night.load_id)
    for entity, file, column, rule, rows in quarantine.summary(night.landing_db):
        _event(
            settings,
            night,
            "quarantine",
            "quarantined",
            f"{rows} row(s) set aside, column {column}: rule '{rule}' broken",
            file=file,
            entity=entity,
            rows=rows,
        )
    return {f.entity: f.rows for f in landed}


@cache
def _gate_for(expectations_dir: Path) -> Gate:
    """One GX context per process: building it costs seconds, and ``dag.test()`` or the
    CLI's run over many nights runs every task in one process."""
    return Gate(expectations_dir)


def gate(settings: Settings, night: Night) -> None:
    """Run the GX suites and the row-count collapse check; a failure blocks the night with
    every broken rule named. Rows set aside by the quarantine are not expected by the gate."""
    checker = _gate_for(settings.expectations_dir)
    control = read_control_file(night.drop_dir(settings), night.day)
    expected = quarantine.without_quarantined(
        control, quarantine.set_aside_counts(night.landing_db)
    )
    failures = checker.check_night(
        night.landing_db, night.day, expected, night.gate_results_dir(settings)
    )
    broken = [(f.file, f.message()) for f in failures]
    delivered = {e.entity: e.rows for e in control.files}
    broken += collapses(settings.audit_log, night.day, delivered, office_calendar(settings))
    if broken:
        message = (
            f"drop for {night.extract_date} blocked by the gate "
            f"({len(broken)} rule(s) broken; results in {night.gate_results_dir(settings)}): "
            + " | ".join(text for _, text in broken)
        )
        for file, text in broken:
            _event(settings, night, "gate", "blocked", text, file=file)
        raise DropBlocked(night.day, message)
    _event(settings, night, "gate", "ok", "every suite passed")


def office_calendar(settings: Settings) -> BusinessCalendar:
    return BusinessCalendar.new_york(
        close_on_lincolns_birthday=settings.close_on_lincolns_birthday,
        close_on_election_day=settings.close_on_election_day,
    )


def build_candidate(settings: Settings, night: Night) -> str:
    """Copy the published warehouse, add the night to ``raw``, and ``dbt build`` it."""
    counts, reloaded = prepare_candidate(settings, night)
    try:
        # A night loaded before is replaced in raw: rows it no longer carries must leave
        # the incremental facts too, so a re-run rebuilds them in full.
        summary = build(settings, night.candidate, full_refresh=reloaded)
    except Exception as exc:
        _event(settings, night, "build", "failed", str(exc).splitlines()[0])
        raise
    _event(settings, night, "build", "ok", f"raw rows {sum(counts.values())}; dbt {summary}")
    return summary


def prepare_candidate(settings: Settings, night: Night) -> tuple[dict[str, int], bool]:
    """Copy the published warehouse and replace the night's rows in its ``raw``.

    Returns the raw row counts and whether the night had been loaded before.
    """
    start_candidate(settings.warehouse_path, night.candidate)
    with duckdb.connect(str(night.candidate)) as con:
        write_calendar(con, office_calendar(settings))
        reloaded = night_already_loaded(con, night.day)
        counts = promote_night(con, night.landing_db, night.day, settings.pseudonym_secret())
        quarantine.promote(con, night.landing_db, night.day)
        record_night_loads(con, [night])
        _copy_audit_log(con, settings.audit_log)
    return counts, reloaded


def promote_history(settings: Settings, candidate: Path, nights: list[Night]) -> None:
    """Promote many landed (and gated) nights into one new candidate, for a full rebuild.

    Every night is named in ``raw.night_loads``, so the build that follows sees the
    whole history as its loads. A connection per night, as a nightly run has:
    ``promote_night`` registers a function, which DuckDB refuses while an earlier
    result is still open.
    """
    candidate.unlink(missing_ok=True)
    candidate.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(candidate)) as con:
        write_calendar(con, office_calendar(settings))
        record_night_loads(con, nights)
    for night in nights:
        with duckdb.connect(str(candidate)) as con:
            promote_night(con, night.landing_db, night.day, settings.pseudonym_secret())
            quarantine.promote(con, night.landing_db, night.day)


def record_night_loads(con: duckdb.DuckDBPyConnection, nights: list[Night]) -> None:
    """Name the loads this build adds (``raw.night_loads``): the incremental facts
    refresh the rows they touched. A table, not a dbt var, so dbt's partial parsing
    survives from one night to the next."""
    con.execute("create schema if not exists raw")
    con.execute("create or replace table raw.night_loads (load_id varchar, extract_date date)")
    con.executemany(
        "insert into raw.night_loads values (?, ?)", [(n.load_id, n.day) for n in nights]
    )


def night_already_loaded(con: duckdb.DuckDBPyConnection, day: date) -> bool:
    """Whether ``raw`` already holds rows of the night ``day`` (a re-run or re-delivery)."""
    loaded = {
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw'"
        ).fetchall()
    }
    # fetchall, not fetchone: a result left unfinished blocks the connection's next call
    return any(
        con.execute(
            f"select 1 from raw.{entity.table} where _extract_date = ? limit 1", [day]
        ).fetchall()
        for entity in ENTITIES
        if entity.table in loaded
    )


def publish_candidate(settings: Settings, night: Night) -> None:
    """Swap the audited candidate into place.

    The warehouse's copy of the audit was taken during the build, so it ends
    with the build step; the log file itself also has the publish event.
    """
    publish(night.candidate, settings.warehouse_path, settings.group_readable)
    _event(settings, night, "publish", "published", f"published to {settings.warehouse_path}")


def clear_stale_attempts(settings: Settings, night: Night) -> None:
    """Delete what earlier attempts at this night left behind when they were killed.

    A run killed hard (kill -9, a lost worker) never reaches ``clean_up``: its landing
    database, with personal data in clear, and its half-built candidate stay on disk.
    One run per night at a time (``max_active_runs=1``) makes every other attempt
    folder of the night stale by the time a new attempt starts.
    """
    night_dir = Path(night.run_dir).parent
    if night_dir.is_dir():
        for attempt in night_dir.iterdir():
            if attempt.name != night.load_id:
                shutil.rmtree(attempt, ignore_errors=True)
    incoming = settings.warehouse_path.with_name(settings.warehouse_path.name + ".incoming")
    incoming.unlink(missing_ok=True)


def run_night(settings: Settings, extract_date: date, attempt: str) -> Night:
    """Every step of one night in order, in this process (the DAG's tasks, without Airflow).

    For tests and tools that need one night fast; raises what the failing step raised.
    """
    night = plan_night(settings, extract_date, attempt)
    try:
        verify(settings, night)
        land(settings, night)
        gate(settings, night)
        build_candidate(settings, night)
        publish_candidate(settings, night)
    finally:
        clean_up(night)
    return night


def clean_up(night: Night) -> None:
    """Delete the attempt's scratch folder: its landing database holds personal data in clear."""
    shutil.rmtree(night.run_dir, ignore_errors=True)


def _copy_audit_log(con: duckdb.DuckDBPyConnection, log: Path) -> None:
    con.execute("create schema if not exists audit")
    con.execute(
        """
        create or replace table audit.load_audit (
            load_id varchar, extract_date date, step varchar, status varchar, message varchar,
            file varchar, entity varchar, rows bigint, sha256 varchar, recorded_at timestamptz
        )
        """
    )
    if log.exists() and log.stat().st_size:
        con.execute(
            "insert into audit.load_audit by name select * from read_json(?, format = "
            "'newline_delimited', columns = {load_id: 'varchar', extract_date: 'date', "
            "step: 'varchar', status: 'varchar', message: 'varchar', file: 'varchar', "
            "entity: 'varchar', rows: 'bigint', sha256: 'varchar', recorded_at: 'timestamptz'})",
            [str(log)],
        )
