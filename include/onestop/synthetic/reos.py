"""REOS: UI claimants selected for RESEA, their appointments, outcomes and RESEA exits.

Why simulated whole on the selection day: a claimant's RESEA history (an
initial appointment mostly within two weeks of first payment, retries after
no-shows, one subsequent appointment, the exit) is drawn in one go from the
population stream the day REOS selects them, so a night's rows need the
population up to that night only. Each appointment yields two rows of the
appointments file, each on the night it is recorded: the scheduling and the
outcome (the outcome after a short recording lag). Attended appointments lead
to RESEA services in OSOS (``services.ReseaServices``).
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date, timedelta

from onestop.calendar import BusinessCalendar
from onestop.contract import APPOINTMENT_OUTCOME_STATUSES, APPOINTMENTS
from onestop.synthetic.draws import noisy_count, timestamp
from onestop.synthetic.offices import RESEA_ROLES
from onestop.synthetic.population import Population
from onestop.synthetic.records import Claimant, Enrollment, Ids, Window, row
from onestop.synthetic.services import RESEA_CODES, ReseaServices

CLAIMANTS_PER_SERVICE = 0.03
MAX_INITIAL_APPOINTMENTS = 3
SELECTION_REASONS = ("RESEA_PROFILING", "UCX", "OTHER")
SELECTION_WEIGHTS = (85, 10, 5)
INITIAL_OUTCOMES = ("ATTENDED", "FAILED_TO_REPORT", "RESCHEDULED", "EXCUSED")
INITIAL_WEIGHTS = (78, 12, 6, 4)
SUBSEQUENT_OUTCOMES = ("ATTENDED", "FAILED_TO_REPORT", "EXCUSED")
SUBSEQUENT_WEIGHTS = (85, 10, 5)


def draw_scheduling_lag(rng: random.Random) -> int:
    """Business days from first payment to the initial RESEA: most within two weeks."""
    return rng.randint(4, 10) if rng.random() < 0.85 else rng.randint(11, 20)


def draw_outcome_lag(rng: random.Random) -> int:
    """Business days from an appointment to the recording of its outcome: a short tail."""
    u = rng.random()
    if u < 0.70:
        return 0
    if u < 0.85:
        return 1
    if u < 0.95:
        return rng.randint(2, 5)
    return rng.randint(6, 15)


class Reos:
    """Claimants in selection order, and the REOS rows and RESEA exits each night records."""

    def __init__(
        self,
        window: Window,
        calendar: BusinessCalendar,
        population: Population,
        services: ReseaServices,
        ids: Ids,
    ) -> None:
        self.window, self.calendar, self.ids = window, calendar, ids
        self.population, self.services = population, services
        self.claimants: list[Claimant] = []
        self.selection_dates: list[date] = []
        # Rows of the appointments file, and enrollments exiting RESEA, by night recorded.
        self.appointment_rows: dict[date, list[list[str]]] = defaultdict(list)
        self.exits: dict[date, list[Enrollment]] = defaultdict(list)

    def select_on(self, day: date, rng: random.Random) -> None:
        """REOS selects the business day's claimants (a share of the services volume)."""
        for _ in range(noisy_count(rng, self.population.volume * CLAIMANTS_PER_SERVICE)):
            self._select(day, rng)

    def _select(self, selection_date: date, rng: random.Random) -> None:
        """A claimant selected today registers in OSOS today; RESEA then runs its course."""
        reason = rng.choices(SELECTION_REASONS, weights=SELECTION_WEIGHTS)[0]
        first_payment = self.calendar.shift_business_days(selection_date, -rng.randint(0, 3))
        filed = first_payment - timedelta(days=rng.randint(7, 17))
        office = self.population.offices.pick_office(rng)
        person = self.population.register(
            selection_date, rng, office, claimant=True, veteran=reason == "UCX"
        )
        claimant = Claimant(
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

    def _run_resea(self, claimant: Claimant, rng: random.Random) -> None:
        """Initial appointment mostly within two weeks of first payment; retry after no-shows."""
        scheduled_on = claimant.selection_date
        appointment_date = self.calendar.shift_business_days(
            claimant.first_payment_date, draw_scheduling_lag(rng)
        )
        for _ in range(MAX_INITIAL_APPOINTMENTS):
            appointment_id, status, recorded_on = self._appointment(
                claimant, "INITIAL", scheduled_on, appointment_date, rng
            )
            if status == "ATTENDED":
                self._services(claimant, appointment_id, appointment_date, "INITIAL", rng)
                self._subsequent(claimant, appointment_date, rng)
                return
            if status == "RESCHEDULED":
                scheduled_on = recorded_on
            elif status == "FAILED_TO_REPORT" and rng.random() < 0.6:
                scheduled_on = self.calendar.shift_business_days(recorded_on, rng.randint(1, 5))
            else:
                break
            appointment_date = self.calendar.shift_business_days(scheduled_on, rng.randint(3, 10))
        self._exit(claimant, recorded_on, rng)

    def _subsequent(self, claimant: Claimant, held_on: date, rng: random.Random) -> None:
        """One subsequent RESEA, set up at the initial meeting for 10–20 business days on."""
        subsequent_date = self.calendar.shift_business_days(held_on, rng.randint(10, 20))
        appointment_id, status, closed_on = self._appointment(
            claimant, "SUBSEQUENT", held_on, subsequent_date, rng
        )
        if status == "ATTENDED":
            self._services(claimant, appointment_id, subsequent_date, "SUBSEQUENT", rng)
        self._exit(claimant, closed_on, rng)

    def _appointment(
        self,
        claimant: Claimant,
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
            self._record_status(
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
            return self.calendar.shift_business_days(appointment_date, draw_outcome_lag(rng))
        between = []
        day = self.calendar.shift_business_days(scheduled_on, 1)
        while day < appointment_date:
            between.append(day)
            day = self.calendar.shift_business_days(day, 1)
        return rng.choice(between) if between else None

    def _record_status(
        self, claimant: Claimant, day: date, rng: random.Random, values: dict[str, str]
    ) -> None:
        """One appointments row, recorded on ``day`` by a REOS-enabled account."""
        values["status_recorded_at"] = timestamp(day, rng)
        values["status_staff_id"] = self.population.offices.staff_for(
            claimant.office.office_id, RESEA_ROLES, rng, reos=True
        )
        if self.window.covers(day):
            self.appointment_rows[day].append(row(APPOINTMENTS, values))
        if day >= self.window.start:
            claimant.reos_activity = claimant.person.reos_activity = True

    def _services(
        self, claimant: Claimant, appointment_id: str, held_on: date, kind: str, rng: random.Random
    ) -> None:
        """The RESEA services of an attended appointment (INITIAL or SUBSEQUENT)."""
        entered_on = self.services.record(
            claimant.person, claimant.office, appointment_id, held_on, RESEA_CODES[kind], rng
        )
        if entered_on is not None and entered_on >= self.window.start:
            claimant.person.reos_activity = True

    def _exit(self, claimant: Claimant, exit_date: date, rng: random.Random) -> None:
        enrollment = claimant.person.enrollments["RESEA"]
        enrollment.exit_date = exit_date
        enrollment.exit_recorded_at = timestamp(exit_date, rng)
        if self.window.covers(exit_date):
            self.exits[exit_date].append(enrollment)
        if exit_date >= self.window.start:
            claimant.person.reos_activity = True

    def sent(self, night: date) -> list[Claimant]:
        """The claimants file of ``night``: tonight's selections, and on the first night
        everyone selected earlier who has REOS rows in the window."""
        low = bisect_left(self.selection_dates, night)
        high = bisect_right(self.selection_dates, night)
        earlier = (
            [c for c in self.claimants[:low] if c.reos_activity]
            if night == self.window.start
            else []
        )
        return earlier + self.claimants[low:high]

    def forget_through(self, night: date) -> None:
        """Drop ``night``'s rows and the claimants it sent: later nights never send them."""
        self.appointment_rows.pop(night, None)
        self.exits.pop(night, None)
        gone = bisect_left(self.selection_dates, night + timedelta(days=1))
        del self.claimants[:gone], self.selection_dates[:gone]
