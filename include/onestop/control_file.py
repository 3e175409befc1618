"""Write and verify the control file (manifest) that closes each nightly drop.

The control file is written last, so its presence says the drop is complete;
its row counts and SHA-256 checksums say every file arrived intact. A drop
that fails either check is blocked before anything is loaded.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

from onestop.contract import ENTITIES, ControlEntry, ControlFile, control_file_name
from onestop.errors import DropBlocked


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def count_csv_rows(path: Path) -> int:
    """Data rows in a CSV file: physical lines less the header.

    The contract forbids embedded newlines in values, so a line is a row.
    """
    with path.open("rb") as handle:
        lines = sum(1 for _ in handle)
    return max(lines - 1, 0)


def write_control_file(drop_dir: Path, extract_date: date) -> Path:
    """Describe every contract file in ``drop_dir``; call only after they are all written."""
    entries = []
    for entity in ENTITIES:
        path = drop_dir / entity.file_name(extract_date)
        if path.exists():
            entries.append(
                ControlEntry(path.name, entity.table, count_csv_rows(path), sha256_of(path))
            )
    control = ControlFile(extract_date, tuple(entries))
    target = drop_dir / control_file_name(extract_date)
    tmp = target.with_suffix(".json.tmp")
    payload = {
        "extract_date": control.extract_date.isoformat(),
        "contract_version": control.contract_version,
        "files": [asdict(e) for e in control.files],
    }
    tmp.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    tmp.replace(target)
    return target


def read_control_file(drop_dir: Path, extract_date: date) -> ControlFile:
    path = drop_dir / control_file_name(extract_date)
    if not path.exists():
        raise DropBlocked(
            extract_date, f"drop for {extract_date} incomplete: control file missing ({path.name})"
        )
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        entries = tuple(ControlEntry(**item) for item in payload["files"])
        stated = date.fromisoformat(payload["extract_date"])
    except (ValueError, KeyError, TypeError) as exc:
        raise DropBlocked(extract_date, f"control file {path.name} unreadable: {exc}") from exc
    if stated != extract_date:
        raise DropBlocked(
            extract_date,
            f"control file {path.name} is for {stated}, not for the drop of {extract_date}",
        )
    return ControlFile(stated, entries, str(payload.get("contract_version", "1")))


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
