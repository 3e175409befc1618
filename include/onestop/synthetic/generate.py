"""Synthetic nightly OSOS/REOS drops in New York shape, with labelled defects.

Why synthetic: participant-level OSOS and REOS data may not leave NYSDOL, yet
the pipeline, its gate and its marts need nights that look like the real
thing: about 90 offices over the 33 LWDAs, services entered mostly the same
day but with a long tail of late entries, weekends and holidays nearly empty,
RESEA claimants moving through appointments. Every value is invented: SSNs
start with 9 (an area the SSA never issues) and names come from frequency
lists (``synthetic_people``).

How: the participant population, the REOS claimants with their appointment
histories and the RESEA services they lead to are simulated once up front
(population-sized). Everything else is drawn night by night from a random
stream seeded by ``(seed, purpose, night)``, so a night's content does not
depend on how many defects other nights carry, and the same arguments always
write the same bytes. Services are generated backwards from the night they
are entered: draw an entry lag in business days, then place the service date
that many business days earlier.

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
date column (date of birth by default); the file-level kinds of ``drop_faults``
(``non_utf8``, ``bom``, ``truncated_last_line``, ``empty_file``, ``header_only``,
``wrong_delimiter``, ``extra_column``, ``renamed_column``, ``reordered_columns``,
``missing_file``) damage a written file before the control file vouches for it, and
``wrong_date_control`` makes the control file name the day before.
"""

from __future__ import annotations

import csv
import json
import math
import random
import re
import sys
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from onestop.calendar import BusinessCalendar
from onestop.contract import (
    ACCESS_AGREEMENTS,
    APPOINTMENT_OUTCOME_STATUSES,
    APPOINTMENTS,
    CLAIMANTS,
    ENTITIES,
    LWDAS,
    OFFICES,
    PARTICIPANTS,
    PARTNER_ORGANIZATIONS,
    PROGRAM_ENROLLMENTS,
    SERVICE_TYPES,
    SERVICES,
    STAFF_USERS,
    CheckedBy,
    Column,
    Entity,
    control_file_name,
)
from onestop.contract import entity as contract_entity
from onestop.contract.control_file import write_control_file
from onestop.settings import load_settings
from onestop.synthetic import access
from onestop.synthetic import people as words
from onestop.synthetic.drop_damage import (
    CONTROL_KINDS,
    FILE_KINDS,
    damage_control_file,
    damage_file,
)

NEW_YORK = ZoneInfo("America/New_York")
FIRST_DATA_LINE = 2  # line 1 is the header

MAX_LAG = 60  # business days between delivery and entry, at the very worst
CASELOAD_DAYS = 90  # services go to people registered within the last 90 days
CASELOAD_TRIES = 50

CLOSED_DAY_SHARE = 0.03  # volume entered on weekends and holidays
SATURDAY_EVENT_SHARE = 0.01  # services delivered at Saturday hiring events
FIRST_DAY_SHARE = 0.25  # services delivered on the participant's registration day
REGISTRATIONS_PER_SERVICE = 0.22
CLAIMANTS_PER_SERVICE = 0.03
CORRECTION_SHARE = 0.01
COMMENT_SHARE = 0.15
# Comments in which staff also typed the participant's SSN (unlabelled background; the
# ssn_in_comment defect labels its own).
TYPED_SSN_SHARE = 0.002
SSN_WITHHELD_SHARE = 0.05
VETERAN_SHARE = 0.05
CLOSED_AFFILIATE_SHARE = 0.05
INACTIVE_STAFF_SHARE = 0.08
MAX_INITIAL_APPOINTMENTS = 3
WEEKDAY_VOLUME = (1.10, 1.05, 1.00, 0.98, 0.87)  # Monday is busiest, Friday quietest
WORKDAY_SECONDS = 10 * 3600  # entries fall between 08:00 and 18:00 local time

AGE_BANDS = ((16, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74))
AGE_WEIGHTS = (15, 24, 22, 20, 15, 4)
SEX_CODES = ("1", "2", "9")
SEX_WEIGHTS = (48, 49, 3)
SELECTION_REASONS = ("RESEA_PROFILING", "UCX", "OTHER")
SELECTION_WEIGHTS = (85, 10, 5)
INITIAL_OUTCOMES = ("ATTENDED", "FAILED_TO_REPORT", "RESCHEDULED", "EXCUSED")
INITIAL_WEIGHTS = (78, 12, 6, 4)
SUBSEQUENT_OUTCOMES = ("ATTENDED", "FAILED_TO_REPORT", "EXCUSED")
SUBSEQUENT_WEIGHTS = (85, 10, 5)
# Attended appointments whose RESEA services nobody ever enters in OSOS (unlabelled:
# the everyday gap reconciliation exists to find).
RESEA_UNRECORDED_SHARE = 0.03

# PIRL facts at program entry: how often a fact is left blank or typed wrong by default.
PIRL_MISSING_RATE = 0.01
PIRL_INVALID_RATE = 0.003
DISABILITY_WEIGHTS = {"1": 8, "0": 86, "9": 6}
HISPANIC_WEIGHTS = {"1": 19, "0": 77, "9": 4}
# Share of people who report each race (several may apply), New York-like.
RACE_SHARES = {
    "race_american_indian": 0.01,
    "race_asian": 0.09,
    "race_black": 0.21,
    "race_pacific_islander": 0.005,
    "race_white": 0.56,
}
RACE_UNDISCLOSED_SHARE = 0.05
EMPLOYMENT_WEIGHTS = {"0": 64, "1": 20, "2": 5, "3": 11}
UC_WEIGHTS = {"2": 14, "3": 4, "0": 82}  # claimants selected by REOS are code 1
EDUCATION_WEIGHTS = {"0": 11, "1": 31, "2": 6, "3": 1, "4": 15, "5": 6, "6": 10, "7": 15, "8": 5}
LOW_INCOME_SHARE = 0.3

SERVICE_BY_CODE = {s.code: s for s in SERVICE_TYPES}
# How often each kind of service is recorded, relative to the others.
CATEGORY_WEIGHTS = {
    "information_only": 1.0,
    "self_service": 0.6,
    "staff_assisted": 3.0,
    "individualized": 1.5,
    "training": 0.3,
    "follow_up": 0.8,
    "supportive": 0.3,
}
RARE_CODES = {"365": 0.05}  # disaster relief happens, but seldom
FIRST_DAY_CODES = (("100", "101", "104"), (5, 3, 2))
RESEA_CODES = {"INITIAL": ("120", "121"), "SUBSEQUENT": ("122",)}
PROGRAM_WEIGHTS = {
    "WAGNER_PEYSER": 1.0,
    "WIOA_ADULT": 2.5,
    "WIOA_DW": 2.5,
    "WIOA_YOUTH": 2.5,
    "TAA": 2.0,
    "JVSG": 2.0,
}
ROLE_PREFERENCE = {
    "JVSG": ("DVOP",),
    "individualized": ("COUNSELOR", "SUPERVISOR"),
    "training": ("COUNSELOR", "SUPERVISOR"),
    "supportive": ("COUNSELOR", "SUPERVISOR"),
}
GENERAL_ROLES = ("CSR", "COUNSELOR", "CLERICAL")
RESEA_ROLES = ("COUNSELOR", "CSR")

# Defect kinds: edits of values in place, and damage done after the control file.
EDIT_KINDS = (
    "null_key",
    "entry_before_service",
    "service_after_extract",
    "unknown_code",
    "bad_date",
    "ssn_in_comment",
    # Readiness findings: loaded as delivered, reported by the readiness marts.
    "missing_pirl_value",
    "invalid_pirl_value",
    "exit_before_entry",
    "orphan_enrollment",
    "outcome_before_appointment",
    "appointment_before_selection",
    # Fault catalogue: a year-1900 date, quarantined at ingest (docs/fault-catalogue.md).
    "ancient_date",
)
# Defects of the simulated world rather than of one file: applied before any drop is written.
WORLD_KINDS = ("attended_without_service", *access.ACCESS_KINDS)
POST_CONTROL_KINDS = ("bad_checksum", "row_count_mismatch")
DEFECT_KINDS = (
    *EDIT_KINDS,
    "duplicate_key",
    "missing_column",
    "missing_control_file",
    *POST_CONTROL_KINDS,
    *WORLD_KINDS,
    "conflicting_key",
    *FILE_KINDS,
    *CONTROL_KINDS,
)
COUNTED_KINDS = (
    *EDIT_KINDS,
    *WORLD_KINDS,
    "duplicate_key",
    "conflicting_key",
    "row_count_mismatch",
)
# Which column each column-targeting defect kind breaks, per entity.
COLUMN_RULES: dict[str, Callable[[Entity], list[str]]] = {
    "null_key": lambda e: [e.key[0]],
    "duplicate_key": lambda e: [e.key[0]],
    "conflicting_key": lambda e: [e.key[0]],
    "ancient_date": lambda e: sorted(
        (c.name for c in e.columns if c.type == "date" and c.name not in e.key),
        key=lambda name: name != "date_of_birth",
    ),
    "row_count_mismatch": lambda e: [e.key[0]],
    "missing_column": lambda e: [c.name for c in e.columns if c.required and c.name not in e.key][
        -1:
    ],
    "entry_before_service": lambda e: [stamp for stamp, _ in e.not_before][:1],
    "service_after_extract": lambda e: list(e.not_after_extract[:1]),
    "unknown_code": lambda e: [c.name for c in e.columns if c.codes][-1:],
    "bad_date": lambda e: [c.name for c in e.columns if c.type == "date" and c.required][:1],
    "ssn_in_comment": lambda e: [c.name for c in e.columns if c.name == "comments"],
    # The first listed column is the default; ``:table.column`` picks another.
    "missing_pirl_value": lambda e: _pirl_columns(e, "school_status"),
    "invalid_pirl_value": lambda e: _pirl_columns(e, "sex"),
    "exit_before_entry": lambda e: [c for c in ("exit_date",) if c in e.column_names],
    "orphan_enrollment": lambda e: ["participant_id"] if e is PROGRAM_ENROLLMENTS else [],
    "outcome_before_appointment": lambda e: [stamp for stamp, *_ in e.not_before_when][:1],
    "appointment_before_selection": lambda e: ["appointment_date"] if e is APPOINTMENTS else [],
    "attended_without_service": lambda e: ["appointment_id"] if e is APPOINTMENTS else [],
    "lapsed_individual_agreement": lambda e: ["end_date"] if e is ACCESS_AGREEMENTS else [],
    "wrong_agreement_type": lambda e: ["agreement_kind"] if e is ACCESS_AGREEMENTS else [],
    "reos_entry_osos_only_user": lambda e: ["status_staff_id"] if e is APPOINTMENTS else [],
}
# How far appointment_before_selection moves an appointment back: further than any
# claimant's RESEA history reaches, so it lands before the claimant's selection.
BEFORE_SELECTION_SHIFT = timedelta(days=365)


def _pirl_columns(entity: Entity, default: str) -> list[str]:
    """An entity's readiness-checked PIRL columns, ``default`` first when it has it."""
    names = [c.name for c in entity.columns if c.checked_by is CheckedBy.READINESS]
    return sorted(names, key=lambda name: name != default)


_SPEC_PATTERN = re.compile(
    r"(?P<kind>[a-z0-9_]+)@(?P<night>[0-9-]+)"
    r"(?::(?P<entity>[a-z_]+)(?:\.(?P<column>[a-z_]+))?)?(?:\s*x(?P<count>\d+))?"
)
_SPEC_FORMAT = (
    "KIND@YYYY-MM-DD[:TABLE[.COLUMN]][xN], e.g. 'null_key@2026-10-12:osos__services x3' "
    "or 'invalid_pirl_value@2026-10-12:osos__participants.education_level x2'"
)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


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
        if self.kind not in DEFECT_KINDS:
            raise ValueError(f"unknown defect kind {self.kind!r}; known: {', '.join(DEFECT_KINDS)}")
        try:
            target = contract_entity(self.entity)
        except KeyError:
            tables = ", ".join(e.table for e in ENTITIES)
            raise ValueError(f"unknown table {self.entity!r}; known: {tables}") from None
        if self.count < 1:
            raise ValueError(f"defect count must be at least 1, not {self.count}")
        if self.count != 1 and self.kind not in COUNTED_KINDS:
            raise ValueError(f"{self.kind} affects a whole file; it takes no count (x{self.count})")
        if self.kind in COLUMN_RULES:
            _target_column(self.kind, target, self.column)
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


@dataclass
class GenerationReport:
    """What a run wrote: the nights, rows per table, and one label per injected defect."""

    nights: list[date]
    rows: dict[str, int]
    defects: list[dict]


def generate(
    landing_dir: Path,
    *,
    start: date,
    nights: int,
    seed: int = 20261124,
    services_per_night: int = 400,
    defects: Sequence[DefectSpec] = (),
    calendar: BusinessCalendar | None = None,
    progress: bool = False,
    labels_path: Path | None = None,
    pirl_missing_rate: float = PIRL_MISSING_RATE,
    pirl_invalid_rate: float = PIRL_INVALID_RATE,
) -> GenerationReport:
    """Write one drop per extract date ``start`` … ``start + nights - 1`` under ``landing_dir``.

    The calendar defaults to the configured office closures, so generated lags
    agree with the business days the warehouse counts. ``pirl_missing_rate`` and
    ``pirl_invalid_rate`` are the shares of each participant PIRL fact left blank or
    written wrong (unlabelled background noise, as in real case files; use the
    ``missing_pirl_value`` and ``invalid_pirl_value`` defects for labelled ones).
    """
    if nights < 1:
        raise ValueError(f"nights must be at least 1, not {nights}")
    for name, rate in (
        ("pirl_missing_rate", pirl_missing_rate),
        ("pirl_invalid_rate", pirl_invalid_rate),
    ):
        if not 0 <= rate <= 1:
            raise ValueError(f"{name} must be between 0 and 1, not {rate}")
    if pirl_missing_rate + pirl_invalid_rate > 1:
        raise ValueError("pirl_missing_rate + pirl_invalid_rate must not exceed 1")
    extract_dates = [start + timedelta(days=i) for i in range(nights)]
    _check_defect_nights(defects, extract_dates)
    world = _World(
        start,
        extract_dates[-1],
        seed,
        services_per_night,
        calendar or load_settings().office_calendar(),
        pirl_missing_rate,
        pirl_invalid_rate,
    )
    # World defects pick from the histories simulated up to their night; after them the
    # world advances night by night and forgets what no later night can need, so memory
    # follows the caseload span, not the length of the history.
    world_defects = [(i, spec) for i, spec in enumerate(defects) if spec.kind in WORLD_KINDS]
    world.populate(through=max((spec.night for _, spec in world_defects), default=start))
    labels = [world.apply_world_defect(spec, index) for index, spec in world_defects]
    world.appointment_services.clear()
    world.keep_appointment_services = False
    totals = {e.table: 0 for e in ENTITIES}
    with _progress(extract_dates, progress) as shown:
        for night in shown:
            world.populate(through=night)
            night_defects = [d for d in defects if d.night == night]
            _write_drop(world, landing_dir, night, night_defects, labels, totals)
            world.forget_through(night)
    if labels_path is not None:
        labels_path.parent.mkdir(parents=True, exist_ok=True)
        labels_path.write_text(json.dumps(labels, indent=2) + "\n", encoding="utf-8")
    return GenerationReport(nights=extract_dates, rows=totals, defects=labels)


def _check_defect_nights(defects: Sequence[DefectSpec], extract_dates: list[date]) -> None:
    """A defect for a night outside the run would silently do nothing: refuse it."""
    for spec in defects:
        if not extract_dates[0] <= spec.night <= extract_dates[-1]:
            raise ValueError(
                f"defect {spec.kind}@{spec.night} is outside the generated nights "
                f"{extract_dates[0]} to {extract_dates[-1]}"
            )


def _progress(items: list[date], enabled: bool) -> AbstractContextManager[Iterable[date]]:
    """A progress bar on stderr (stdout stays clean for the caller's summary)."""
    if not enabled:
        return nullcontext(items)
    return click.progressbar(
        items,
        label="Writing nightly drops",
        file=sys.stderr,
        show_pos=True,
        item_show_func=lambda night: night.isoformat() if night else None,
    )


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _rng(seed: int, *parts: object) -> random.Random:
    """An independent stream per purpose (string seeds hash with SHA-512, not hash())."""
    return random.Random(":".join([str(seed), *map(str, parts)]))


def _noisy_count(rng: random.Random, mean: float) -> int:
    """A Poisson-like count: daily volumes wobble around their mean."""
    return max(0, round(rng.gauss(mean, math.sqrt(mean))))


def _timestamp(day: date, rng: random.Random) -> str:
    """A moment in office hours, with the offset New York had that day (EST or EDT)."""
    start = datetime.combine(day, time(8), tzinfo=NEW_YORK)
    return (start + timedelta(seconds=rng.randrange(WORKDAY_SECONDS))).isoformat()


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _draw_lag(rng: random.Random) -> int:
    """Entry lag in business days: half same day, a fifth next day, a thin tail to 60."""
    u = rng.random()
    if u < 0.50:
        return 0
    if u < 0.72:
        return 1
    if u < 0.90:
        return rng.randint(2, 5)
    if u < 0.98:
        return int(rng.triangular(6, 31, 6))
    return rng.randint(31, MAX_LAG)


def _draw_scheduling_lag(rng: random.Random) -> int:
    """Business days from first payment to the initial RESEA: most within two weeks."""
    return rng.randint(4, 10) if rng.random() < 0.85 else rng.randint(11, 20)


def _draw_outcome_lag(rng: random.Random) -> int:
    """Business days from an appointment to the recording of its outcome: a short tail."""
    u = rng.random()
    if u < 0.70:
        return 0
    if u < 0.85:
        return 1
    if u < 0.95:
        return rng.randint(2, 5)
    return rng.randint(6, 15)


def _code_table() -> dict[str, tuple[tuple[str, ...], tuple[float, ...]]]:
    """Service codes and their weights per program (RESEA codes come from appointments)."""
    table: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {}
    for program in PROGRAM_WEIGHTS:
        types = [s for s in SERVICE_TYPES if program in s.programs]
        table[program] = (
            tuple(s.code for s in types),
            tuple(RARE_CODES.get(s.code, CATEGORY_WEIGHTS[s.category]) for s in types),
        )
    return table


CODES_BY_PROGRAM = _code_table()


def _row(entity: Entity, values: dict[str, str]) -> list[str]:
    """Values in the contract's column order, so a reordered contract cannot misplace them."""
    return [values[name] for name in entity.column_names]


# ---------------------------------------------------------------------------
# The simulated world
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Office:
    office_id: str
    name: str
    lwda_code: str
    office_type: str
    opened: date
    closed: date | None

    def row(self) -> list[str]:
        return _row(
            OFFICES,
            {
                "office_id": self.office_id,
                "office_name": self.name,
                "lwda_code": self.lwda_code,
                "lwda_name": LWDAS[self.lwda_code],
                "office_type": self.office_type,
                "opened_date": self.opened.isoformat(),
                "closed_date": self.closed.isoformat() if self.closed else "",
            },
        )


@dataclass(frozen=True, slots=True)
class _Staff:
    staff_id: str
    office_id: str
    role: str
    active_from: date
    active_to: date | None
    organization_id: str = ""  # the employer (generate_access.assign_employers)
    systems: str = "OSOS"

    def row(self) -> list[str]:
        return _row(
            STAFF_USERS,
            {
                "staff_id": self.staff_id,
                "office_id": self.office_id,
                "staff_role": self.role,
                "active_from": self.active_from.isoformat(),
                "active_to": self.active_to.isoformat() if self.active_to else "",
                "organization_id": self.organization_id,
                "systems": self.systems,
            },
        )


@dataclass(slots=True)
class _Enrollment:
    enrollment_id: str
    participant_id: str
    program: str
    entry_date: date
    office_id: str
    created_at: str
    exit_date: date | None = None
    exit_recorded_at: str = ""

    def row(self, night: date) -> list[str]:
        """The record as OSOS held it on ``night``: the exit shows once it was recorded."""
        exited = self.exit_date is not None and self.exit_date <= night
        return _row(
            PROGRAM_ENROLLMENTS,
            {
                "enrollment_id": self.enrollment_id,
                "participant_id": self.participant_id,
                "program_code": self.program,
                "entry_date": self.entry_date.isoformat(),
                "exit_date": self.exit_date.isoformat() if exited and self.exit_date else "",
                "office_id": self.office_id,
                "updated_at": self.exit_recorded_at if exited else self.created_at,
            },
        )


@dataclass(slots=True)
class _Person:
    participant_id: str
    ssn: str
    first_name: str
    last_name: str
    date_of_birth: date
    sex: str
    registration_date: date
    registered_at: str
    office: _Office
    active_until: date  # last day staff still serve them (their caseload span)
    enrollments: dict[str, _Enrollment] = field(default_factory=dict)
    reos_activity: bool = False  # REOS rows or RESEA services from the first night on
    # PIRL facts at program entry as delivered (date_of_birth and sex included), by column
    pirl: dict[str, str] = field(default_factory=dict)

    def row(self) -> list[str]:
        return _row(
            PARTICIPANTS,
            {
                "participant_id": self.participant_id,
                "ssn": self.ssn,
                "first_name": self.first_name,
                "last_name": self.last_name,
                **self.pirl,
                "registration_date": self.registration_date.isoformat(),
                "home_office_id": self.office.office_id,
                "updated_at": self.registered_at,
            },
        )


@dataclass(slots=True)
class _Claimant:
    claimant_id: str
    person: _Person
    claim_effective_date: date
    first_payment_date: date
    selection_date: date
    reason: str
    office: _Office
    reos_activity: bool = False  # appointment rows from the first night on

    def row(self) -> list[str]:
        return _row(
            CLAIMANTS,
            {
                "claimant_id": self.claimant_id,
                "osos_participant_id": self.person.participant_id,
                "claim_effective_date": self.claim_effective_date.isoformat(),
                "first_payment_date": self.first_payment_date.isoformat(),
                "selection_date": self.selection_date.isoformat(),
                "selection_reason": self.reason,
                "office_id": self.office.office_id,
            },
        )


@dataclass(frozen=True, slots=True)
class _ServiceDraft:
    """A service before its id: ids follow entry order within the night, as a sequence would."""

    participant_id: str
    enrollment_id: str
    program: str
    code: str
    service_date: date
    entered_at: str
    staff_id: str
    office_id: str
    comments: str

    def row(self, service_id: str) -> list[str]:
        return _row(
            SERVICES,
            {
                "service_id": service_id,
                "participant_id": self.participant_id,
                "enrollment_id": self.enrollment_id,
                "program_code": self.program,
                "service_code": self.code,
                "service_name": SERVICE_BY_CODE[self.code].name,
                "service_date": self.service_date.isoformat(),
                "entered_at": self.entered_at,
                "staff_id": self.staff_id,
                "office_id": self.office_id,
                "comments": self.comments,
            },
        )


@dataclass(frozen=True, slots=True)
class _Plan:
    """Who a general (non-RESEA) service went to, and when it was delivered."""

    service_date: date
    person: _Person
    first_day: bool


class _Ids:
    """Sequential ids per prefix, as OSOS and REOS sequences hand them out."""

    BASES = {
        "C": 310_000_000,
        "E": 520_000_000,
        "R": 700_000_000,
        "A": 810_000_000,
        "S": 100_000_000,
    }

    def __init__(self) -> None:
        self._next = dict(self.BASES)

    def next(self, prefix: str) -> str:
        value = self._next[prefix]
        self._next[prefix] = value + 1
        return f"{prefix}{value:09d}"


class _World:
    """Offices, staff, participants and REOS histories, and the rows they yield per night."""

    def __init__(
        self,
        start: date,
        end: date,
        seed: int,
        services_per_night: int,
        calendar: BusinessCalendar,
        pirl_missing_rate: float = PIRL_MISSING_RATE,
        pirl_invalid_rate: float = PIRL_INVALID_RATE,
    ) -> None:
        self.start, self.end, self.seed = start, end, seed
        self.volume = services_per_night
        # PIRL facts come from their own sequential stream, drawn in registration order,
        # so they leave every other stream (and so every other column) as it was.
        self.pirl_rng = _rng(seed, "pirl")
        self.pirl_missing_rate, self.pirl_invalid_rate = pirl_missing_rate, pirl_invalid_rate
        self.calendar = calendar
        # The earliest service date a window entry can carry; the population
        # starts a caseload span before it, so the first nights find people.
        self.reach = calendar.shift_business_days(start, -MAX_LAG)
        self.ids = _Ids()
        self.offices = _build_offices(_rng(seed, "offices"), start)
        self.staff = _build_staff(self.offices, _rng(seed, "staff"), start)
        # TA 17-7 access: employers, systems and agreements, from their own streams.
        self.organizations = access.build_organizations()
        self.staff = access.assign_employers(
            self.staff,
            {o.office_id: o for o in self.offices},
            self.organizations,
            _rng(seed, "organizations"),
        )
        self.agreements = access.AgreementBook(
            self.staff, self.organizations, _rng(seed, "agreements"), end
        )
        self.active_staff: dict[str, list[_Staff]] = defaultdict(list)
        for member in self.staff:
            if member.active_to is None:
                self.active_staff[member.office_id].append(member)
        self.open_offices = [o for o in self.offices if o.closed is None]
        self.office_weights = list(
            _cumulative(len(self.active_staff[o.office_id]) for o in self.open_offices)
        )
        self.lwda_offices: dict[str, list[_Office]] = defaultdict(list)
        for office in self.open_offices:
            self.lwda_offices[office.lwda_code].append(office)
        self.people: list[_Person] = []
        # SSN by participant id for comments that quote it: kept for every participant
        # (a few dozen bytes each), since forget_through drops the people themselves
        self.ssn_by_participant: dict[str, str] = {}
        self.registration_dates: list[date] = []
        self.claimants: list[_Claimant] = []
        self.selection_dates: list[date] = []
        self.appointment_rows: dict[date, list[list[str]]] = defaultdict(list)
        self.resea_services: dict[date, list[_ServiceDraft]] = defaultdict(list)
        # appointment id -> (entry night, draft) of the RESEA services recorded for it; kept
        # only until the attended_without_service defects are drawn
        self.appointment_services: dict[str, list[tuple[date, _ServiceDraft]]] = {}
        self.keep_appointment_services = True
        # RESEA services an attended_without_service defect keeps out of the drops; the
        # night's other services stay as they were
        self.unrecorded: set[_ServiceDraft] = set()
        self.exits: dict[date, list[_Enrollment]] = defaultdict(list)
        self.corrections: dict[date, list[list[str]]] = defaultdict(list)
        # The population stream and the first day it has not simulated yet.
        self.population_rng = _rng(seed, "population")
        self.population_day = self.reach - timedelta(days=CASELOAD_DAYS)

    def in_window(self, day: date) -> bool:
        return self.start <= day <= self.end

    def sent_on_first_night(self, person: _Person) -> bool:
        """Registered before the window, still open on its first night: the first drop carries them.

        Decided from the person alone (not from the services actually drawn), so
        a longer run writes the same first nights as a shorter one.
        """
        return person.active_until >= self.start or person.reos_activity

    def can_serve(self, person: _Person, day: date) -> bool:
        """Open on ``day``; services dated before the window go only to people still
        open when it starts, so everyone a window service names was delivered."""
        return person.active_until >= max(day, self.start)

    # -- population ---------------------------------------------------------

    def populate(self, through: date) -> None:
        """Simulate registrations and REOS selections, day by day, up to ``through``.

        One sequential stream in date order, advanced on demand: a longer run
        simulates the same people and histories first, then more, and simulating
        in steps gives the same world as in one go. A night's rows need the
        population up to that night only: a claimant's whole REOS history and its
        RESEA services are simulated on the day they are selected.
        """
        rng = self.population_rng
        day = self.population_day
        while day <= min(through, self.end):
            for _ in range(self._registrations_on(day, rng)):
                self._register(day, rng)
            if self.calendar.is_business_day(day):
                for _ in range(_noisy_count(rng, self.volume * CLAIMANTS_PER_SERVICE)):
                    self._select_claimant(day, rng)
            day += timedelta(days=1)
        self.population_day = day

    def forget_through(self, night: date) -> None:
        """Drop what no night after ``night`` can use, so a long history fits in memory.

        Later nights serve people registered within a caseload span of their service
        dates, which lie at most MAX_LAG business days (or a Saturday event) before
        the night; claimants and their people are sent on their selection night.
        """
        for rows_by_night in (self.appointment_rows, self.resea_services, self.exits):
            rows_by_night.pop(night, None)
        next_night = night + timedelta(days=1)
        oldest_service = self.calendar.shift_business_days(next_night, -MAX_LAG)
        cutoff = oldest_service - timedelta(days=CASELOAD_DAYS + 7)
        gone = bisect_left(self.registration_dates, cutoff)
        del self.people[:gone], self.registration_dates[:gone]
        gone = bisect_left(self.selection_dates, next_night)
        del self.claimants[:gone], self.selection_dates[:gone]

    def _registrations_on(self, day: date, rng: random.Random) -> int:
        mean = self.volume * REGISTRATIONS_PER_SERVICE
        if self.calendar.is_business_day(day):
            return max(1, _noisy_count(rng, mean))  # every open day has a first-day pool
        return _noisy_count(rng, mean * CLOSED_DAY_SHARE)  # online self-registration

    def _pick_office(self, rng: random.Random) -> _Office:
        """Offices weighted by their active staff: bigger centers see more people."""
        return rng.choices(self.open_offices, cum_weights=self.office_weights)[0]

    def _register(
        self,
        day: date,
        rng: random.Random,
        office: _Office | None = None,
        *,
        claimant: bool = False,
        veteran: bool = False,
    ) -> _Person:
        sex = rng.choices(SEX_CODES, weights=SEX_WEIGHTS)[0]
        firsts = {"1": words.MALE_FIRST_NAMES, "2": words.FEMALE_FIRST_NAMES}.get(
            sex, words.MALE_FIRST_NAMES + words.FEMALE_FIRST_NAMES
        )
        age = rng.randint(*rng.choices(AGE_BANDS, weights=AGE_WEIGHTS)[0])
        ssn = "" if rng.random() < SSN_WITHHELD_SHARE else f"9{rng.randrange(10**8):08d}"
        person = _Person(
            participant_id=self.ids.next("C"),
            ssn=ssn,
            first_name=rng.choice(firsts),
            last_name=rng.choice(words.LAST_NAMES),
            date_of_birth=day - timedelta(days=int(age * 365.25) + rng.randrange(365)),
            sex=sex,
            registration_date=day,
            registered_at=_timestamp(day, rng),
            office=office or self._pick_office(rng),
            active_until=day + timedelta(days=int(CASELOAD_DAYS * rng.random() ** 1.5)),
        )
        veteran = veteran or (age >= 20 and rng.random() < VETERAN_SHARE)
        person.pirl = self._pirl_facts(person, age, veteran, claimant)
        for program in _programs(age, veteran, claimant, rng):
            person.enrollments[program] = _Enrollment(
                self.ids.next("E"),
                person.participant_id,
                program,
                day,
                person.office.office_id,
                person.registered_at,
            )
        self.people.append(person)
        self.ssn_by_participant[person.participant_id] = ssn
        self.registration_dates.append(day)
        return person

    def _pirl_facts(
        self, person: _Person, age: int, veteran: bool, claimant: bool
    ) -> dict[str, str]:
        """The PIRL facts staff record at entry, then blanks and typos at the configured rates."""
        rng = self.pirl_rng
        undisclosed = rng.random() < RACE_UNDISCLOSED_SHARE
        facts = {
            "date_of_birth": person.date_of_birth.isoformat(),
            "sex": person.sex,
            "disability": _weighted(rng, DISABILITY_WEIGHTS),
            "hispanic_latino": _weighted(rng, HISPANIC_WEIGHTS),
            **{
                column: "9" if undisclosed else ("1" if rng.random() < share else "0")
                for column, share in RACE_SHARES.items()
            },
            "veteran_status": "1" if veteran else "0",
            "employment_status": "0" if claimant else _weighted(rng, EMPLOYMENT_WEIGHTS),
            "uc_eligible_status": "1" if claimant else _weighted(rng, UC_WEIGHTS),
            "education_level": "0" if age < 18 else _weighted(rng, EDUCATION_WEIGHTS),
            "school_status": _school_status(age, rng),
            "low_income": "1" if rng.random() < LOW_INCOME_SHARE else "0",
        }
        for column in facts:
            u = rng.random()
            if u < self.pirl_missing_rate:
                facts[column] = ""
            elif u < self.pirl_missing_rate + self.pirl_invalid_rate:
                facts[column] = _invalid_value(_column(PARTICIPANTS, column), facts[column])
        return facts

    # -- REOS ---------------------------------------------------------------

    def _select_claimant(self, selection_date: date, rng: random.Random) -> None:
        """A claimant selected today registers in OSOS today; RESEA then runs its course."""
        reason = rng.choices(SELECTION_REASONS, weights=SELECTION_WEIGHTS)[0]
        first_payment = self.calendar.shift_business_days(selection_date, -rng.randint(0, 3))
        filed = first_payment - timedelta(days=rng.randint(7, 17))
        office = self._pick_office(rng)
        person = self._register(selection_date, rng, office, claimant=True, veteran=reason == "UCX")
        claimant = _Claimant(
            self.ids.next("R"),
            person,
            filed - timedelta(days=filed.weekday()),  # a Monday
            first_payment,
            selection_date,
            reason,
            office,
        )
        self.claimants.append(claimant)
        self.selection_dates.append(selection_date)
        self._run_resea(claimant, rng)

    def _run_resea(self, claimant: _Claimant, rng: random.Random) -> None:
        """Initial appointment mostly within two weeks of first payment; retry after no-shows."""
        scheduled_on = claimant.selection_date
        appointment_date = self.calendar.shift_business_days(
            claimant.first_payment_date, _draw_scheduling_lag(rng)
        )
        for _ in range(MAX_INITIAL_APPOINTMENTS):
            appointment_id, status, recorded_on = self._appointment(
                claimant, "INITIAL", scheduled_on, appointment_date, rng
            )
            if status == "ATTENDED":
                self._resea_services(
                    claimant, appointment_id, appointment_date, RESEA_CODES["INITIAL"], rng
                )
                self._subsequent(claimant, appointment_date, rng)
                return
            if status == "RESCHEDULED":
                scheduled_on = recorded_on
            elif status == "FAILED_TO_REPORT" and rng.random() < 0.6:
                scheduled_on = self.calendar.shift_business_days(recorded_on, rng.randint(1, 5))
            else:
                break
            appointment_date = self.calendar.shift_business_days(scheduled_on, rng.randint(3, 10))
        self._exit_resea(claimant, recorded_on, rng)

    def _subsequent(self, claimant: _Claimant, held_on: date, rng: random.Random) -> None:
        """One subsequent RESEA, set up at the initial meeting for 10–20 business days on."""
        subsequent_date = self.calendar.shift_business_days(held_on, rng.randint(10, 20))
        appointment_id, status, closed_on = self._appointment(
            claimant, "SUBSEQUENT", held_on, subsequent_date, rng
        )
        if status == "ATTENDED":
            self._resea_services(
                claimant, appointment_id, subsequent_date, RESEA_CODES["SUBSEQUENT"], rng
            )
        self._exit_resea(claimant, closed_on, rng)

    def _appointment(
        self,
        claimant: _Claimant,
        kind: str,
        scheduled_on: date,
        appointment_date: date,
        rng: random.Random,
    ) -> tuple[str, str, date]:
        """Record the scheduling and the outcome as two rows, each on its own night."""
        appointment_id = self.ids.next("A")
        outcomes, weights = (
            (INITIAL_OUTCOMES, INITIAL_WEIGHTS)
            if kind == "INITIAL"
            else (SUBSEQUENT_OUTCOMES, SUBSEQUENT_WEIGHTS)
        )
        status = rng.choices(outcomes, weights=weights)[0]
        recorded_on = self._outcome_day(status, scheduled_on, appointment_date, rng)
        if recorded_on is None:  # no day left to reschedule: the claimant came
            status, recorded_on = "ATTENDED", appointment_date
        for state, day in (("SCHEDULED", scheduled_on), (status, recorded_on)):
            self._appointment_row(
                claimant,
                day,
                rng,
                {
                    "appointment_id": appointment_id,
                    "claimant_id": claimant.claimant_id,
                    "appointment_type": kind,
                    "scheduled_on": scheduled_on.isoformat(),
                    "appointment_date": appointment_date.isoformat(),
                    "office_id": claimant.office.office_id,
                    "status": state,
                },
            )
        return appointment_id, status, recorded_on

    def _outcome_day(
        self, status: str, scheduled_on: date, appointment_date: date, rng: random.Random
    ) -> date | None:
        """An outcome is recorded on the day or after a drawn lag; a reschedule before it."""
        if status in APPOINTMENT_OUTCOME_STATUSES:
            return self.calendar.shift_business_days(appointment_date, _draw_outcome_lag(rng))
        between = []
        day = self.calendar.shift_business_days(scheduled_on, 1)
        while day < appointment_date:
            between.append(day)
            day = self.calendar.shift_business_days(day, 1)
        return rng.choice(between) if between else None

    def _appointment_row(
        self, claimant: _Claimant, day: date, rng: random.Random, values: dict[str, str]
    ) -> None:
        values["status_recorded_at"] = _timestamp(day, rng)
        values["status_staff_id"] = self._staff_for(
            claimant.office.office_id, RESEA_ROLES, rng, reos=True
        )
        if self.in_window(day):
            self.appointment_rows[day].append(_row(APPOINTMENTS, values))
        if day >= self.start:
            claimant.reos_activity = claimant.person.reos_activity = True

    def _resea_services(
        self,
        claimant: _Claimant,
        appointment_id: str,
        held_on: date,
        codes: tuple[str, ...],
        rng: random.Random,
    ) -> None:
        """RESEA services are dated by the appointment and entered after a drawn lag."""
        entered_on = self.calendar.shift_business_days(held_on, _draw_lag(rng))
        if rng.random() < RESEA_UNRECORDED_SHARE:
            return
        recorded = (
            self.appointment_services.setdefault(appointment_id, [])
            if self.keep_appointment_services
            else []
        )
        for code in codes:
            draft = _ServiceDraft(
                claimant.person.participant_id,
                claimant.person.enrollments["RESEA"].enrollment_id,
                "RESEA",
                code,
                held_on,
                _timestamp(entered_on, rng),
                self._staff_for(claimant.office.office_id, RESEA_ROLES, rng),
                claimant.office.office_id,
                rng.choice(words.RESEA_COMMENTS) if rng.random() < COMMENT_SHARE else "",
            )
            recorded.append((entered_on, draft))
            if self.in_window(entered_on):
                self.resea_services[entered_on].append(draft)
        if entered_on >= self.start:
            claimant.person.reos_activity = True

    def apply_world_defect(self, spec: DefectSpec, index: int) -> dict:
        """Change the simulated world for one labelled defect; return its label."""
        if spec.kind == "attended_without_service":
            return self.unrecord_services(spec, index)
        rng = _rng(self.seed, "defect", spec.night, spec.entity, spec.kind, index)
        night = spec.night
        if spec.kind == "lapsed_individual_agreement":
            names = APPOINTMENTS.column_names
            entries = [
                (row[names.index("status_staff_id")], "REOS")
                for row in self.appointment_rows.get(night, [])
            ] + [(d.staff_id, "OSOS") for d in self.resea_services.get(night, [])]
            effect = access.lapse_individual_agreements(
                self.agreements, entries, night, spec.count, rng
            )
        elif spec.kind == "wrong_agreement_type":
            staff_count: dict[str, int] = defaultdict(int)
            for member in self.staff:
                if member.active_to is None:
                    staff_count[member.organization_id] += 1
            effect = access.give_wrong_agreement_kind(
                self.agreements, self.organizations, staff_count, night, spec.count, rng
            )
        else:
            osos_only = {
                office: [s.staff_id for s in staff if s.systems == "OSOS"]
                for office, staff in self.active_staff.items()
            }
            effect = access.record_by_osos_only_users(
                self.appointment_rows.get(night, []), osos_only, spec.count, rng
            )
        table = contract_entity(spec.entity)
        return _label(spec, table.file_name(night), effect)

    def unrecord_services(self, spec: DefectSpec, index: int) -> dict:
        """attended_without_service: attended appointments whose RESEA services staff never
        enter in OSOS. Picks ``spec.count`` ATTENDED rows of the night's appointments file
        whose services some generated night carries, and removes those services from every
        night, so the defect shows in the drops."""
        rng = _rng(self.seed, "defect", spec.night, spec.entity, spec.kind, index)
        names = APPOINTMENTS.column_names
        id_at, status_at = names.index("appointment_id"), names.index("status")
        rows = self.appointment_rows.get(spec.night, [])
        candidates = [
            i
            for i, row in enumerate(rows)
            if row[status_at] == "ATTENDED"
            and any(self.in_window(d) for d, _ in self.appointment_services.get(row[id_at], []))
        ]
        if len(candidates) < spec.count:
            raise ValueError(
                f"cannot inject {spec.kind} x{spec.count} into {spec.entity}: only "
                f"{len(candidates)} attended appointments with services in these nights"
            )
        picked = sorted(rng.sample(candidates, spec.count))
        ids = [rows[i][id_at] for i in picked]
        for appointment_id in ids:
            self.unrecorded.update(draft for _, draft in self.appointment_services[appointment_id])
        return _label(
            spec,
            APPOINTMENTS.file_name(spec.night),
            {
                "column": "appointment_id",
                "rows": [i + FIRST_DATA_LINE for i in picked],
                "values": ids,
                "original": ids,
            },
        )

    def _exit_resea(self, claimant: _Claimant, exit_date: date, rng: random.Random) -> None:
        enrollment = claimant.person.enrollments["RESEA"]
        enrollment.exit_date = exit_date
        enrollment.exit_recorded_at = _timestamp(exit_date, rng)
        if self.in_window(exit_date):
            self.exits[exit_date].append(enrollment)
        if exit_date >= self.start:
            claimant.person.reos_activity = True

    # -- services -------------------------------------------------------------

    def plan_services(self, night: date) -> list[_Plan]:
        """The general (non-RESEA) services entered on ``night``: dates and participants."""
        rng = _rng(self.seed, "plan", night)
        if self.calendar.is_business_day(night):
            mean = self.volume * WEEKDAY_VOLUME[night.weekday()]
        else:
            mean = self.volume * CLOSED_DAY_SHARE
        count = max(0, _noisy_count(rng, mean) - len(self.resea_services.get(night, ())))
        return [self._plan_one(night, rng) for _ in range(count)]

    def _plan_one(self, night: date, rng: random.Random) -> _Plan:
        service_date = self._service_date(night, rng)
        if self.calendar.is_business_day(service_date) and rng.random() < FIRST_DAY_SHARE:
            newcomer = self._registered_on(service_date, rng)
            if newcomer is not None and self.can_serve(newcomer, service_date):
                return _Plan(service_date, newcomer, first_day=True)
        person = self._from_caseload(service_date, rng)
        if person is None:  # nobody's caseload reaches that far back: delivered tonight
            service_date = night
            person = self._from_caseload(night, rng)
        if person is None:
            raise ValueError(f"no participant can be served on {night}: population too small")
        return _Plan(service_date, person, first_day=False)

    def _service_date(self, night: date, rng: random.Random) -> date:
        """Backwards from entry: the delivery date lies a drawn lag of business days earlier."""
        if self.calendar.is_business_day(night) and rng.random() < SATURDAY_EVENT_SHARE:
            return night - timedelta(days=(night.weekday() - 5) % 7)  # last Saturday's event
        return self.calendar.shift_business_days(night, -_draw_lag(rng))

    def _registered_on(self, day: date, rng: random.Random) -> _Person | None:
        low = bisect_left(self.registration_dates, day)
        high = bisect_right(self.registration_dates, day)
        return self.people[rng.randrange(low, high)] if high > low else None

    def _from_caseload(self, day: date, rng: random.Random) -> _Person | None:
        """Someone registered in the last 90 days whose caseload span still runs."""
        high = bisect_right(self.registration_dates, day)
        low = bisect_left(self.registration_dates, day - timedelta(days=CASELOAD_DAYS))
        for _ in range(CASELOAD_TRIES):
            person = self.people[rng.randrange(low, high)]
            if self.can_serve(person, day):
                return person
        # Rare: fall back on the most recent registrant who is still open, if any.
        return next((p for p in reversed(self.people[low:high]) if self.can_serve(p, day)), None)

    def services_on(self, night: date) -> list[list[str]]:
        """Rows entered on ``night`` in entry order, then corrections re-sent tonight."""
        rng = _rng(self.seed, "services", night)
        drafts = [self._draft(plan, night, rng) for plan in self.plan_services(night)]
        drafts += [d for d in self.resea_services.get(night, []) if d not in self.unrecorded]
        drafts.sort(key=lambda d: d.entered_at)
        rows = []
        for draft in drafts:
            row = draft.row(self.ids.next("S"))
            rows.append(row)
            self._maybe_correct(draft, row, night, rng)
        self._type_ssns(rows, night)
        return rows + self.corrections.pop(night, [])

    def _type_ssns(self, rows: list[list[str]], night: date) -> None:
        """Now and then staff type the participant's SSN into a comment (own stream)."""
        rng = _rng(self.seed, "typed_ssn", night)
        names = SERVICES.column_names
        comment_at, person_at = names.index("comments"), names.index("participant_id")
        for row in rows:
            if row[comment_at] and rng.random() < TYPED_SSN_SHARE:
                ssn = self.ssn_by_participant[row[person_at]]
                if ssn:
                    row[comment_at] += f" SSN {ssn[:3]}-{ssn[3:5]}-{ssn[5:]}"

    def _draft(self, plan: _Plan, night: date, rng: random.Random) -> _ServiceDraft:
        person = plan.person
        if plan.first_day:
            program, code = "WAGNER_PEYSER", rng.choices(*FIRST_DAY_CODES)[0]
        else:
            programs = [p for p in person.enrollments if p != "RESEA"]
            program = rng.choices(programs, weights=[PROGRAM_WEIGHTS[p] for p in programs])[0]
            code = rng.choices(*CODES_BY_PROGRAM[program])[0]
        office = person.office
        if rng.random() < 0.1:  # served at another site of the same LWDA
            office = rng.choice(self.lwda_offices[office.lwda_code])
        roles = ROLE_PREFERENCE.get(program) or ROLE_PREFERENCE.get(
            SERVICE_BY_CODE[code].category, GENERAL_ROLES
        )
        return _ServiceDraft(
            person.participant_id,
            person.enrollments[program].enrollment_id,
            program,
            code,
            plan.service_date,
            _timestamp(night, rng),
            self._staff_for(office.office_id, roles, rng),
            office.office_id,
            rng.choice(words.SERVICE_COMMENTS) if rng.random() < COMMENT_SHARE else "",
        )

    def _maybe_correct(
        self, draft: _ServiceDraft, row: list[str], night: date, rng: random.Random
    ) -> None:
        """Now and then staff fix a service code; the fix is re-sent with the same id."""
        if draft.program == "RESEA" or rng.random() >= CORRECTION_SHARE:
            return
        others = [c for c in CODES_BY_PROGRAM[draft.program][0] if c != draft.code]
        fixed_on = self.calendar.shift_business_days(night, rng.randint(1, 3))
        if not others or fixed_on > self.end:
            return
        code = rng.choice(others)
        names = SERVICES.column_names
        fixed = list(row)
        fixed[names.index("service_code")] = code
        fixed[names.index("service_name")] = SERVICE_BY_CODE[code].name
        fixed[names.index("comments")] = words.CORRECTION_COMMENT
        self.corrections[fixed_on].append(fixed)

    def _staff_for(
        self, office_id: str, roles: tuple[str, ...], rng: random.Random, reos: bool = False
    ) -> str:
        """An active account of the office, of a preferred role; for REOS one with REOS access
        (every office's supervisor has it)."""
        staff = self.active_staff[office_id]
        if reos:
            staff = [s for s in staff if s.systems in ("REOS", "BOTH")]
        preferred = [s for s in staff if s.role in roles]
        return rng.choice(preferred or staff).staff_id

    # -- per-night tables ----------------------------------------------------

    def tables(self, night: date) -> dict[str, list[list[str]]]:
        """Every contract table's rows for one night's drop."""
        people = self._people_sent(night)
        return {
            OFFICES.table: [o.row() for o in self.offices],
            STAFF_USERS.table: [s.row() for s in self.staff],
            PARTICIPANTS.table: [p.row() for p in people],
            PROGRAM_ENROLLMENTS.table: self._enrollment_rows(people, night),
            SERVICES.table: self.services_on(night),
            CLAIMANTS.table: [c.row() for c in self._claimants_sent(night)],
            APPOINTMENTS.table: self.appointment_rows.get(night, []),
            PARTNER_ORGANIZATIONS.table: [o.row() for o in self.organizations],
            ACCESS_AGREEMENTS.table: self.agreements.rows(night),
        }

    def _people_sent(self, night: date) -> list[_Person]:
        low = bisect_left(self.registration_dates, night)
        high = bisect_right(self.registration_dates, night)
        earlier = (
            [p for p in self.people[:low] if self.sent_on_first_night(p)]
            if night == self.start
            else []
        )
        return earlier + self.people[low:high]

    def _claimants_sent(self, night: date) -> list[_Claimant]:
        low = bisect_left(self.selection_dates, night)
        high = bisect_right(self.selection_dates, night)
        earlier = (
            [c for c in self.claimants[:low] if c.reos_activity] if night == self.start else []
        )
        return earlier + self.claimants[low:high]

    def _enrollment_rows(self, people: list[_Person], night: date) -> list[list[str]]:
        """New participants' enrollments plus exits recorded tonight, one row per enrollment."""
        latest: dict[str, list[str]] = {}
        for person in people:
            for enrollment in person.enrollments.values():
                latest[enrollment.enrollment_id] = enrollment.row(night)
        for enrollment in self.exits.get(night, []):
            latest[enrollment.enrollment_id] = enrollment.row(night)
        return list(latest.values())


def _cumulative(values: Iterable[int]) -> Iterable[int]:
    total = 0
    for value in values:
        total += value
        yield total


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(tuple(weights), weights=tuple(weights.values()))[0]


def _school_status(age: int, rng: random.Random) -> str:
    """PIRL 409 by age: teenagers mostly in school, adults mostly graduates."""
    if age <= 18:
        return _weighted(rng, {"1": 62, "2": 5, "4": 13, "5": 18, "6": 2})
    if age <= 24:
        return _weighted(rng, {"3": 25, "4": 10, "5": 65})
    return _weighted(rng, {"3": 5, "4": 5, "5": 90})


def _programs(age: int, veteran: bool, claimant: bool, rng: random.Random) -> list[str]:
    """Wagner-Peyser for everyone; Title I, TAA, RESEA and JVSG for the people they serve."""
    programs = ["WAGNER_PEYSER"]
    if age <= 24:
        if rng.random() < 0.30:
            programs.append("WIOA_YOUTH")
    else:
        dislocated = 0.25 if claimant else 0.10
        u = rng.random()
        if u < dislocated:
            programs.append("WIOA_DW")
            if rng.random() < 0.08:
                programs.append("TAA")
        elif u < dislocated + 0.10:
            programs.append("WIOA_ADULT")
    if claimant:
        programs.append("RESEA")
    if veteran and rng.random() < 0.6:
        programs.append("JVSG")
    return programs


def _build_offices(rng: random.Random, start: date) -> list[_Office]:
    """About 90 offices: the first place of each LWDA is its comprehensive center."""
    offices = []
    latest_opening = min(date(2016, 12, 31), start - timedelta(days=365))
    for lwda_code, places in words.OFFICE_PLACES.items():
        for number, place in enumerate(places, start=1):
            comprehensive = number == 1
            opened = _random_day(rng, date(2000, 7, 1), latest_opening)
            closed = None
            if not comprehensive and rng.random() < CLOSED_AFFILIATE_SHARE:
                closed = _random_day(rng, opened + timedelta(days=730), start - timedelta(days=60))
            offices.append(
                _Office(
                    office_id=f"NY{lwda_code}-{number:03d}",
                    name=f"{place} Career Center" + ("" if comprehensive else " — Affiliate"),
                    lwda_code=lwda_code,
                    office_type="COMPREHENSIVE" if comprehensive else "AFFILIATE",
                    opened=opened,
                    closed=closed if closed is not None and closed < start else None,
                )
            )
    return offices


def _build_staff(offices: list[_Office], rng: random.Random, start: date) -> list[_Staff]:
    """3–10 accounts per office; a supervisor and a front-line account always active."""
    staff = []
    number = 4000
    for office in offices:
        comprehensive = office.office_type == "COMPREHENSIVE"
        size = rng.randint(6, 10) if comprehensive else rng.randint(3, 6)
        roles = ["SUPERVISOR", "DVOP" if comprehensive else "CSR"] + rng.choices(
            GENERAL_ROLES, weights=(45, 35, 20), k=size - 2
        )
        last_start = min(office.closed or start, start) - timedelta(days=30)
        for position, role in enumerate(roles):
            number += rng.randint(1, 400)
            active_from = _random_day(rng, office.opened, last_start)
            active_to = office.closed
            if active_to is None and position >= 2 and rng.random() < INACTIVE_STAFF_SHARE:
                active_to = _random_day(rng, active_from, start - timedelta(days=1))
            staff.append(_Staff(f"U{number:07d}", office.office_id, role, active_from, active_to))
    return staff


# ---------------------------------------------------------------------------
# Writing a drop, and defects
# ---------------------------------------------------------------------------


@dataclass
class _DropFile:
    """One CSV of a drop, held for the night so defects can be applied before writing."""

    entity: Entity
    rows: list[list[str]]
    dropped: str | None = None
    touched: set[int] = field(default_factory=set)

    def write(self, path: Path) -> None:
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


def _target_column(kind: str, entity: Entity, column: str | None = None) -> str:
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


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _overwrite(
    file: _DropFile,
    spec: DefectSpec,
    rng: random.Random,
    value: Callable[[list[str]], str],
    eligible: Callable[[list[str]], bool] = lambda row: True,
) -> dict:
    """Replace the target column in ``spec.count`` rows and describe what changed."""
    column = _target_column(spec.kind, file.entity, spec.column)
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


def _inject_edit(file: _DropFile, spec: DefectSpec, rng: random.Random, night: date) -> dict:
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
        column = _column(file.entity, _target_column(spec.kind, file.entity, spec.column))
        at = file.index(column.name)
        # Only rows that held a good value, so the label's ``original`` shows what was lost.
        good = (
            (lambda row: _is_date(row[at]))
            if column.type == "date"
            else (lambda row: row[at] in column.codes)
        )
        if spec.kind == "missing_pirl_value":
            return _overwrite(file, spec, rng, lambda row: "", good)
        return _overwrite(file, spec, rng, lambda row: _invalid_value(column, row[at]), good)
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


def _column(entity: Entity, name: str) -> Column:
    return next(c for c in entity.columns if c.name == name)


def _invalid_value(column: Column, value: str) -> str:
    """A wrong value of the kind staff type: a US-style date, or a code off the list."""
    if column.type == "date":
        return f"{date.fromisoformat(value):%m/%d/%Y}" if _is_date(value) else "00/00/0000"
    return next(code for code in ("7", "5", "9", "X") if code not in column.codes)


def _entry_before(file: _DropFile, spec: DefectSpec, rng: random.Random) -> dict:
    """Move the entry timestamp to the day before the date it must not precede."""
    stamp_column, date_column = file.entity.not_before[0]
    stamp_at, date_at = file.index(stamp_column), file.index(date_column)

    def day_before(row: list[str]) -> str:
        earlier = date.fromisoformat(row[date_at]) - timedelta(days=1)
        if _is_date(row[stamp_at]):  # a date that must not precede another date
            return earlier.isoformat()
        clock = datetime.fromisoformat(row[stamp_at]).time()
        return datetime.combine(earlier, clock, tzinfo=NEW_YORK).isoformat()

    return _overwrite(
        file, spec, rng, day_before, lambda row: _is_date(row[date_at]) and bool(row[stamp_at])
    )


def _outcome_before(file: _DropFile, spec: DefectSpec, rng: random.Random) -> dict:
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


def _before_selection(file: _DropFile, spec: DefectSpec, rng: random.Random) -> dict:
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


def _inject_duplicate(file: _DropFile, spec: DefectSpec, rng: random.Random, night: date) -> dict:
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
    file: _DropFile, spec: DefectSpec, rng: random.Random, night: date
) -> dict:
    """Append rows that repeat a key with another value in the last column."""
    effect = _inject_duplicate(file, spec, rng, night)
    for line in effect["rows"][1:]:
        row = file.rows[line - FIRST_DATA_LINE]
        row[-1] = (row[-1] + " (changed)").strip()
    return effect


def _inject_missing_column(
    file: _DropFile, spec: DefectSpec, rng: random.Random, night: date
) -> dict:
    file.dropped = _target_column(spec.kind, file.entity)
    return {"column": file.dropped}


def _inject_bad_checksum(
    file: _DropFile, spec: DefectSpec, rng: random.Random, night: date
) -> dict:
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


def _inject_row_count(file: _DropFile, spec: DefectSpec, rng: random.Random, night: date) -> dict:
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


INJECTORS: dict[str, Callable[[_DropFile, DefectSpec, random.Random, date], dict]] = {
    **{kind: _inject_edit for kind in EDIT_KINDS},
    "duplicate_key": _inject_duplicate,
    "conflicting_key": _inject_conflicting_key,
    "missing_column": _inject_missing_column,
    "bad_checksum": _inject_bad_checksum,
    "row_count_mismatch": _inject_row_count,
}


def _label(spec: DefectSpec, file_name: str, effect: dict) -> dict:
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


def _write_drop(
    world: _World,
    landing_dir: Path,
    night: date,
    defects: list[DefectSpec],
    labels: list[dict],
    totals: dict[str, int],
) -> None:
    """Write one night's files, inject its defects, and close it with the control file."""
    drop_dir = landing_dir / night.isoformat()
    drop_dir.mkdir(parents=True, exist_ok=True)
    # A control file left from an earlier run would vouch for files being rewritten.
    (drop_dir / control_file_name(night)).unlink(missing_ok=True)
    tables = world.tables(night)
    files = {e.table: _DropFile(e, tables[e.table]) for e in ENTITIES}
    ordered = sorted(enumerate(defects), key=lambda item: (PHASES.index(_phase(item[1])), item[0]))
    for index, spec in ordered:
        if _phase(spec) in ("world", "post_control", "file", "control"):
            continue
        if spec.kind == "missing_control_file":
            labels.append(_label(spec, control_file_name(night), {}))
        else:
            labels.append(_apply(files[spec.entity], spec, world.seed, index))
    for file in files.values():
        file.write(drop_dir / file.entity.file_name(night))
    for spec in defects:
        if spec.kind in FILE_KINDS:
            name = contract_entity(spec.entity).file_name(night)
            effect = damage_file(spec.kind, drop_dir / name, contract_entity(spec.entity))
            labels.append(_label(spec, name, effect))
    if not any(spec.kind == "missing_control_file" for spec in defects):
        write_control_file(drop_dir, night)
    for spec in defects:
        if spec.kind in CONTROL_KINDS:
            effect = damage_control_file(spec.kind, drop_dir, night)
            labels.append(_label(spec, control_file_name(night), effect))
    for index, spec in ordered:
        if _phase(spec) == "post_control":
            file = files[spec.entity]
            labels.append(_apply(file, spec, world.seed, index))
            file.write(drop_dir / file.entity.file_name(night))
    for table, file in files.items():
        totals[table] += len(file.rows)


# Order within a night: edits in place, then appended rows (so edited line numbers
# stay put), then a dropped column, then the control file, then post-control damage.
PHASES = (
    "world",
    "edit",
    "duplicate_key",
    "missing_column",
    "missing_control_file",
    "file",
    "control",
    "post_control",
)


def _phase(spec: DefectSpec) -> str:
    if spec.kind in WORLD_KINDS:
        return "world"
    if spec.kind in EDIT_KINDS:
        return "edit"
    if spec.kind in POST_CONTROL_KINDS:
        return "post_control"
    if spec.kind == "conflicting_key":
        return "duplicate_key"
    if spec.kind in FILE_KINDS:
        return "file"
    if spec.kind in CONTROL_KINDS:
        return "control"
    return spec.kind


def _apply(file: _DropFile, spec: DefectSpec, seed: int, index: int) -> dict:
    """Inject one defect with its own random stream and return its label."""
    rng = _rng(seed, "defect", spec.night, spec.entity, spec.kind, index)
    effect = INJECTORS[spec.kind](file, spec, rng, spec.night)
    return _label(spec, file.entity.file_name(spec.night), effect)
