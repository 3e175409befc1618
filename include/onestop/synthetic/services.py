"""OSOS services: drafted backwards from the night they are entered, then numbered.

Why backwards: what a night's services file holds is decided by the night it
is entered. Draw an entry lag in business days, then place the service date
that many business days earlier; pick someone whose caseload reaches that day.
Most services are entered the same day, with a long tail of late entries, and
weekends and holidays are nearly empty. RESEA services come from attended
appointments instead (``ReseaServices``), and are entered after a lag too.

Now and then staff fix a service code and the fix is re-sent with the same id
(corrections), or type the participant's SSN into a comment (unlabelled
background for the leak scan; the ``ssn_in_comment`` defect labels its own).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from onestop.calendar import BusinessCalendar
from onestop.contract import APPOINTMENTS, SERVICE_TYPES, SERVICES
from onestop.synthetic import people as words
from onestop.synthetic.defects import DefectSpec
from onestop.synthetic.draws import (
    CLOSED_DAY_SHARE,
    draw_lag,
    noisy_count,
    stream,
    timestamp,
)
from onestop.synthetic.offices import GENERAL_ROLES, RESEA_ROLES, Offices
from onestop.synthetic.population import Population
from onestop.synthetic.records import (
    FIRST_DATA_LINE,
    SERVICE_BY_CODE,
    Ids,
    Office,
    Person,
    Plan,
    ServiceDraft,
    Window,
)

WEEKDAY_VOLUME = (1.10, 1.05, 1.00, 0.98, 0.87)  # Monday is busiest, Friday quietest
SATURDAY_EVENT_SHARE = 0.01  # services delivered at Saturday hiring events
FIRST_DAY_SHARE = 0.25  # services delivered on the participant's registration day
CORRECTION_SHARE = 0.01
COMMENT_SHARE = 0.15
# Comments in which staff also typed the participant's SSN (unlabelled background; the
# ssn_in_comment defect labels its own).
TYPED_SSN_SHARE = 0.002
# Attended appointments whose RESEA services nobody ever enters in OSOS (unlabelled:
# the everyday gap reconciliation exists to find).
RESEA_UNRECORDED_SHARE = 0.03
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


class ReseaServices:
    """RESEA services recorded for attended appointments, by the night they are entered.

    Until the attended_without_service defects are drawn it also remembers which
    services each appointment led to (``appointment_services``), so a defect can
    keep them out of every night's services file (``unrecorded``).
    """

    def __init__(self, window: Window, calendar: BusinessCalendar, offices: Offices) -> None:
        self.window, self.calendar, self.offices = window, calendar, offices
        self.by_night: dict[date, list[ServiceDraft]] = defaultdict(list)
        # appointment id -> (entry night, draft) of the RESEA services recorded for it
        self.appointment_services: dict[str, list[tuple[date, ServiceDraft]]] = {}
        self.keep_appointment_services = True
        # RESEA services an attended_without_service defect keeps out of the drops; the
        # night's other services stay as they were
        self.unrecorded: set[ServiceDraft] = set()

    def record(
        self,
        person: Person,
        office: Office,
        appointment_id: str,
        held_on: date,
        codes: tuple[str, ...],
        rng: random.Random,
    ) -> date | None:
        """RESEA services are dated by the appointment and entered after a drawn lag.

        Returns the day they are entered, or None when nobody enters them.
        """
        entered_on = self.calendar.shift_business_days(held_on, draw_lag(rng))
        if rng.random() < RESEA_UNRECORDED_SHARE:
            return None
        recorded = (
            self.appointment_services.setdefault(appointment_id, [])
            if self.keep_appointment_services
            else []
        )
        for code in codes:
            draft = ServiceDraft(
                person.participant_id,
                person.enrollments["RESEA"].enrollment_id,
                "RESEA",
                code,
                held_on,
                timestamp(entered_on, rng),
                self.offices.staff_for(office.office_id, RESEA_ROLES, rng),
                office.office_id,
                rng.choice(words.RESEA_COMMENTS) if rng.random() < COMMENT_SHARE else "",
            )
            recorded.append((entered_on, draft))
            if self.window.covers(entered_on):
                self.by_night[entered_on].append(draft)
        return entered_on

    def stop_tracking_appointments(self) -> None:
        """World defects are drawn: forget which services each appointment led to."""
        self.appointment_services.clear()
        self.keep_appointment_services = False

    def entered_on(self, night: date) -> list[ServiceDraft]:
        """The RESEA services entered on ``night`` that reach the drop."""
        return [d for d in self.by_night.get(night, []) if d not in self.unrecorded]

    def leave_unrecorded(
        self, appointment_rows: list[list[str]], spec: DefectSpec, rng: random.Random
    ) -> dict:
        """attended_without_service: attended appointments whose RESEA services staff never
        enter in OSOS. Picks ``spec.count`` ATTENDED rows of the night's appointments file
        whose services some generated night carries, and removes those services from every
        night, so the defect shows in the drops. Returns the label's effect."""
        names = APPOINTMENTS.column_names
        id_at, status_at = names.index("appointment_id"), names.index("status")
        rows = appointment_rows
        candidates = [
            i
            for i, row in enumerate(rows)
            if row[status_at] == "ATTENDED"
            and any(self.window.covers(d) for d, _ in self.appointment_services.get(row[id_at], []))
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
        return {
            "column": "appointment_id",
            "rows": [i + FIRST_DATA_LINE for i in picked],
            "values": ids,
            "original": ids,
        }


class Services:
    """The services file of each night: general services drafted and numbered in entry order,
    the night's RESEA services, and corrections re-sent from earlier nights."""

    def __init__(
        self,
        seed: int,
        volume: int,
        window: Window,
        calendar: BusinessCalendar,
        population: Population,
        resea: ReseaServices,
        ids: Ids,
    ) -> None:
        self.seed, self.volume, self.window, self.calendar = seed, volume, window, calendar
        self.population, self.offices = population, population.offices
        self.resea, self.ids = resea, ids
        self.corrections: dict[date, list[list[str]]] = defaultdict(list)

    def plan(self, night: date) -> list[Plan]:
        """The general (non-RESEA) services entered on ``night``: dates and participants."""
        rng = stream(self.seed, "plan", night)
        if self.calendar.is_business_day(night):
            mean = self.volume * WEEKDAY_VOLUME[night.weekday()]
        else:
            mean = self.volume * CLOSED_DAY_SHARE
        count = max(0, noisy_count(rng, mean) - len(self.resea.by_night.get(night, ())))
        return [self._plan_one(night, rng) for _ in range(count)]

    def _plan_one(self, night: date, rng: random.Random) -> Plan:
        population = self.population
        service_date = self._service_date(night, rng)
        if self.calendar.is_business_day(service_date) and rng.random() < FIRST_DAY_SHARE:
            newcomer = population.registered_on(service_date, rng)
            if newcomer is not None and population.can_serve(newcomer, service_date):
                return Plan(service_date, newcomer, first_day=True)
        person = population.from_caseload(service_date, rng)
        if person is None:  # nobody's caseload reaches that far back: delivered tonight
            service_date = night
            person = population.from_caseload(night, rng)
        if person is None:
            raise ValueError(f"no participant can be served on {night}: population too small")
        return Plan(service_date, person, first_day=False)

    def _service_date(self, night: date, rng: random.Random) -> date:
        """Backwards from entry: the delivery date lies a drawn lag of business days earlier."""
        if self.calendar.is_business_day(night) and rng.random() < SATURDAY_EVENT_SHARE:
            return night - timedelta(days=(night.weekday() - 5) % 7)  # last Saturday's event
        return self.calendar.shift_business_days(night, -draw_lag(rng))

    def rows_on(self, night: date) -> list[list[str]]:
        """Rows entered on ``night`` in entry order, then corrections re-sent tonight."""
        rng = stream(self.seed, "services", night)
        drafts = [self._draft(plan, night, rng) for plan in self.plan(night)]
        drafts += self.resea.entered_on(night)
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
        rng = stream(self.seed, "typed_ssn", night)
        names = SERVICES.column_names
        comment_at, person_at = names.index("comments"), names.index("participant_id")
        for row in rows:
            if row[comment_at] and rng.random() < TYPED_SSN_SHARE:
                ssn = self.population.ssn_by_participant[row[person_at]]
                if ssn:
                    row[comment_at] += f" SSN {ssn[:3]}-{ssn[3:5]}-{ssn[5:]}"

    def _draft(self, plan: Plan, night: date, rng: random.Random) -> ServiceDraft:
        person = plan.person
        if plan.first_day:
            program, code = "WAGNER_PEYSER", rng.choices(*FIRST_DAY_CODES)[0]
        else:
            programs = [p for p in person.enrollments if p != "RESEA"]
            program = rng.choices(programs, weights=[PROGRAM_WEIGHTS[p] for p in programs])[0]
            code = rng.choices(*CODES_BY_PROGRAM[program])[0]
        office = person.office
        if rng.random() < 0.1:  # served at another site of the same LWDA
            office = rng.choice(self.offices.lwda_offices[office.lwda_code])
        roles = ROLE_PREFERENCE.get(program) or ROLE_PREFERENCE.get(
            SERVICE_BY_CODE[code].category, GENERAL_ROLES
        )
        return ServiceDraft(
            person.participant_id,
            person.enrollments[program].enrollment_id,
            program,
            code,
            plan.service_date,
            timestamp(night, rng),
            self.offices.staff_for(office.office_id, roles, rng),
            office.office_id,
            rng.choice(words.SERVICE_COMMENTS) if rng.random() < COMMENT_SHARE else "",
        )

    def _maybe_correct(
        self, draft: ServiceDraft, row: list[str], night: date, rng: random.Random
    ) -> None:
        """Now and then staff fix a service code; the fix is re-sent with the same id."""
        if draft.program == "RESEA" or rng.random() >= CORRECTION_SHARE:
            return
        others = [c for c in CODES_BY_PROGRAM[draft.program][0] if c != draft.code]
        fixed_on = self.calendar.shift_business_days(night, rng.randint(1, 3))
        if not others or fixed_on > self.window.end:
            return
        code = rng.choice(others)
        names = SERVICES.column_names
        fixed = list(row)
        fixed[names.index("service_code")] = code
        fixed[names.index("service_name")] = SERVICE_BY_CODE[code].name
        fixed[names.index("comments")] = words.CORRECTION_COMMENT
        self.corrections[fixed_on].append(fixed)
