"""Every defect kind the generator can inject, declared once, and the spec that asks for one.

Why one registry: a kind's name, the moment of the night it is applied, whether
it takes a count, which columns it can target and which module injects it used
to be spread over several kind lists in three modules. Here each kind is one
``DefectKind`` row of ``DEFECTS``; the modules that inject defects take their
kind lists from it (``kinds(...)``) and declare none of their own.

Defects are injected into named nights and files and labelled, so gate tests
can assert exactly what was broken. A label is a JSON object::

    {"kind": "null_key", "night": "2026-10-12", "entity": "osos__services",
     "file": "osos_services_20261012.csv", "path": "2026-10-12/osos_services_20261012.csv",
     "column": "service_id", "rows": [17, 203], "values": ["", ""],
     "original": ["S100000016", "S100000202"]}

``rows`` are physical line numbers of the CSV (2 = first data row), ``values``
what those rows now hold in ``column`` and ``original`` what they held before.
File-wide defects (missing_column, missing_control_file) have no rows;
missing_control_file names the control file; duplicate_key lists the source
row first, then the appended copies, and adds ``source_row``;
row_count_mismatch lists the deleted lines with their original keys.
attended_without_service is a defect of the world, not of one file: it labels
ATTENDED rows of a night's appointments file whose RESEA services are then kept
out of every night's services file (what OSOS↔REOS reconciliation must report as
missing). appointment_before_selection moves an appointment and its scheduling
day a year back: the file stays consistent, only the warehouse, which knows the
claimant's selection date, can catch it.
The fault catalogue's kinds (docs/fault-catalogue.md): ``conflicting_key`` appends
copies of a row whose last column differs; ``ancient_date`` writes 1900-01-01 into a
date column (date of birth by default); the file-level kinds of ``drop_damage``
(``non_utf8``, ``bom``, ``truncated_last_line``, ``empty_file``, ``header_only``,
``wrong_delimiter``, ``extra_column``, ``renamed_column``, ``reordered_columns``,
``missing_file``) damage a written file before the control file vouches for it, and
``wrong_date_control`` makes the control file name the day before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from onestop.contract import (
    ACCESS_AGREEMENTS,
    APPOINTMENTS,
    ENTITIES,
    PROGRAM_ENROLLMENTS,
    SERVICES,
    CheckedBy,
    Entity,
)
from onestop.contract import entity as contract_entity

#: Columns a column-targeting kind can break in an entity, the default first; an
#: empty list means the kind cannot apply to that entity.
ColumnRule = Callable[[Entity], list[str]]

# When in a night a kind is applied, in this order (PHASES). The order keeps labels
# true: edits in place, then appended rows (so edited line numbers stay put), then a
# dropped column, then the control file, then the damage done after it.
WORLD = "world"  # the simulated world changes before any drop is written
EDIT = "edit"  # values of held rows change in place
APPEND = "append"  # copies of a held row are appended
DROP_COLUMN = "drop_column"  # the file is written without a column
NO_CONTROL_FILE = "no_control_file"  # the drop is left without its control file
FILE = "file"  # a written file's bytes, before the control file vouches for them
CONTROL = "control"  # the written control file
POST_CONTROL = "post_control"  # a file rewritten after the control file counted it
PHASES = (WORLD, EDIT, APPEND, DROP_COLUMN, NO_CONTROL_FILE, FILE, CONTROL, POST_CONTROL)


@dataclass(frozen=True)
class DefectKind:
    """One kind of defect: where and when it applies, what it does, who injects it.

    ``counted``: the spec may ask for ``xN`` rows (else it affects a whole file).
    ``row_level``: its label lists the rows it changed (else the label is file-wide).
    ``columns``: which columns it can target per entity (None: it targets no column).
    ``injector``: the module of this package that applies it.
    """

    name: str
    phase: str
    injector: str
    counted: bool
    row_level: bool
    does: str
    columns: ColumnRule | None = None


def _key(entity: Entity) -> list[str]:
    return [entity.key[0]]


def _pirl_columns(entity: Entity, default: str) -> list[str]:
    """An entity's readiness-checked PIRL columns, ``default`` first when it has it."""
    names = [c.name for c in entity.columns if c.checked_by is CheckedBy.READINESS]
    return sorted(names, key=lambda name: name != default)


def _only(entity: Entity, column: str) -> ColumnRule:
    return lambda e: [column] if e is entity else []


def _kind(
    name: str,
    phase: str,
    injector: str,
    *,
    counted: bool,
    rows: bool,
    does: str,
    columns: ColumnRule | None = None,
) -> tuple[str, DefectKind]:
    return name, DefectKind(name, phase, injector, counted, rows, does, columns)


# Declared in the order ``DefectSpec`` lists them in its error message.
# fmt: off
DEFECTS: dict[str, DefectKind] = dict(
    [
        _kind("null_key", EDIT, "edits", counted=True, rows=True, columns=_key,
              does="blanks the key"),
        _kind("entry_before_service", EDIT, "edits", counted=True, rows=True,
              columns=lambda e: [stamp for stamp, _ in e.not_before][:1],
              does="moves an entry stamp to the day before the date it must not precede"),
        _kind("service_after_extract", EDIT, "edits", counted=True, rows=True,
              columns=lambda e: list(e.not_after_extract[:1]),
              does="dates a row 1-30 days after the extract date"),
        _kind("unknown_code", EDIT, "edits", counted=True, rows=True,
              columns=lambda e: [c.name for c in e.columns if c.codes][-1:],
              does="writes ZZZ into the last coded column"),
        _kind("bad_date", EDIT, "edits", counted=True, rows=True,
              columns=lambda e: [c.name for c in e.columns if c.type == "date" and c.required][:1],
              does="writes month 13, day 45 into the first required date"),
        _kind("ssn_in_comment", EDIT, "edits", counted=True, rows=True,
              columns=lambda e: [c.name for c in e.columns if c.name == "comments"],
              does="types a 9xx SSN into the comments"),
        # Readiness findings: loaded as delivered, reported by the readiness marts. The
        # first listed column is the default; ``:table.column`` picks another.
        _kind("missing_pirl_value", EDIT, "edits", counted=True, rows=True,
              columns=lambda e: _pirl_columns(e, "school_status"),
              does="blanks a PIRL fact that held a good value"),
        _kind("invalid_pirl_value", EDIT, "edits", counted=True, rows=True,
              columns=lambda e: _pirl_columns(e, "sex"),
              does="types a PIRL fact wrong: a US-style date or a code off the list"),
        _kind("exit_before_entry", EDIT, "edits", counted=True, rows=True,
              columns=lambda e: [c for c in ("exit_date",) if c in e.column_names],
              does="dates an exit 1-30 days before its entry"),
        _kind("orphan_enrollment", EDIT, "edits", counted=True, rows=True,
              columns=_only(PROGRAM_ENROLLMENTS, "participant_id"),
              does="points an enrollment at a participant id never handed out"),
        _kind("outcome_before_appointment", EDIT, "edits", counted=True, rows=True,
              columns=lambda e: [stamp for stamp, *_ in e.not_before_when][:1],
              does="records an outcome the day before its appointment"),
        _kind("appointment_before_selection", EDIT, "edits", counted=True, rows=True,
              columns=_only(APPOINTMENTS, "appointment_date"),
              does="moves an appointment and its scheduling day a year back"),
        # Fault catalogue: a year-1900 date, quarantined at ingest (docs/fault-catalogue.md).
        _kind("ancient_date", EDIT, "edits", counted=True, rows=True,
              columns=lambda e: sorted(
                  (c.name for c in e.columns if c.type == "date" and c.name not in e.key),
                  key=lambda name: name != "date_of_birth",
              ),
              does="writes 1900-01-01 into a date (date of birth by default)"),
        _kind("duplicate_key", APPEND, "edits", counted=True, rows=True, columns=_key,
              does="appends copies of a row"),
        _kind("missing_column", DROP_COLUMN, "edits", counted=False, rows=False,
              columns=lambda e: [
                  c.name for c in e.columns if c.required and c.name not in e.key
              ][-1:],
              does="writes the file without its last required non-key column"),
        _kind("missing_control_file", NO_CONTROL_FILE, "drops", counted=False, rows=False,
              does="writes no control file"),
        _kind("bad_checksum", POST_CONTROL, "edits", counted=False, rows=True,
              does="changes one digit after the control file took the SHA-256"),
        _kind("row_count_mismatch", POST_CONTROL, "edits", counted=True, rows=True,
              columns=_key, does="deletes the last rows after the control file counted them"),
        # Defects of the simulated world rather than of one file.
        _kind("attended_without_service", WORLD, "services", counted=True, rows=True,
              columns=_only(APPOINTMENTS, "appointment_id"),
              does="keeps an attended appointment's RESEA services out of every night"),
        # TA 17-7 access (access.py).
        _kind("lapsed_individual_agreement", WORLD, "access", counted=True, rows=True,
              columns=_only(ACCESS_AGREEMENTS, "end_date"),
              does="ends, that night, the agreement of a user who records entries"),
        _kind("wrong_agreement_type", WORLD, "access", counted=True, rows=True,
              columns=_only(ACCESS_AGREEMENTS, "agreement_kind"),
              does="gives a partner the other partner type's OSOS agreement"),
        _kind("reos_entry_osos_only_user", WORLD, "access", counted=True, rows=True,
              columns=_only(APPOINTMENTS, "status_staff_id"),
              does="has a REOS status recorded by an OSOS-only account"),
        _kind("conflicting_key", APPEND, "edits", counted=True, rows=True, columns=_key,
              does="appends copies of a row whose last column differs"),
        # Bytes of a written file (drop_damage.py).
        _kind("non_utf8", FILE, "drop_damage", counted=False, rows=True,
              does="adds a Windows-1252 byte 0xE9 to the first data row"),
        _kind("bom", FILE, "drop_damage", counted=False, rows=True,
              does="starts the file with a UTF-8 byte-order mark"),
        _kind("truncated_last_line", FILE, "drop_damage", counted=False, rows=True,
              does="cuts the last line in half"),
        _kind("empty_file", FILE, "drop_damage", counted=False, rows=False,
              does="leaves the file with zero bytes"),
        _kind("header_only", FILE, "drop_damage", counted=False, rows=False,
              does="keeps the header only"),
        _kind("wrong_delimiter", FILE, "drop_damage", counted=False, rows=False,
              does="separates fields with semicolons"),
        _kind("extra_column", FILE, "drop_damage", counted=False, rows=False,
              does="adds a column legacy_flag"),
        _kind("renamed_column", FILE, "drop_damage", counted=False, rows=False,
              does="upper-cases the last column's name"),
        _kind("reordered_columns", FILE, "drop_damage", counted=False, rows=False,
              does="moves the last column two places left"),
        _kind("missing_file", FILE, "drop_damage", counted=False, rows=False,
              does="deletes the file"),
        _kind("wrong_date_control", CONTROL, "drop_damage", counted=False, rows=False,
              does="makes the control file name the day before"),
    ]
)
# fmt: on


def kinds(
    *, phase: str | None = None, injector: str | None = None, counted: bool | None = None
) -> tuple[str, ...]:
    """The names of the kinds that match every given field, in declaration order."""
    return tuple(
        d.name
        for d in DEFECTS.values()
        if (phase is None or d.phase == phase)
        and (injector is None or d.injector == injector)
        and (counted is None or d.counted == counted)
    )


DEFECT_KINDS = tuple(DEFECTS)
EDIT_KINDS = kinds(phase=EDIT)
WORLD_KINDS = kinds(phase=WORLD)
POST_CONTROL_KINDS = kinds(phase=POST_CONTROL)
FILE_KINDS = kinds(phase=FILE)
CONTROL_KINDS = kinds(phase=CONTROL)
ACCESS_KINDS = kinds(injector="access")
COUNTED_KINDS = kinds(counted=True)
#: Which columns each column-targeting kind can break, per entity.
COLUMN_RULES: dict[str, ColumnRule] = {
    d.name: d.columns for d in DEFECTS.values() if d.columns is not None
}


def phase(kind: str) -> str:
    """When in a night ``kind`` is applied (one of PHASES)."""
    return DEFECTS[kind].phase


def target_column(kind: str, entity: Entity, column: str | None = None) -> str:
    """The column a defect kind targets in an entity; ValueError if the kind cannot apply."""
    columns = COLUMN_RULES[kind](entity)
    if not columns:
        raise ValueError(f"{kind} cannot be injected into {entity.table}: no suitable column")
    if column is None:
        return columns[0]
    if column not in columns:
        raise ValueError(
            f"{kind} cannot target {entity.table}.{column}; it can target: {', '.join(columns)}"
        )
    return column


_SPEC_PATTERN = re.compile(
    r"(?P<kind>[a-z0-9_]+)@(?P<night>[0-9-]+)"
    r"(?::(?P<entity>[a-z_]+)(?:\.(?P<column>[a-z_]+))?)?(?:\s*x(?P<count>\d+))?"
)
_SPEC_FORMAT = (
    "KIND@YYYY-MM-DD[:TABLE[.COLUMN]][xN], e.g. 'null_key@2026-10-12:osos__services x3' "
    "or 'invalid_pirl_value@2026-10-12:osos__participants.education_level x2'"
)


@dataclass(frozen=True)
class DefectSpec:
    """One labelled defect to inject: what, into which night's file, how many rows."""

    kind: str
    night: date
    entity: str = SERVICES.table
    count: int = 1
    column: str | None = None  # for kinds that can target several columns

    def __post_init__(self) -> None:
        # Fail when the spec is written, not halfway through writing drops.
        if self.kind not in DEFECTS:
            raise ValueError(f"unknown defect kind {self.kind!r}; known: {', '.join(DEFECT_KINDS)}")
        try:
            target = contract_entity(self.entity)
        except KeyError:
            tables = ", ".join(e.table for e in ENTITIES)
            raise ValueError(f"unknown table {self.entity!r}; known: {tables}") from None
        if self.count < 1:
            raise ValueError(f"defect count must be at least 1, not {self.count}")
        if self.count != 1 and not DEFECTS[self.kind].counted:
            raise ValueError(f"{self.kind} affects a whole file; it takes no count (x{self.count})")
        if self.kind in COLUMN_RULES:
            target_column(self.kind, target, self.column)
        elif self.column is not None:
            raise ValueError(f"{self.kind} takes no column (.{self.column})")

    @classmethod
    def parse(cls, text: str) -> DefectSpec:
        """Read ``kind@YYYY-MM-DD[:table][xN]``, the form used on the command line."""
        match = _SPEC_PATTERN.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"defect {text!r} is not {_SPEC_FORMAT}")
        try:
            night = date.fromisoformat(match["night"])
        except ValueError:
            raise ValueError(
                f"defect {text!r}: {match['night']!r} is not a date YYYY-MM-DD"
            ) from None
        return cls(
            kind=match["kind"],
            night=night,
            entity=match["entity"] or SERVICES.table,
            count=int(match["count"] or 1),
            column=match["column"],
        )


def label(spec: DefectSpec, file_name: str, effect: dict) -> dict:
    """A defect's label (the shape in this module's docstring): the spec, where, and
    ``effect``, the fields the injector filled in (column, rows, values, original…)."""
    night = spec.night.isoformat()
    base = {
        "kind": spec.kind,
        "night": night,
        "entity": spec.entity,
        "file": file_name,
        "path": f"{night}/{file_name}",
        "column": None,
        "rows": [],
        "values": [],
        "original": [],
    }
    return base | effect
