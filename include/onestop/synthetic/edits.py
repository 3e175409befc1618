"""Defects applied to the rows of a night's file while it is held before writing.

Why on held rows: a file's rows are kept in memory for the night (``DropFile``),
so a defect changes values in place, appends rows, or leaves a column out, and
its label can name the physical CSV lines it touched. Each injector picks rows
no earlier defect touched, so every label's rows hold its own effect, and
returns the effect part of the label (``defects.label``): ``column``, ``rows``
(CSV line numbers, 2 = first data row), ``values`` and ``original``.
The kinds and the columns they can target are declared in ``defects``.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from onestop.contract import Entity
from onestop.synthetic.defects import EDIT_KINDS, DefectSpec, target_column
from onestop.synthetic.draws import NEW_YORK
from onestop.synthetic.pirl import column_of, invalid_value, is_date
from onestop.synthetic.records import FIRST_DATA_LINE

# How far appointment_before_selection moves an appointment back: further than any
# claimant's RESEA history reaches, so it lands before the claimant's selection.
BEFORE_SELECTION_SHIFT = timedelta(days=365)


@dataclass
class DropFile:
    """One CSV of a drop, held for the night so defects can be applied before writing.

    ``rows`` are in the contract's column order; ``dropped`` is a column left out
    when written (missing_column); ``touched`` the row indexes defects changed.
    """

    entity: Entity
    rows: list[list[str]]
    dropped: str | None = None
    touched: set[int] = field(default_factory=set)

    def write(self, path: Path) -> None:
        """Write header and rows as UTF-8 CSV with ``\\n`` line ends."""
        names = self.entity.column_names
        keep = [i for i, name in enumerate(names) if name != self.dropped]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([names[i] for i in keep])
            writer.writerows([row[i] for i in keep] for row in self.rows)

    def index(self, column: str) -> int:
        return self.entity.column_names.index(column)

    def pick_rows(
        self,
        count: int,
        rng: random.Random,
        kind: str,
        eligible: Callable[[list[str]], bool] = lambda row: True,
    ) -> list[int]:
        """Distinct rows no earlier defect touched, so each label's rows hold its effect."""
        candidates = [
            i for i, row in enumerate(self.rows) if i not in self.touched and eligible(row)
        ]
        if len(candidates) < count:
            raise ValueError(
                f"cannot inject {kind} x{count} into {self.entity.table}: only "
                f"{len(candidates)} suitable rows that night"
            )
        picked = sorted(rng.sample(candidates, count))
        self.touched.update(picked)
        return picked


Injector = Callable[[DropFile, DefectSpec, random.Random, date], dict]


def _overwrite(
    file: DropFile,
    spec: DefectSpec,
    rng: random.Random,
    value: Callable[[list[str]], str],
    eligible: Callable[[list[str]], bool] = lambda row: True,
) -> dict:
    """Replace the target column in ``spec.count`` rows and describe what changed."""
    column = target_column(spec.kind, file.entity, spec.column)
    at = file.index(column)
    picked = file.pick_rows(spec.count, rng, spec.kind, eligible)
    original = [file.rows[i][at] for i in picked]
    for i in picked:
        file.rows[i][at] = value(file.rows[i])
    return {
        "column": column,
        "rows": [i + FIRST_DATA_LINE for i in picked],
        "values": [file.rows[i][at] for i in picked],
        "original": original,
    }


def _inject_edit(file: DropFile, spec: DefectSpec, rng: random.Random, night: date) -> dict:
    """Defects that change values in place."""
    if spec.kind == "null_key":
        return _overwrite(file, spec, rng, lambda row: "")
    if spec.kind == "unknown_code":
        return _overwrite(file, spec, rng, lambda row: "ZZZ")
    if spec.kind == "bad_date":
        return _overwrite(file, spec, rng, lambda row: f"{night.year}-13-45")
    if spec.kind == "service_after_extract":
        return _overwrite(
            file, spec, rng, lambda row: (night + timedelta(days=rng.randint(1, 30))).isoformat()
        )
    if spec.kind == "ancient_date":
        return _overwrite(file, spec, rng, lambda row: "1900-01-01")
    if spec.kind == "ssn_in_comment":
        return _overwrite(file, spec, rng, lambda row: f"Customer SSN {_fake_ssn(rng)} verified")
    if spec.kind in ("missing_pirl_value", "invalid_pirl_value"):
        column = column_of(file.entity, target_column(spec.kind, file.entity, spec.column))
        at = file.index(column.name)
        # Only rows that held a good value, so the label's ``original`` shows what was lost.
        good = (
            (lambda row: is_date(row[at]))
            if column.type == "date"
            else (lambda row: row[at] in column.codes)
        )
        if spec.kind == "missing_pirl_value":
            return _overwrite(file, spec, rng, lambda row: "", good)
        return _overwrite(file, spec, rng, lambda row: invalid_value(column, row[at]), good)
    if spec.kind == "exit_before_entry":
        entry_at = file.index("entry_date")
        return _overwrite(
            file,
            spec,
            rng,
            lambda row: (
                date.fromisoformat(row[entry_at]) - timedelta(days=rng.randint(1, 30))
            ).isoformat(),
        )
    if spec.kind == "orphan_enrollment":
        # Customer ids count up from C310000000: C999… is never handed out.
        return _overwrite(file, spec, rng, lambda row: f"C999{rng.randrange(10**6):06d}")
    if spec.kind == "outcome_before_appointment":
        return _outcome_before(file, spec, rng)
    if spec.kind == "appointment_before_selection":
        return _before_selection(file, spec, rng)
    return _entry_before(file, spec, rng)


def _entry_before(file: DropFile, spec: DefectSpec, rng: random.Random) -> dict:
    """Move the entry timestamp to the day before the date it must not precede."""
    stamp_column, date_column = file.entity.not_before[0]
    stamp_at, date_at = file.index(stamp_column), file.index(date_column)

    def day_before(row: list[str]) -> str:
        earlier = date.fromisoformat(row[date_at]) - timedelta(days=1)
        if is_date(row[stamp_at]):  # a date that must not precede another date
            return earlier.isoformat()
        clock = datetime.fromisoformat(row[stamp_at]).time()
        return datetime.combine(earlier, clock, tzinfo=NEW_YORK).isoformat()

    return _overwrite(
        file, spec, rng, day_before, lambda row: is_date(row[date_at]) and bool(row[stamp_at])
    )


def _outcome_before(file: DropFile, spec: DefectSpec, rng: random.Random) -> dict:
    """Record an outcome the day before its appointment, still after it was scheduled.

    Only rows whose appointment lies after its scheduling day qualify, so the one
    rule this breaks is the outcome rule.
    """
    stamp_column, date_column, code_column, codes = file.entity.not_before_when[0]
    stamp_at, date_at, code_at = (
        file.index(stamp_column),
        file.index(date_column),
        file.index(code_column),
    )
    scheduled_at = file.index("scheduled_on")

    def eligible(row: list[str]) -> bool:
        return row[code_at] in codes and row[scheduled_at] < row[date_at]

    def day_before(row: list[str]) -> str:
        clock = datetime.fromisoformat(row[stamp_at]).time()
        earlier = date.fromisoformat(row[date_at]) - timedelta(days=1)
        return datetime.combine(earlier, clock, tzinfo=NEW_YORK).isoformat()

    return _overwrite(file, spec, rng, day_before, eligible)


def _before_selection(file: DropFile, spec: DefectSpec, rng: random.Random) -> dict:
    """Move an appointment (and its scheduling day) a year back, before the claimant's
    selection: every rule within the file still holds, only the warehouse sees it."""
    scheduled_at = file.index("scheduled_on")
    effect = _overwrite(
        file,
        spec,
        rng,
        lambda row: (
            date.fromisoformat(row[file.index("appointment_date")]) - BEFORE_SELECTION_SHIFT
        ).isoformat(),
    )
    for line in effect["rows"]:
        row = file.rows[line - FIRST_DATA_LINE]
        row[scheduled_at] = (
            date.fromisoformat(row[scheduled_at]) - BEFORE_SELECTION_SHIFT
        ).isoformat()
    return effect | {"also_moved": ["scheduled_on"]}


def _fake_ssn(rng: random.Random) -> str:
    """Formatted like an SSN but in the never-issued 9xx area."""
    return f"9{rng.randrange(100):02d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def _inject_duplicate(file: DropFile, spec: DefectSpec, rng: random.Random, night: date) -> dict:
    """Append copies of one row at the end, so no earlier label's line numbers move."""
    key = file.entity.key[0]
    [source] = file.pick_rows(1, rng, spec.kind)
    appended = []
    for _ in range(spec.count):
        file.rows.append(list(file.rows[source]))
        appended.append(len(file.rows) - 1)
    file.touched.update(appended)
    lines = [source + FIRST_DATA_LINE] + [i + FIRST_DATA_LINE for i in appended]
    value = file.rows[source][file.index(key)]
    return {
        "column": key,
        "rows": lines,
        "values": [value] * len(lines),
        "original": [],
        "source_row": source + FIRST_DATA_LINE,
    }


def _inject_conflicting_key(
    file: DropFile, spec: DefectSpec, rng: random.Random, night: date
) -> dict:
    """Append rows that repeat a key with another value in the last column."""
    effect = _inject_duplicate(file, spec, rng, night)
    for line in effect["rows"][1:]:
        row = file.rows[line - FIRST_DATA_LINE]
        row[-1] = (row[-1] + " (changed)").strip()
    return effect


def _inject_missing_column(
    file: DropFile, spec: DefectSpec, rng: random.Random, night: date
) -> dict:
    file.dropped = target_column(spec.kind, file.entity)
    return {"column": file.dropped}


def _inject_bad_checksum(file: DropFile, spec: DefectSpec, rng: random.Random, night: date) -> dict:
    """Change one digit in one field: same size, same row count, different SHA-256."""

    def digit_columns(row: list[str]) -> list[int]:
        return [
            i
            for i, value in enumerate(row)
            if file.entity.column_names[i] != file.dropped and any(c.isdigit() for c in value)
        ]

    [line] = file.pick_rows(1, rng, spec.kind, lambda row: bool(digit_columns(row)))
    row = file.rows[line]
    at = rng.choice(digit_columns(row))
    original = row[at]
    last_digit = max(i for i, c in enumerate(original) if c.isdigit())
    flipped = str((int(original[last_digit]) + 1) % 10)
    row[at] = original[:last_digit] + flipped + original[last_digit + 1 :]
    return {
        "column": file.entity.column_names[at],
        "rows": [line + FIRST_DATA_LINE],
        "values": [row[at]],
        "original": [original],
    }


def _inject_row_count(file: DropFile, spec: DefectSpec, rng: random.Random, night: date) -> dict:
    """Delete the last data rows after the control file counted them."""
    if len(file.rows) < spec.count:
        raise ValueError(
            f"cannot inject {spec.kind} x{spec.count} into {file.entity.table}: "
            f"only {len(file.rows)} rows that night"
        )
    key = file.entity.key[0]
    first = len(file.rows) - spec.count
    removed = file.rows[first:]
    del file.rows[first:]
    return {
        "column": key,
        "rows": [first + i + FIRST_DATA_LINE for i in range(spec.count)],
        "values": [],
        "original": [row[file.index(key)] for row in removed],
    }


#: The injector of every kind ``defects`` says this module applies, by kind.
INJECTORS: dict[str, Injector] = {
    **{kind: _inject_edit for kind in EDIT_KINDS},
    "duplicate_key": _inject_duplicate,
    "conflicting_key": _inject_conflicting_key,
    "missing_column": _inject_missing_column,
    "bad_checksum": _inject_bad_checksum,
    "row_count_mismatch": _inject_row_count,
}
