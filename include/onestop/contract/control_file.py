"""The control file (manifest) that closes each nightly drop: its shape, writing, reading.

The control file is written last, so its presence says the drop is complete;
its row counts and SHA-256 checksums say every file arrived intact. The verify
step (``onestop.nightly.verify``) holds a drop against it before anything loads.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from onestop.contract.entities import ENTITIES
from onestop.errors import DropBlocked


def control_file_name(extract_date: date) -> str:
    return f"onestop_control_{extract_date:%Y%m%d}.json"


@dataclass(frozen=True)
class ControlEntry:
    file: str
    entity: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class ControlFile:
    """The manifest written last into a drop: the signal that it is complete and intact."""

    extract_date: date
    files: tuple[ControlEntry, ...] = field(default_factory=tuple)
    contract_version: str = "1"


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
