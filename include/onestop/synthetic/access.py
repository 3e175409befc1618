"""Synthetic TA 17-7 access: partner organizations, staff systems and confidentiality agreements.

Kept apart from ``world`` because it is its own small world: who employs each
staff account, which systems the account can use, and which agreements the
person and the organization signed with NYSDOL, with realistic histories (terms
that run out and are renewed shortly before, agreements revoked when an account
closes). It draws from its own random streams, so adding it changed no other
column of the drops.

Assumptions (synthetic, not from TA 17-7): organization agreements run five
years and partner staff's individual agreements three; both are renewed up to
45 days before they end. NYSDOL staff's individual agreements are open-ended
and end (are revoked) the day after the account closes.

Three labelled defects of this world (applied before any drop is written; declared,
with every other kind, in ``defects``):

- ``lapsed_individual_agreement``: a staff user who records entries on the
  defect's night loses the individual agreement for that system from that night
  on (``end_date`` = the night, no renewal);
- ``wrong_agreement_type``: a partner organization's OSOS agreement is of the
  kind the other partner type signs (a state agency holding an interagency
  agreement, or the reverse);
- ``reos_entry_osos_only_user``: a REOS status record of the night is recorded
  by an account of the same office that only has OSOS access (and no REOS
  individual agreement).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from onestop.contract import (
    ACCESS_AGREEMENTS,
    LWDAS,
    PARTNER_ORGANIZATIONS,
    REQUIRED_ORGANIZATION_AGREEMENT,
)

NYSDOL_ID = "ORG0001"
STATE_AGENCIES = (
    "NYS Office of Temporary and Disability Assistance",
    "NYSED Adult Career and Continuing Education Services-Vocational Rehabilitation",
    "NYS Office of Children and Family Services",
)
COMMUNITY_PARTNERS = (
    "Community Action Partnership",
    "Goodwill Industries of New York",
    "Literacy Volunteers of New York",
)
ORGANIZATION_TERM_YEARS = 5
PARTNER_INDIVIDUAL_TERM_YEARS = 3
RENEWAL_LEAD_DAYS = 45
# Where non-supervisor staff work, and which systems they get, by employer.
EMPLOYER_WEIGHTS = {"NYSDOL": 45, "LWDB": 40, "STATE_AGENCY": 10, "COMMUNITY": 5}
NYSDOL_REOS_SHARE = 0.7
STATE_AGENCY_REOS_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Organization:
    organization_id: str
    name: str
    partner_type: str

    def row(self) -> list[str]:
        values = {
            "organization_id": self.organization_id,
            "organization_name": self.name,
            "partner_type": self.partner_type,
        }
        return [values[name] for name in PARTNER_ORGANIZATIONS.column_names]


@dataclass(frozen=True, slots=True)
class Agreement:
    agreement_id: str
    kind: str
    system: str
    staff_id: str  # the holder of an individual agreement, else ""
    organization_id: str  # the holder of an organization agreement, else ""
    signed: date
    ends: date | None  # first day no longer covered; None while open-ended

    def row(self) -> list[str]:
        values = {
            "agreement_id": self.agreement_id,
            "agreement_kind": self.kind,
            "system": self.system,
            "holder_staff_id": self.staff_id,
            "holder_organization_id": self.organization_id,
            "signed_date": self.signed.isoformat(),
            "end_date": self.ends.isoformat() if self.ends else "",
        }
        return [values[name] for name in ACCESS_AGREEMENTS.column_names]

    def covers(self, day: date) -> bool:
        return self.signed <= day and (self.ends is None or day < self.ends)


def build_organizations() -> list[Organization]:
    """NYSDOL, three state agency partners, one workforce board per LWDA, a few nonprofits."""
    organizations = [Organization(NYSDOL_ID, "New York State Department of Labor", "NYSDOL")]
    for name in STATE_AGENCIES:
        organizations.append(Organization(_org_id(len(organizations)), name, "STATE_AGENCY"))
    for area in LWDAS.values():
        organizations.append(
            Organization(
                _org_id(len(organizations)), f"{area} Workforce Development Board", "NON_STATE"
            )
        )
    for name in COMMUNITY_PARTNERS:
        organizations.append(Organization(_org_id(len(organizations)), name, "NON_STATE"))
    return organizations


def _org_id(index: int) -> str:
    return f"ORG{index + 1:04d}"


def assign_employers(staff: list, offices: dict, organizations: list[Organization], rng):
    """Give each staff account an employer and its systems (a supervisor and DVOP are NYSDOL)."""
    boards = {o.name.removesuffix(" Workforce Development Board"): o for o in organizations}
    agencies = [o for o in organizations if o.partner_type == "STATE_AGENCY"]
    community = [o for o in organizations if o.organization_id != NYSDOL_ID][-3:]
    assigned = []
    for member in staff:
        employer = rng.choices(tuple(EMPLOYER_WEIGHTS), weights=tuple(EMPLOYER_WEIGHTS.values()))[0]
        reos = rng.random()
        if member.role in ("SUPERVISOR", "DVOP"):
            employer, reos = "NYSDOL", 0.0
        if employer == "NYSDOL":
            organization, both = NYSDOL_ID, reos < NYSDOL_REOS_SHARE
        elif employer == "LWDB":
            organization, both = boards[LWDAS[offices[member.office_id].lwda_code]], False
            organization = organization.organization_id
        elif employer == "STATE_AGENCY":
            organization = rng.choice(agencies).organization_id
            both = reos < STATE_AGENCY_REOS_SHARE
        else:
            organization, both = rng.choice(community).organization_id, False
        assigned.append(
            replace(member, organization_id=organization, systems="BOTH" if both else "OSOS")
        )
    return assigned


class AgreementBook:
    """Every agreement ever signed, and the rows a night's snapshot carries."""

    def __init__(
        self, staff: list, organizations: list[Organization], rng: random.Random, end: date
    ) -> None:
        self.end = end
        self.agreements: list[Agreement] = []
        self._rng = rng
        self._number = 4000
        partner_staff_systems: dict[str, set[str]] = {}
        for member in staff:
            systems = ("OSOS", "REOS") if member.systems == "BOTH" else (member.systems,)
            partner_staff_systems.setdefault(member.organization_id, set()).update(systems)
            for system in systems:
                self._individual(member, system)
        for organization in organizations:
            kind = REQUIRED_ORGANIZATION_AGREEMENT.get(organization.partner_type)
            if kind is None:
                continue
            for system in sorted(partner_staff_systems.get(organization.organization_id, ())):
                first = date(2012, 1, 1) + timedelta(days=rng.randrange(8 * 365))
                self._chain(
                    kind,
                    system,
                    "",
                    organization.organization_id,
                    first,
                    ORGANIZATION_TERM_YEARS,
                    None,
                )

    def _individual(self, member, system: str) -> None:
        signed = member.active_from - timedelta(days=self._rng.randint(0, 20))
        revoked = member.active_to + timedelta(days=1) if member.active_to else None
        years = None if member.organization_id == NYSDOL_ID else PARTNER_INDIVIDUAL_TERM_YEARS
        self._chain("INDIVIDUAL", system, member.staff_id, "", signed, years, revoked)

    def _chain(
        self,
        kind: str,
        system: str,
        staff_id: str,
        organization_id: str,
        signed: date,
        years: int | None,
        revoked: date | None,
    ) -> None:
        """One agreement and its renewals, until revoked or past the last night."""
        while True:
            ends = _add_years(signed, years) if years else None
            if revoked is not None and (ends is None or revoked < ends):
                ends = revoked
            self._number += self._rng.randint(1, 9)
            self.agreements.append(
                Agreement(
                    f"AG{self._number:07d}", kind, system, staff_id, organization_id, signed, ends
                )
            )
            if ends is None or ends == revoked:
                return
            signed = ends - timedelta(days=self._rng.randint(1, RENEWAL_LEAD_DAYS))
            if signed > self.end:
                return

    def rows(self, night: date) -> list[list[str]]:
        """The night's snapshot: every agreement signed on or before the night, by id."""
        return [a.row() for a in self.on(night)]

    def on(self, night: date) -> list[Agreement]:
        return [a for a in self.agreements if a.signed <= night]

    def line_of(self, agreement: Agreement, night: date) -> int:
        return self.on(night).index(agreement) + 2  # line 1 is the header

    def current(self, holder: str, system: str, day: date, kind: str | None = None):
        return next(
            (
                a
                for a in self.agreements
                if holder in (a.staff_id, a.organization_id)
                and a.system == system
                and (kind is None or a.kind == kind)
                and a.covers(day)
            ),
            None,
        )

    def lapse(self, agreement: Agreement, day: date) -> Agreement:
        """End an agreement on ``day`` and drop its later renewals: nobody re-signed it."""
        lapsed = replace(agreement, ends=day)
        self.agreements = [
            lapsed if a is agreement else a
            for a in self.agreements
            if a is agreement
            or not (
                a.kind == agreement.kind
                and a.system == agreement.system
                and a.staff_id == agreement.staff_id
                and a.organization_id == agreement.organization_id
                and a.signed > agreement.signed
            )
        ]
        return lapsed

    def change_kind(self, agreement: Agreement, kind: str) -> Agreement:
        changed = replace(agreement, kind=kind)
        self.agreements = [changed if a is agreement else a for a in self.agreements]
        return changed


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# ---------------------------------------------------------------------------
# Labelled defects of this world: each returns the effect part of its label
# ---------------------------------------------------------------------------


def lapse_individual_agreements(
    book: AgreementBook,
    entries: list[tuple[str, str]],
    night: date,
    count: int,
    rng: random.Random,
) -> dict:
    """Lapse, on ``night``, the individual agreement of ``count`` users who record entries
    that night (``entries``: (staff id, system) pairs)."""
    candidates = sorted(
        {
            (staff_id, system)
            for staff_id, system in entries
            if book.current(staff_id, system, night, "INDIVIDUAL") is not None
        }
    )
    if len(candidates) < count:
        raise ValueError(
            f"cannot inject lapsed_individual_agreement x{count}: only {len(candidates)} "
            f"users with entries and a current agreement on {night}"
        )
    picked = rng.sample(candidates, count)
    originals, lapsed = [], []
    for staff_id, system in picked:
        agreement = book.current(staff_id, system, night, "INDIVIDUAL")
        originals.append(agreement.ends.isoformat() if agreement.ends else "")
        lapsed.append(book.lapse(agreement, night))
    return {
        "column": "end_date",
        "rows": [book.line_of(a, night) for a in lapsed],
        "values": [night.isoformat()] * count,
        "original": originals,
        "agreement_ids": [a.agreement_id for a in lapsed],
        "staff_ids": [a.staff_id for a in lapsed],
        "systems": [a.system for a in lapsed],
    }


def give_wrong_agreement_kind(
    book: AgreementBook,
    organizations: list[Organization],
    staff_per_organization: dict[str, int],
    night: date,
    count: int,
    rng: random.Random,
) -> dict:
    """Swap the OSOS agreement current on ``night`` of one of the busiest partners to the
    other partner type's kind."""
    partners = [
        o
        for o in organizations
        if o.partner_type in REQUIRED_ORGANIZATION_AGREEMENT
        and book.current(o.organization_id, "OSOS", night) is not None
    ]
    partners.sort(key=lambda o: (-staff_per_organization.get(o.organization_id, 0), o.name))
    if len(partners) < count:
        raise ValueError(f"cannot inject wrong_agreement_type x{count}: {len(partners)} partners")
    picked = rng.sample(partners[: max(3, count)], count)
    originals, changed = [], []
    for organization in picked:
        agreement = book.current(organization.organization_id, "OSOS", night)
        wrong = next(
            kind
            for kind in REQUIRED_ORGANIZATION_AGREEMENT.values()
            if kind != REQUIRED_ORGANIZATION_AGREEMENT[organization.partner_type]
        )
        originals.append(agreement.kind)
        changed.append(book.change_kind(agreement, wrong))
    return {
        "column": "agreement_kind",
        "rows": [book.line_of(a, night) for a in changed],
        "values": [a.kind for a in changed],
        "original": originals,
        "agreement_ids": [a.agreement_id for a in changed],
        "organization_ids": [a.organization_id for a in changed],
    }


def record_by_osos_only_users(
    rows: list[list[str]],
    osos_only: dict[str, list[str]],
    count: int,
    rng: random.Random,
) -> dict:
    """Have ``count`` REOS status rows recorded by an OSOS-only account of the same office
    (``osos_only``: office id -> such staff ids). Edits ``rows`` in place."""
    from onestop.contract import APPOINTMENTS

    names = APPOINTMENTS.column_names
    office_at, staff_at = names.index("office_id"), names.index("status_staff_id")
    candidates = [i for i, row in enumerate(rows) if osos_only.get(row[office_at])]
    if len(candidates) < count:
        raise ValueError(
            f"cannot inject reos_entry_osos_only_user x{count}: only {len(candidates)} "
            "REOS rows at offices with OSOS-only staff that night"
        )
    picked = sorted(rng.sample(candidates, count))
    original = [rows[i][staff_at] for i in picked]
    for i in picked:
        rows[i][staff_at] = rng.choice(osos_only[rows[i][office_at]])
    return {
        "column": "status_staff_id",
        "rows": [i + 2 for i in picked],
        "values": [rows[i][staff_at] for i in picked],
        "original": original,
    }
