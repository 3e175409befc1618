"""The records the simulated world is made of, each able to write its contract row.

Why in one module: offices, staff, people, enrollments, claimants and service
drafts are shared by the modules that simulate them (``offices``,
``population``, ``reos``, ``services``) and the one that writes them
(``world``). Every ``row`` returns the values in the contract's column order,
as strings (dates ISO 8601, timestamps ISO 8601 with New York's offset, absent
values ``""``), so a reordered contract cannot misplace them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from onestop.contract import (
    CLAIMANTS,
    LWDAS,
    OFFICES,
    PARTICIPANTS,
    PROGRAM_ENROLLMENTS,
    SERVICE_TYPES,
    SERVICES,
    STAFF_USERS,
    Entity,
)

FIRST_DATA_LINE = 2  # line 1 of a CSV is the header
SERVICE_BY_CODE = {s.code: s for s in SERVICE_TYPES}


def row(entity: Entity, values: dict[str, str]) -> list[str]:
    """Values in the contract's column order, so a reordered contract cannot misplace them."""
    return [values[name] for name in entity.column_names]


@dataclass(frozen=True, slots=True)
class Window:
    """The extract dates generated, ``start`` to ``end`` inclusive: only they write rows."""

    start: date
    end: date

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


class Ids:
    """Sequential ids per prefix, as OSOS and REOS sequences hand them out.

    One instance serves the whole world: ids follow the order records are made in.
    """

    BASES = {
        "C": 310_000_000,  # participants (customers)
        "E": 520_000_000,  # enrollments
        "R": 700_000_000,  # REOS claimants
        "A": 810_000_000,  # appointments
        "S": 100_000_000,  # services
    }

    def __init__(self) -> None:
        self._next = dict(self.BASES)

    def next(self, prefix: str) -> str:
        """The next id of ``prefix``: the prefix and nine digits, e.g. ``C310000000``."""
        value = self._next[prefix]
        self._next[prefix] = value + 1
        return f"{prefix}{value:09d}"


@dataclass(frozen=True, slots=True)
class Office:
    """A career center (COMPREHENSIVE) or affiliate site; ``closed`` None while open."""

    office_id: str
    name: str
    lwda_code: str
    office_type: str
    opened: date
    closed: date | None

    def row(self) -> list[str]:
        return row(
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
class Staff:
    """A staff account of an office; ``active_to`` None while it is open."""

    staff_id: str
    office_id: str
    role: str
    active_from: date
    active_to: date | None
    organization_id: str = ""  # the employer (access.assign_employers)
    systems: str = "OSOS"  # OSOS, REOS or BOTH

    def row(self) -> list[str]:
        return row(
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
class Enrollment:
    """A participant's enrollment in one program; the exit is filled in once it is known."""

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
        return row(
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
class Person:
    """A participant registered in OSOS, with their enrollments by program code."""

    participant_id: str
    ssn: str  # nine digits starting with 9, or "" when withheld
    first_name: str
    last_name: str
    date_of_birth: date
    sex: str
    registration_date: date
    registered_at: str
    office: Office
    active_until: date  # last day staff still serve them (their caseload span)
    enrollments: dict[str, Enrollment] = field(default_factory=dict)
    reos_activity: bool = False  # REOS rows or RESEA services from the first night on
    # PIRL facts at program entry as delivered (date_of_birth and sex included), by column
    pirl: dict[str, str] = field(default_factory=dict)

    def row(self) -> list[str]:
        return row(
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
class Claimant:
    """A UI claimant REOS selected for RESEA; they register in OSOS as ``person``."""

    claimant_id: str
    person: Person
    claim_effective_date: date
    first_payment_date: date
    selection_date: date
    reason: str
    office: Office
    reos_activity: bool = False  # appointment rows from the first night on

    def row(self) -> list[str]:
        return row(
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
class ServiceDraft:
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
        return row(
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
class Plan:
    """Who a general (non-RESEA) service went to, and when it was delivered."""

    service_date: date
    person: Person
    first_day: bool
