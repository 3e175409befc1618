"""Career centers and their staff accounts: about 90 offices over the 33 LWDAs.

Why a module: every row the world writes names an office and, for entries, a
staff account of a role that fits the work (a DVOP for JVSG, a counselor for
training, a REOS-enabled account for REOS statuses). Offices and staff are
drawn once per run from their own streams, so they never shift other columns.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from onestop.synthetic import access
from onestop.synthetic import people as words
from onestop.synthetic.draws import cumulative, random_day, stream
from onestop.synthetic.records import Office, Staff

CLOSED_AFFILIATE_SHARE = 0.05
INACTIVE_STAFF_SHARE = 0.08
GENERAL_ROLES = ("CSR", "COUNSELOR", "CLERICAL")
RESEA_ROLES = ("COUNSELOR", "CSR")


class Offices:
    """The offices, their staff (with employers and systems), and who can do what.

    ``offices`` and ``staff`` are every office and account ever opened (the
    snapshot rows); only open offices and active accounts receive new work.
    """

    def __init__(self, seed: int, start: date, organizations: list[access.Organization]) -> None:
        self.offices = build_offices(stream(seed, "offices"), start)
        staff = build_staff(self.offices, stream(seed, "staff"), start)
        # TA 17-7 access: employers and systems, from their own stream.
        self.staff = access.assign_employers(
            staff,
            {o.office_id: o for o in self.offices},
            organizations,
            stream(seed, "organizations"),
        )
        self.active_staff: dict[str, list[Staff]] = defaultdict(list)
        for member in self.staff:
            if member.active_to is None:
                self.active_staff[member.office_id].append(member)
        self.open_offices = [o for o in self.offices if o.closed is None]
        self.office_weights = list(
            cumulative(len(self.active_staff[o.office_id]) for o in self.open_offices)
        )
        self.lwda_offices: dict[str, list[Office]] = defaultdict(list)
        for office in self.open_offices:
            self.lwda_offices[office.lwda_code].append(office)

    def pick_office(self, rng: random.Random) -> Office:
        """Offices weighted by their active staff: bigger centers see more people."""
        return rng.choices(self.open_offices, cum_weights=self.office_weights)[0]

    def staff_for(
        self, office_id: str, roles: tuple[str, ...], rng: random.Random, reos: bool = False
    ) -> str:
        """An active account of the office, of a preferred role; for REOS one with REOS access
        (every office's supervisor has it)."""
        staff = self.active_staff[office_id]
        if reos:
            staff = [s for s in staff if s.systems in ("REOS", "BOTH")]
        preferred = [s for s in staff if s.role in roles]
        return rng.choice(preferred or staff).staff_id

    def staff_per_organization(self) -> dict[str, int]:
        """Active accounts per employer id: the busiest partners come first for defects."""
        count: dict[str, int] = defaultdict(int)
        for member in self.staff:
            if member.active_to is None:
                count[member.organization_id] += 1
        return count

    def osos_only_staff(self) -> dict[str, list[str]]:
        """Office id -> ids of its active accounts that have OSOS access only."""
        return {
            office: [s.staff_id for s in staff if s.systems == "OSOS"]
            for office, staff in self.active_staff.items()
        }


def build_offices(rng: random.Random, start: date) -> list[Office]:
    """About 90 offices: the first place of each LWDA is its comprehensive center."""
    offices = []
    latest_opening = min(date(2016, 12, 31), start - timedelta(days=365))
    for lwda_code, places in words.OFFICE_PLACES.items():
        for number, place in enumerate(places, start=1):
            comprehensive = number == 1
            opened = random_day(rng, date(2000, 7, 1), latest_opening)
            closed = None
            if not comprehensive and rng.random() < CLOSED_AFFILIATE_SHARE:
                closed = random_day(rng, opened + timedelta(days=730), start - timedelta(days=60))
            offices.append(
                Office(
                    office_id=f"NY{lwda_code}-{number:03d}",
                    name=f"{place} Career Center" + ("" if comprehensive else " — Affiliate"),
                    lwda_code=lwda_code,
                    office_type="COMPREHENSIVE" if comprehensive else "AFFILIATE",
                    opened=opened,
                    closed=closed if closed is not None and closed < start else None,
                )
            )
    return offices


def build_staff(offices: list[Office], rng: random.Random, start: date) -> list[Staff]:
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
            active_from = random_day(rng, office.opened, last_start)
            active_to = office.closed
            if active_to is None and position >= 2 and rng.random() < INACTIVE_STAFF_SHARE:
                active_to = random_day(rng, active_from, start - timedelta(days=1))
            staff.append(Staff(f"U{number:07d}", office.office_id, role, active_from, active_to))
    return staff
