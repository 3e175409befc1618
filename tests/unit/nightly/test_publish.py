"""Publish: the candidate replaces the published file in one step; the old one is kept."""

from __future__ import annotations

import contextlib
import stat
from datetime import date
from pathlib import Path

import duckdb
import pytest
from onestop.nightly import publish as publish_module
from onestop.nightly.audit import read_events
from onestop.nightly.plan import plan
from onestop.nightly.publish import previous_path, publish, swap_in


def database(path: Path, night: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create or replace table nights as select ?::varchar as night", [night])
    return path


def night_in(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select night from nights").fetchone()[0]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_previous_path_sits_beside_the_published_file() -> None:
    assert previous_path(Path("/data/warehouse/onestop.duckdb")) == Path(
        "/data/warehouse/onestop.prev.duckdb"
    )


def test_first_swap_publishes_without_a_previous_file(tmp_path: Path) -> None:
    candidate = database(tmp_path / "work" / "candidate.duckdb", "2026-11-20")
    published = tmp_path / "warehouse" / "onestop.duckdb"  # its folder does not exist yet
    swap_in(candidate, published)
    assert night_in(published) == "2026-11-20"
    assert not candidate.exists()
    assert not previous_path(published).exists()


def test_the_previous_warehouse_is_kept_as_prev(tmp_path: Path) -> None:
    published = tmp_path / "warehouse" / "onestop.duckdb"
    swap_in(database(tmp_path / "a" / "candidate.duckdb", "2026-11-20"), published)
    swap_in(database(tmp_path / "b" / "candidate.duckdb", "2026-11-21"), published)
    assert night_in(published) == "2026-11-21"
    assert night_in(previous_path(published)) == "2026-11-20"
    swap_in(database(tmp_path / "c" / "candidate.duckdb", "2026-11-22"), published)
    assert night_in(previous_path(published)) == "2026-11-21"  # one generation only
    assert sorted(p.name for p in published.parent.iterdir()) == [
        "onestop.duckdb",
        "onestop.prev.duckdb",
    ]


@pytest.mark.parametrize(("group_readable", "expected"), [(False, 0o600), (True, 0o640)])
def test_the_published_file_never_grants_access_to_others(
    tmp_path: Path, group_readable: bool, expected: int
) -> None:
    candidate = database(tmp_path / "work" / "candidate.duckdb", "2026-11-20")
    candidate.chmod(0o666)  # made under a loose umask
    published = tmp_path / "warehouse" / "onestop.duckdb"
    swap_in(candidate, published, group_readable)
    assert mode(published) == expected


def test_a_candidate_left_with_a_write_ahead_log_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = tmp_path / "warehouse" / "onestop.duckdb"
    swap_in(database(tmp_path / "a" / "candidate.duckdb", "2026-11-20"), published)
    before = published.read_bytes()
    candidate = database(tmp_path / "b" / "candidate.duckdb", "2026-11-21")
    candidate.with_name(candidate.name + ".wal").write_bytes(b"not checkpointed")

    class NoCheckpoint:  # a checkpoint that leaves the log behind
        def execute(self, sql: str) -> None:
            assert sql == "checkpoint"

    monkeypatch.setattr(
        publish_module.duckdb, "connect", lambda _path: contextlib.nullcontext(NoCheckpoint())
    )
    with pytest.raises(RuntimeError, match="still has a write-ahead log after checkpoint"):
        swap_in(candidate, published)
    monkeypatch.undo()
    assert published.read_bytes() == before
    assert candidate.exists() and not previous_path(published).exists()


def test_publish_swaps_the_nights_candidate_and_audits_it(settings) -> None:
    night = plan(settings, date(2026, 11, 20), "run-1")
    database(night.candidate, night.extract_date)
    publish(settings, night)
    assert night_in(settings.warehouse_path) == "2026-11-20"
    [event] = read_events(settings.audit_log)
    assert (event["step"], event["status"], event["load_id"]) == (
        "publish",
        "published",
        night.load_id,
    )
    assert event["message"] == f"published to {settings.warehouse_path}"
