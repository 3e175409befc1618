"""Damage a written drop the way extract jobs and file transfers do, for the fault catalogue.

Why a module apart from ``edits``: these defects act on the bytes of a file
already written (an encoding, a cut, a delimiter, a header) or on the control
file, not on the values of rows, so they run after ``drops`` writes a file
and before (``FILE_KINDS``) or after (``CONTROL_KINDS``) it writes the control
file; both lists come from the registry in ``defects``. Damage done before the
control file is what the extract job itself got wrong: the control file vouches
for the damaged bytes, so only land and the gate can catch it. Each function
returns the label fields it changed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from onestop.contract import Entity, control_file_name
from onestop.synthetic.defects import CONTROL_KINDS, FILE_KINDS

__all__ = ["CONTROL_KINDS", "FILE_KINDS", "damage_control_file", "damage_file"]


def _rewrite(path: Path, change: Callable[[list[list[str]]], None]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def damage_file(kind: str, path: Path, entity: Entity) -> dict:
    """Apply a ``FILE_KINDS`` defect to a written CSV; return the label fields."""
    data = path.read_bytes()
    lines = data.split(b"\n")
    if kind == "non_utf8":
        # A Windows-1252 export: "é" as the single byte 0xE9, in line 2 (first data row).
        lines[1] = lines[1] + b"\xe9"
        path.write_bytes(b"\n".join(lines))
        return {"rows": [2], "values": ["0xE9"]}
    if kind == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + data)
        return {"rows": [1]}
    if kind == "truncated_last_line":
        body = data.rstrip(b"\n")
        last = body.rsplit(b"\n", 1)[-1]
        path.write_bytes(body[: len(body) - len(last) // 2])
        return {"rows": [body.count(b"\n") + 1]}
    if kind == "empty_file":
        path.write_bytes(b"")
        return {}
    if kind == "header_only":
        path.write_bytes(lines[0] + b"\n")
        return {}
    if kind == "wrong_delimiter":
        _rewrite_delimited(path, ";")
        return {}
    if kind == "missing_file":
        path.unlink()
        return {}
    return _damage_columns(kind, path, entity)


def _rewrite_delimited(path: Path, delimiter: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def _damage_columns(kind: str, path: Path, entity: Entity) -> dict:
    """Header changes: a column added, renamed, or two columns swapped (values follow)."""
    last = entity.column_names[-1]
    if kind == "extra_column":

        def add(rows: list[list[str]]) -> None:
            for i, row in enumerate(rows):
                row.append("N" if i else "legacy_flag")

        _rewrite(path, add)
        return {"column": "legacy_flag"}
    if kind == "renamed_column":
        renamed = last.upper()

        def rename(rows: list[list[str]]) -> None:
            rows[0][-1] = renamed

        _rewrite(path, rename)
        return {"column": last, "values": [renamed]}
    if kind == "reordered_columns":

        def move_last_column_two_places_left(rows: list[list[str]]) -> None:
            for row in rows:
                row.insert(-2, row.pop())

        _rewrite(path, move_last_column_two_places_left)
        return {"column": last}
    raise ValueError(f"unknown file defect {kind!r}")


def damage_control_file(kind: str, drop_dir: Path, night: date) -> dict:
    """Apply a ``CONTROL_KINDS`` defect: the control file names another extract date."""
    if kind != "wrong_date_control":
        raise ValueError(f"unknown control-file defect {kind!r}")
    path = drop_dir / control_file_name(night)
    payload = json.loads(path.read_text(encoding="utf-8"))
    stated = (night - timedelta(days=1)).isoformat()
    payload["extract_date"] = stated
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return {"values": [stated]}
