"""The simulated world: offices, people, REOS histories and services, and each night's tables.

Why one object over the parts: the parts share one id sequence, one calendar
and one window, and must be advanced in step. The participant population, the
REOS claimants with their appointment histories and the RESEA services they
lead to are simulated up front and on demand (population-sized), in date order
from one ``population`` stream; everything else is drawn night by night from a
stream seeded by ``(seed, purpose, night)``. Defects of the world (not of one
file) change it before any drop is written.
"""

from __future__ import annotations

from datetime import date, timedelta

from onestop.calendar import BusinessCalendar
from onestop.contract import (
    ACCESS_AGREEMENTS,
    APPOINTMENTS,
    CLAIMANTS,
    OFFICES,
    PARTICIPANTS,
    PARTNER_ORGANIZATIONS,
    PROGRAM_ENROLLMENTS,
    SERVICES,
    STAFF_USERS,
)
from onestop.contract import entity as contract_entity
from onestop.synthetic import access
from onestop.synthetic.defects import DefectSpec, label
from onestop.synthetic.draws import MAX_LAG, stream
from onestop.synthetic.offices import Offices
from onestop.synthetic.pirl import PirlRecorder
from onestop.synthetic.population import CASELOAD_DAYS, Population
from onestop.synthetic.records import Ids, Person, Window
from onestop.synthetic.reos import Reos
from onestop.synthetic.services import ReseaServices, Services


class World:
    """Offices, staff, participants and REOS histories, and the rows they yield per night.

    ``start``/``end`` are the first and last extract dates; ``services_per_night``
    the mean services entered on a weekday (registrations and REOS selections
    scale with it); the PIRL rates are the shares (0–1) of facts left blank or
    typed wrong.
    """

    def __init__(
        self,
        start: date,
        end: date,
        seed: int,
        services_per_night: int,
        calendar: BusinessCalendar,
        pirl_missing_rate: float,
        pirl_invalid_rate: float,
    ) -> None:
        self.seed, self.calendar = seed, calendar
        self.window = Window(start, end)
        self.ids = Ids()
        # TA 17-7 access: employers, systems and agreements, from their own streams.
        self.organizations = access.build_organizations()
        self.offices = Offices(seed, start, self.organizations)
        self.agreements = access.AgreementBook(
            self.offices.staff, self.organizations, stream(seed, "agreements"), end
        )
        pirl = PirlRecorder(seed, pirl_missing_rate, pirl_invalid_rate)
        self.population = Population(
            self.window, calendar, services_per_night, self.offices, self.ids, pirl
        )
        self.resea_services = ReseaServices(self.window, calendar, self.offices)
        self.reos = Reos(self.window, calendar, self.population, self.resea_services, self.ids)
        self.services = Services(
            seed,
            services_per_night,
            self.window,
            calendar,
            self.population,
            self.resea_services,
            self.ids,
        )
        # The population stream and the first day it has not simulated yet: a caseload
        # span before the earliest service date a window entry can carry (MAX_LAG business
        # days before the start), so the first nights find people.
        self.population_rng = stream(seed, "population")
        reach = calendar.shift_business_days(start, -MAX_LAG)
        self.population_day = reach - timedelta(days=CASELOAD_DAYS)

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
        while day <= min(through, self.window.end):
            for _ in range(self.population.registrations_on(day, rng)):
                self.population.register(day, rng)
            if self.calendar.is_business_day(day):
                self.reos.select_on(day, rng)
            day += timedelta(days=1)
        self.population_day = day

    def forget_through(self, night: date) -> None:
        """Drop what no night after ``night`` can use, so a long history fits in memory.

        Later nights serve people registered within a caseload span of their service
        dates; claimants and their people are sent on their selection night.
        """
        self.reos.forget_through(night)
        self.resea_services.by_night.pop(night, None)
        self.population.forget_through(night)

    def apply_world_defect(self, spec: DefectSpec, index: int) -> dict:
        """Change the simulated world for one labelled defect; return its label.

        ``index`` is the spec's position among all the run's defects: with the spec
        it seeds the defect's own stream.
        """
        rng = stream(self.seed, "defect", spec.night, spec.entity, spec.kind, index)
        night = spec.night
        appointments = self.reos.appointment_rows.get(night, [])
        if spec.kind == "attended_without_service":
            effect = self.resea_services.leave_unrecorded(appointments, spec, rng)
            return label(spec, APPOINTMENTS.file_name(night), effect)
        if spec.kind == "lapsed_individual_agreement":
            names = APPOINTMENTS.column_names
            entries = [(row[names.index("status_staff_id")], "REOS") for row in appointments] + [
                (d.staff_id, "OSOS") for d in self.resea_services.by_night.get(night, [])
            ]
            effect = access.lapse_individual_agreements(
                self.agreements, entries, night, spec.count, rng
            )
        elif spec.kind == "wrong_agreement_type":
            effect = access.give_wrong_agreement_kind(
                self.agreements,
                self.organizations,
                self.offices.staff_per_organization(),
                night,
                spec.count,
                rng,
            )
        else:
            effect = access.record_by_osos_only_users(
                appointments, self.offices.osos_only_staff(), spec.count, rng
            )
        return label(spec, contract_entity(spec.entity).file_name(night), effect)

    def world_defects_done(self) -> None:
        """The world defects are drawn: stop remembering what only they needed."""
        self.resea_services.stop_tracking_appointments()

    def tables(self, night: date) -> dict[str, list[list[str]]]:
        """Every contract table's rows for one night's drop, by table name."""
        people = self.population.sent(night)
        return {
            OFFICES.table: [o.row() for o in self.offices.offices],
            STAFF_USERS.table: [s.row() for s in self.offices.staff],
            PARTICIPANTS.table: [p.row() for p in people],
            PROGRAM_ENROLLMENTS.table: self._enrollment_rows(people, night),
            SERVICES.table: self.services.rows_on(night),
            CLAIMANTS.table: [c.row() for c in self.reos.sent(night)],
            APPOINTMENTS.table: self.reos.appointment_rows.get(night, []),
            PARTNER_ORGANIZATIONS.table: [o.row() for o in self.organizations],
            ACCESS_AGREEMENTS.table: self.agreements.rows(night),
        }

    def _enrollment_rows(self, people: list[Person], night: date) -> list[list[str]]:
        """New participants' enrollments plus exits recorded tonight, one row per enrollment."""
        latest: dict[str, list[str]] = {}
        for person in people:
            for enrollment in person.enrollments.values():
                latest[enrollment.enrollment_id] = enrollment.row(night)
        for enrollment in self.reos.exits.get(night, []):
            latest[enrollment.enrollment_id] = enrollment.row(night)
        return list(latest.values())
