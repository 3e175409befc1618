"""Verify: the drop folder and its control file exist, and every file matches its entry.

Nothing is loaded from a drop that fails: the control file is written last, so a
missing one says the drop is incomplete, and a row count or SHA-256 that does not
match says a file was cut short or changed on its way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from onestop.contract import ENTITIES, ControlFile
from onestop.contract.control_file import count_csv_rows, read_control_file, sha256_of
from onestop.errors import DropBlocked
from onestop.nightly.audit import record_blocked, record_step
from onestop.nightly.clean_up import clear_stale_attempts
from onestop.nightly.plan import Night
from onestop.settings import Settings


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
        record_blocked(settings, night, "verify", exc)
        raise
    for entry in control.files:
        record_step(
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


def verify_drop(drop_dir: Path, extract_date: date) -> ControlFile:
    """Check the drop against its control file; raise ``DropBlocked`` on any mismatch."""
    control = read_control_file(drop_dir, extract_date)
    listed = {e.entity: e for e in control.files}
    problems: list[str] = []
    for entity in ENTITIES:
        expected_name = entity.file_name(extract_date)
        entry = listed.get(entity.table)
        if entry is None:
            if not (drop_dir / expected_name).exists():
                problems.append(f"{expected_name}: missing from the drop")
                continue
            problems.append(f"{expected_name}: not listed in the control file")
            continue
        path = drop_dir / entry.file
        if entry.file != expected_name:
            problems.append(f"{entry.file}: expected the name {expected_name}")
        if not path.exists():
            problems.append(f"{entry.file}: listed in the control file but missing")
            continue
        rows = count_csv_rows(path)
        if rows != entry.rows:
            problems.append(f"{entry.file}: {rows} rows, control file says {entry.rows}")
        checksum = sha256_of(path)
        if checksum != entry.sha256:
            problems.append(
                f"{entry.file}: SHA-256 {checksum[:12]}… does not match the control file"
            )
    if problems:
        raise DropBlocked(
            extract_date,
            f"drop for {extract_date} does not match its control file: " + "; ".join(problems),
        )
    return control
