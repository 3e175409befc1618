"""Job seekers registering in OSOS: who they are, their programs, and whom staff can serve.

Why a module: services, claimants and the participants file all draw on one
population, registered day by day in date order from the ``population`` stream
(``world.World.populate``). People stay on a caseload for up to 90 days after
registering; services go only to people whose caseload span still runs, and the
first night's drop carries everyone still open when the window starts.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from onestop.calendar import BusinessCalendar
from onestop.synthetic import people as words
from onestop.synthetic.draws import CLOSED_DAY_SHARE, MAX_LAG, noisy_count, timestamp
from onestop.synthetic.offices import Offices
from onestop.synthetic.pirl import PirlRecorder
from onestop.synthetic.records import Enrollment, Ids, Office, Person, Window

CASELOAD_DAYS = 90  # services go to people registered within the last 90 days
CASELOAD_TRIES = 50
REGISTRATIONS_PER_SERVICE = 0.22
SSN_WITHHELD_SHARE = 0.05
VETERAN_SHARE = 0.05
AGE_BANDS = ((16, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74))
AGE_WEIGHTS = (15, 24, 22, 20, 15, 4)
SEX_CODES = ("1", "2", "9")
SEX_WEIGHTS = (48, 49, 3)


class Population:
    """The people registered so far, in registration order, and whom staff can serve when.

    ``volume`` is the run's services per night: registrations scale with it.
    ``people`` and ``registration_dates`` run in parallel (sorted by date) and
    lose their oldest entries as ``forget_through`` moves on.
    """

    def __init__(
        self,
        window: Window,
        calendar: BusinessCalendar,
        volume: int,
        offices: Offices,
        ids: Ids,
        pirl: PirlRecorder,
    ) -> None:
        self.window, self.calendar, self.volume = window, calendar, volume
        self.offices, self.ids, self.pirl = offices, ids, pirl
        self.people: list[Person] = []
        self.registration_dates: list[date] = []
        # SSN by participant id for comments that quote it: kept for every participant
        # (a few dozen bytes each), since forget_through drops the people themselves
        self.ssn_by_participant: dict[str, str] = {}

    def sent_on_first_night(self, person: Person) -> bool:
        """Registered before the window, still open on its first night: the first drop carries them.

        Decided from the person alone (not from the services actually drawn), so
        a longer run writes the same first nights as a shorter one.
        """
        return person.active_until >= self.window.start or person.reos_activity

    def can_serve(self, person: Person, day: date) -> bool:
        """Open on ``day``; services dated before the window go only to people still
        open when it starts, so everyone a window service names was delivered."""
        return person.active_until >= max(day, self.window.start)

    def registrations_on(self, day: date, rng: random.Random) -> int:
        """How many people register on ``day``: walk-ins on business days, online otherwise."""
        mean = self.volume * REGISTRATIONS_PER_SERVICE
        if self.calendar.is_business_day(day):
            return max(1, noisy_count(rng, mean))  # every open day has a first-day pool
        return noisy_count(rng, mean * CLOSED_DAY_SHARE)  # online self-registration

    def register(
        self,
        day: date,
        rng: random.Random,
        office: Office | None = None,
        *,
        claimant: bool = False,
        veteran: bool = False,
    ) -> Person:
        """Register one person on ``day`` at ``office`` (drawn when None), with enrollments."""
        sex = rng.choices(SEX_CODES, weights=SEX_WEIGHTS)[0]
        firsts = {"1": words.MALE_FIRST_NAMES, "2": words.FEMALE_FIRST_NAMES}.get(
            sex, words.MALE_FIRST_NAMES + words.FEMALE_FIRST_NAMES
        )
        age = rng.randint(*rng.choices(AGE_BANDS, weights=AGE_WEIGHTS)[0])
        ssn = "" if rng.random() < SSN_WITHHELD_SHARE else f"9{rng.randrange(10**8):08d}"
        person = Person(
            participant_id=self.ids.next("C"),
            ssn=ssn,
            first_name=rng.choice(firsts),
            last_name=rng.choice(words.LAST_NAMES),
            date_of_birth=day - timedelta(days=int(age * 365.25) + rng.randrange(365)),
            sex=sex,
            registration_date=day,
            registered_at=timestamp(day, rng),
            office=office or self.offices.pick_office(rng),
            active_until=day + timedelta(days=int(CASELOAD_DAYS * rng.random() ** 1.5)),
        )
        veteran = veteran or (age >= 20 and rng.random() < VETERAN_SHARE)
        person.pirl = self.pirl.facts(person, age, veteran, claimant)
        for program in programs(age, veteran, claimant, rng):
            person.enrollments[program] = Enrollment(
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

    def registered_on(self, day: date, rng: random.Random) -> Person | None:
        """Someone who registered on ``day``, if anyone did (for first-day services)."""
        low = bisect_left(self.registration_dates, day)
        high = bisect_right(self.registration_dates, day)
        return self.people[rng.randrange(low, high)] if high > low else None

    def from_caseload(self, day: date, rng: random.Random) -> Person | None:
        """Someone registered in the last 90 days whose caseload span still runs."""
        high = bisect_right(self.registration_dates, day)
        low = bisect_left(self.registration_dates, day - timedelta(days=CASELOAD_DAYS))
        for _ in range(CASELOAD_TRIES):
            person = self.people[rng.randrange(low, high)]
            if self.can_serve(person, day):
                return person
        # Rare: fall back on the most recent registrant who is still open, if any.
        return next((p for p in reversed(self.people[low:high]) if self.can_serve(p, day)), None)

    def sent(self, night: date) -> list[Person]:
        """The participants file of ``night``: tonight's registrations, and on the first
        night everyone registered earlier whom the window still serves."""
        low = bisect_left(self.registration_dates, night)
        high = bisect_right(self.registration_dates, night)
        earlier = (
            [p for p in self.people[:low] if self.sent_on_first_night(p)]
            if night == self.window.start
            else []
        )
        return earlier + self.people[low:high]

    def forget_through(self, night: date) -> None:
        """Drop the people no night after ``night`` can serve.

        Later nights serve people registered within a caseload span of their service
        dates, which lie at most MAX_LAG business days (or a Saturday event) before
        the night.
        """
        next_night = night + timedelta(days=1)
        oldest_service = self.calendar.shift_business_days(next_night, -MAX_LAG)
        cutoff = oldest_service - timedelta(days=CASELOAD_DAYS + 7)
        gone = bisect_left(self.registration_dates, cutoff)
        del self.people[:gone], self.registration_dates[:gone]


def programs(age: int, veteran: bool, claimant: bool, rng: random.Random) -> list[str]:
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
