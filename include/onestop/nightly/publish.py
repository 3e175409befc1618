"""Publish: swap the audited candidate warehouse into place, atomically.

Analysts open the published file read-only; DuckDB lets no process write a
file another process holds open, so the nightly run never writes the published
file in place. It builds a candidate beside it, and ``os.replace`` swaps the
path over in one step: a reader already connected keeps its old snapshot, a
new reader sees the new one, and nobody sees a mix. The previous file is kept
as ``<name>.prev.duckdb`` for rollback.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from onestop.nightly.audit import record_step
from onestop.nightly.crash_points import crash_point
from onestop.nightly.plan import Night
from onestop.privacy.permissions import restrict
from onestop.settings import Settings


def publish(settings: Settings, night: Night) -> None:
    """Swap the audited candidate into place.

    The warehouse's copy of the audit was taken during the build, so it ends
    with the build step; the log file itself also has the publish event.
    """
    swap_in(night.candidate, settings.warehouse_path, settings.group_readable)
    record_step(settings, night, "publish", "published", f"published to {settings.warehouse_path}")


def previous_path(published: Path) -> Path:
    return published.with_name(published.stem + ".prev" + published.suffix)


def swap_in(candidate: Path, published: Path, group_readable: bool = False) -> None:
    """Checkpoint the candidate and swap it into place; keep the old file as ``.prev``.

    The published file never grants access to others, even if the candidate was
    made by a process with a looser umask.
    """
    with duckdb.connect(str(candidate)) as con:
        con.execute("checkpoint")
    wal = candidate.with_name(candidate.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"{candidate} still has a write-ahead log after checkpoint")
    published.parent.mkdir(parents=True, exist_ok=True)
    if candidate.parent.stat().st_dev != published.parent.stat().st_dev:
        # os.replace is atomic only within one filesystem: stage beside the target first.
        staged = published.with_name(published.name + ".incoming")
        shutil.copyfile(candidate, staged)
        candidate.unlink()
        candidate = staged
    if published.exists():
        previous = previous_path(published)
        previous.unlink(missing_ok=True)
        os.link(published, previous)
        crash_point("publish")
    restrict(candidate, group_readable)
    os.replace(candidate, published)
    _fsync_directory(published.parent)


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
