"""The extract contract: what one night's drop from OSOS and REOS holds.

This module is the single machine-readable statement of the contract. The
generator writes files that follow it, ingest reads files by it, the gate
checks files against it (the GX suites under ``expectations/`` take their
column lists and code lists from here as suite parameters), and
``docs/extract-contract.md`` is rendered from it (``onestop contract-doc``).

A drop for extract date D (the day whose activity it carries) is a folder
``<landing>/D/`` holding one UTF-8 CSV with a header per entity, named
``<system>_<entity>_<YYYYMMDD>.csv``, and a control file
``onestop_control_<YYYYMMDD>.json`` written last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class Pii(str, Enum):
    """How a column is protected on its way from the landing file to the warehouse."""

    NONE = "none"
    PSEUDONYMISE = "pseudonymise"  # replaced by an HMAC-SHA256 key column `<name>_key`
    DROP = "drop"  # never leaves the landing database (names)
    SSN = "ssn"  # becomes `has_ssn` and `ssn_key`
    # becomes `birth_year`, `birth_month`, `date_of_birth_key` and `date_of_birth_status`
    BIRTH_DATE = "birth_date"
    # free text staff type: SSN-shaped numbers are replaced by `[SSN REDACTED]` at ingest,
    # and `<name>_ssn_redactions` counts them
    FREE_TEXT = "free_text"


class CheckedBy(str, Enum):
    """Who judges a column's codes and format, and what a bad value does to the night.

    Keys, structure and the dates the pipeline computes with are checked by the
    gate: one bad value blocks the night, because nothing downstream can be
    trusted without them. Facts that only matter for federal reporting (the PIRL
    elements) are checked by the readiness marts instead: a missing or invalid
    value is loaded as delivered and becomes a finding in
    ``marts.fct_reporting_edit_checks``, because blocking a whole night for one
    participant's unknown sex code would hide every other record from staff.
    """

    GATE = "gate"
    READINESS = "readiness"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # the contract type: string, date, timestamp, integer, code
    description: str
    required: bool = False
    codes: tuple[str, ...] = ()
    pii: Pii = Pii.NONE
    example: str = ""
    checked_by: CheckedBy = CheckedBy.GATE
    pirl: int | None = None  # the PIRL (ETA-9172) data element the column carries

    @property
    def pattern(self) -> str | None:
        """The regular expression a non-empty value must match, by contract type."""
        return {
            "date": r"^\d{4}-\d{2}-\d{2}$",
            "timestamp": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$",
            "integer": r"^-?\d+$",
        }.get(self.type)


@dataclass(frozen=True)
class Entity:
    system: str  # osos or reos
    name: str  # e.g. services
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    delivery: (
        str  # "snapshot" (every row, every night) or "delta" (rows created or changed that day)
    )
    # (later, earlier) pairs: the first column (a timestamp's local date, or a date) must
    # not fall before the second (a date).
    not_before: tuple[tuple[str, str], ...] = ()
    # The same, only on rows whose code column holds one of the codes:
    # (later, earlier, code column, codes).
    not_before_when: tuple[tuple[str, str, str, tuple[str, ...]], ...] = ()
    # date columns that must not be after the extract date
    not_after_extract: tuple[str, ...] = ()
    # Rules that need rows of another file or an earlier drop; checked in the warehouse by
    # dbt tests whose failure refuses the night's publish (prose, for the document).
    warehouse_rules: tuple[str, ...] = ()

    @property
    def table(self) -> str:
        """The table name in the landing database and in the warehouse's raw schema."""
        return f"{self.system}__{self.name}"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def file_name(self, extract_date: date) -> str:
        return f"{self.system}_{self.name}_{extract_date:%Y%m%d}.csv"


def control_file_name(extract_date: date) -> str:
    return f"onestop_control_{extract_date:%Y%m%d}.json"


# ---------------------------------------------------------------------------
# Code lists
# ---------------------------------------------------------------------------

#: The 33 Local Workforce Development Areas (2004 list of LWIAs; some later renamed).
LWDAS: dict[str, str] = {
    f"{i:02d}": name
    for i, name in enumerate(
        [
            "Albany/Rensselaer/Schenectady",
            "Broome/Tioga",
            "Cattaraugus/Allegany",
            "Cayuga/Cortland",
            "Chautauqua",
            "Chemung/Schuyler/Steuben",
            "Chenango/Delaware/Otsego",
            "Clinton/Essex/Franklin/Hamilton",
            "Columbia/Greene",
            "Dutchess",
            "Erie",
            "Fulton/Montgomery/Schoharie",
            "GLOW",
            "Hempstead/Long Beach",
            "Jefferson/Lewis",
            "Monroe",
            "New York City",
            "Niagara",
            "Oneida/Herkimer/Madison",
            "Onondaga",
            "Ontario/Seneca/Wayne/Yates",
            "Orange",
            "Oswego",
            "Oyster Bay/North Hempstead/Glen Cove",
            "Rockland",
            "Saratoga/Warren/Washington",
            "St. Lawrence",
            "Suffolk",
            "Sullivan",
            "Tompkins",
            "Ulster",
            "Westchester/Putnam",
            "Yonkers",
        ],
        start=1,
    )
}

#: Programs a participant can be enrolled in.
PROGRAMS: dict[str, str] = {
    "WIOA_ADULT": "WIOA Title I Adult",
    "WIOA_DW": "WIOA Title I Dislocated Worker",
    "WIOA_YOUTH": "WIOA Title I Youth",
    "WAGNER_PEYSER": "Wagner-Peyser Employment Service (Title III)",
    "RESEA": "Reemployment Services and Eligibility Assessment",
    "TAA": "Trade Adjustment Assistance",
    "JVSG": "Jobs for Veterans State Grants",
}


@dataclass(frozen=True)
class ServiceType:
    code: str
    name: str
    # self_service, information_only, staff_assisted, individualized, training,
    # follow_up or supportive
    category: str
    programs: tuple[str, ...]  # programs that record this service


#: OSOS service catalogue (synthetic, shaped on NYSDOL's Level 1/Level 2 service definitions).
SERVICE_TYPES: tuple[ServiceType, ...] = (
    ServiceType("100", "Orientation to One-Stop Services", "information_only", ("WAGNER_PEYSER",)),
    ServiceType(
        "101", "Initial Assessment", "staff_assisted", ("WAGNER_PEYSER", "WIOA_ADULT", "WIOA_DW")
    ),
    ServiceType(
        "102",
        "Job Search Assistance",
        "staff_assisted",
        ("WAGNER_PEYSER", "WIOA_ADULT", "WIOA_DW", "JVSG"),
    ),
    ServiceType(
        "103", "Job Referral", "staff_assisted", ("WAGNER_PEYSER", "WIOA_ADULT", "WIOA_DW", "JVSG")
    ),
    ServiceType(
        "104", "Labor Market Information (Self-Service)", "self_service", ("WAGNER_PEYSER",)
    ),
    ServiceType(
        "105",
        "Resume Preparation Assistance",
        "staff_assisted",
        ("WAGNER_PEYSER", "WIOA_ADULT", "WIOA_DW", "WIOA_YOUTH"),
    ),
    ServiceType(
        "106",
        "Career Guidance and Counseling",
        "individualized",
        ("WIOA_ADULT", "WIOA_DW", "WIOA_YOUTH", "JVSG"),
    ),
    ServiceType(
        "107",
        "Comprehensive Assessment",
        "individualized",
        ("WIOA_ADULT", "WIOA_DW", "WIOA_YOUTH", "TAA"),
    ),
    ServiceType(
        "108",
        "Individual Employment Plan",
        "individualized",
        ("WIOA_ADULT", "WIOA_DW", "TAA", "JVSG"),
    ),
    ServiceType(
        "109",
        "Workshop: Interviewing Skills",
        "staff_assisted",
        ("WAGNER_PEYSER", "WIOA_ADULT", "WIOA_DW", "WIOA_YOUTH"),
    ),
    ServiceType(
        "110",
        "Supportive Service: Transportation",
        "supportive",
        ("WIOA_ADULT", "WIOA_DW", "WIOA_YOUTH"),
    ),
    ServiceType(
        "111", "Occupational Skills Training (ITA)", "training", ("WIOA_ADULT", "WIOA_DW", "TAA")
    ),
    ServiceType("112", "On-the-Job Training", "training", ("WIOA_ADULT", "WIOA_DW", "TAA")),
    ServiceType("113", "Follow-up Contact", "follow_up", ("WIOA_ADULT", "WIOA_DW", "WIOA_YOUTH")),
    ServiceType("114", "Youth Work Experience", "training", ("WIOA_YOUTH",)),
    ServiceType("120", "RESEA Orientation", "staff_assisted", ("RESEA",)),
    ServiceType(
        "121", "RESEA Initial Assessment and Eligibility Review", "individualized", ("RESEA",)
    ),
    ServiceType("122", "RESEA Subsequent Appointment", "individualized", ("RESEA",)),
    ServiceType("130", "Veterans Case Management (DVOP)", "individualized", ("JVSG",)),
    ServiceType("140", "TAA Benefits Counseling", "individualized", ("TAA",)),
    ServiceType("365", "Disaster Relief Assistance", "supportive", ("WIOA_DW",)),
)

#: The OSOS services that record a RESEA appointment: what reconciliation looks for.
RESEA_SERVICE_CODES: tuple[str, ...] = tuple(s.code for s in SERVICE_TYPES if "RESEA" in s.programs)

STAFF_ROLES: dict[str, str] = {
    "CSR": "Customer service representative",
    "COUNSELOR": "Employment counselor",
    "DVOP": "Disabled Veterans' Outreach Program specialist",
    "SUPERVISOR": "Office supervisor",
    "CLERICAL": "Clerical staff",
}

OFFICE_TYPES: dict[str, str] = {
    "COMPREHENSIVE": "Comprehensive career center",
    "AFFILIATE": "Affiliate site",
}

# PIRL code lists. Backing as in the project's domain notes: [V] seen in the ETA-9172
# text, [3P] seen only in third-party copies, [M] unverified. Check the [3P] and [M]
# lists against the current official PIRL before relying on them.
SEX_CODES: dict[str, str] = {"1": "Male", "2": "Female", "9": "Did not self-identify"}  # [V]
YES_NO_UNDISCLOSED: dict[str, str] = {  # 202, 210-215: 1/0 [3P]; 9 [M]
    "1": "Yes",
    "0": "No",
    "9": "Did not self-identify / not disclosed",
}
YES_NO: dict[str, str] = {"1": "Yes", "0": "No"}  # 300, 802 [3P]
EMPLOYMENT_STATUS_CODES: dict[str, str] = {  # PIRL 400 [3P]
    "1": "Employed",
    "2": "Employed, but received notice of termination or military separation pending",
    "3": "Not in labor force",
    "0": "Unemployed",
}
UC_ELIGIBLE_CODES: dict[str, str] = {  # PIRL 401: answers [3P], numeric codes [M]
    "1": "Eligible claimant referred by WPRS",
    "2": "Eligible claimant not referred by WPRS",
    "3": "Exhaustee",
    "0": "Neither claimant nor exhaustee",
}
EDUCATION_LEVEL_CODES: dict[str, str] = {  # PIRL 408 [3P]
    "1": "Secondary school diploma",
    "2": "Secondary school equivalency",
    "3": "Completed an IEP",
    "4": "One or more years of postsecondary education",
    "5": "Postsecondary technical or vocational certificate",
    "6": "Associate degree",
    "7": "Bachelor's degree",
    "8": "Degree beyond a bachelor's",
    "0": "No educational level completed",
}
SCHOOL_STATUS_CODES: dict[str, str] = {  # PIRL 409 [3P]
    "1": "In-school, secondary school or less",
    "2": "In-school, alternative school",
    "3": "In-school, postsecondary school",
    "4": "Not attending school or secondary school dropout",
    "5": "Not attending school; secondary school graduate or equivalent",
    "6": "Not attending school; within age of compulsory attendance",
}

SELECTION_REASONS: dict[str, str] = {
    "RESEA_PROFILING": "Selected by the RESEA profiling model",
    "UCX": "Ex-servicemember claimant (UCX)",
    "OTHER": "Other selection",
}

APPOINTMENT_TYPES: dict[str, str] = {"INITIAL": "Initial RESEA", "SUBSEQUENT": "Subsequent RESEA"}

APPOINTMENT_STATUSES: dict[str, str] = {
    "SCHEDULED": "Scheduled, no outcome yet",
    "ATTENDED": "Attended",
    "FAILED_TO_REPORT": "Failed to report",
    "RESCHEDULED": "Rescheduled",
    "EXCUSED": "Excused",
}

#: Statuses that record what happened at (or after) the appointment: recorded on or after
#: the appointment date, and timed by the outcome-entry lag. SCHEDULED has no outcome yet;
#: RESCHEDULED is recorded before the appointment it replaces.
APPOINTMENT_OUTCOME_STATUSES: tuple[str, ...] = ("ATTENDED", "FAILED_TO_REPORT", "EXCUSED")


#: Who a partner organization is, for TA 17-7 (WDS-TA 17-7, "OSOS and REOS
#: confidentiality agreements"). NYSDOL owns the data: its staff sign individual
#: agreements only.
PARTNER_TYPES: dict[str, str] = {
    "NYSDOL": "New York State Department of Labor (the data owner)",
    "STATE_AGENCY": "State Agency Partner",
    "NON_STATE": "Non-State Agency Partner",
}

#: The systems an agreement or a staff account covers.
SYSTEMS: dict[str, str] = {
    "OSOS": "One-Stop Operating System",
    "REOS": "Re-Employment Operating System",
}

#: Which systems a staff account can use.
STAFF_SYSTEMS: dict[str, str] = {"OSOS": "OSOS only", "REOS": "REOS only", "BOTH": "OSOS and REOS"}

#: TA 17-7 agreement kinds (attachments A-E).
AGREEMENT_KINDS: dict[str, str] = {
    "INDIVIDUAL": "Individual Access and Confidentiality Agreement (Attachment A)",
    "STATE_MOU": "State Agency MOU (Attachment B for OSOS, C for REOS)",
    "INTERAGENCY": "Interagency Agreement (Attachment D for OSOS, E for REOS)",
}

#: The organization agreement each partner type needs, per system (NYSDOL needs none).
REQUIRED_ORGANIZATION_AGREEMENT: dict[str, str] = {
    "STATE_AGENCY": "STATE_MOU",
    "NON_STATE": "INTERAGENCY",
}


def _codes(d: dict[str, str]) -> tuple[str, ...]:
    return tuple(d)


def _pirl_code(name: str, description: str, codes: dict[str, str], pirl: int) -> Column:
    """A coded PIRL fact of a participant: optional, judged by the readiness marts."""
    return Column(
        name,
        "code",
        description,
        codes=_codes(codes),
        checked_by=CheckedBy.READINESS,
        pirl=pirl,
    )


# ---------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------

OFFICES = Entity(
    system="osos",
    name="offices",
    description="Career-center offices and the LWDA each belongs to.",
    key=("office_id",),
    delivery="snapshot",
    columns=(
        Column("office_id", "string", "OSOS office identifier", True, example="NY17-004"),
        Column("office_name", "string", "Office name", True, example="Brooklyn Career Center"),
        Column(
            "lwda_code", "code", "Local Workforce Development Area (01-33)", True, _codes(LWDAS)
        ),
        Column("lwda_name", "string", "LWDA name", True, example="New York City"),
        Column(
            "office_type",
            "code",
            "Comprehensive center or affiliate site",
            True,
            _codes(OFFICE_TYPES),
        ),
        Column("opened_date", "date", "Date the office opened in OSOS", True),
        Column("closed_date", "date", "Date the office closed; empty while open"),
    ),
)

STAFF_USERS = Entity(
    system="osos",
    name="staff_users",
    description="OSOS staff user accounts and their home office.",
    key=("staff_id",),
    delivery="snapshot",
    columns=(
        Column(
            "staff_id",
            "string",
            "OSOS staff user id",
            True,
            pii=Pii.PSEUDONYMISE,
            example="U0004512",
        ),
        Column("office_id", "string", "Home office (osos_offices.office_id)", True),
        Column("staff_role", "code", "Role", True, _codes(STAFF_ROLES)),
        Column("active_from", "date", "First day the account could enter data", True),
        Column("active_to", "date", "Last day the account could enter data; empty while active"),
        Column(
            "organization_id",
            "string",
            "Employer of the account holder (osos_partner_organizations.organization_id)",
            True,
        ),
        Column("systems", "code", "Systems the account can use", True, _codes(STAFF_SYSTEMS)),
    ),
)

PARTNER_ORGANIZATIONS = Entity(
    system="osos",
    name="partner_organizations",
    description="Career Center System partner organizations whose staff hold OSOS/REOS accounts.",
    key=("organization_id",),
    delivery="snapshot",
    columns=(
        Column("organization_id", "string", "Organization id", True, example="ORG0012"),
        Column("organization_name", "string", "Organization name", True),
        Column("partner_type", "code", "Partner type (TA 17-7)", True, _codes(PARTNER_TYPES)),
    ),
)

ACCESS_AGREEMENTS = Entity(
    system="osos",
    name="access_agreements",
    description=(
        "Confidentiality agreements with NYSDOL (TA 17-7), every agreement signed up to "
        "the extract date."
    ),
    key=("agreement_id",),
    delivery="snapshot",
    not_before=(("end_date", "signed_date"),),
    warehouse_rules=(
        "an `INDIVIDUAL` agreement names `holder_staff_id` and no organization; the other "
        "kinds name `holder_organization_id` and no staff user",
    ),
    columns=(
        Column("agreement_id", "string", "Agreement id", True, example="AG0004512"),
        Column("agreement_kind", "code", "Kind of agreement", True, _codes(AGREEMENT_KINDS)),
        Column("system", "code", "System the agreement covers", True, _codes(SYSTEMS)),
        Column(
            "holder_staff_id",
            "string",
            "Staff user who signed an individual agreement; empty otherwise",
            pii=Pii.PSEUDONYMISE,
        ),
        Column(
            "holder_organization_id",
            "string",
            "Organization that signed an MOU or interagency agreement; empty otherwise",
        ),
        Column("signed_date", "date", "Date the agreement took effect", True),
        Column(
            "end_date",
            "date",
            "First day the agreement no longer covers (expired or revoked); empty while open",
        ),
    ),
)

PARTICIPANTS = Entity(
    system="osos",
    name="participants",
    description="Job seekers registered in OSOS (rows registered or changed that day).",
    key=("participant_id",),
    delivery="delta",
    not_after_extract=("registration_date",),
    columns=(
        Column(
            "participant_id",
            "string",
            "OSOS customer id",
            True,
            pii=Pii.PSEUDONYMISE,
            example="C000123456",
        ),
        Column(
            "ssn", "string", "Social Security number (9 digits); empty if withheld", pii=Pii.SSN
        ),
        Column("first_name", "string", "First name", pii=Pii.DROP),
        Column("last_name", "string", "Last name", pii=Pii.DROP),
        Column(
            "date_of_birth",
            "date",
            "Date of birth (PIRL 200)",
            pii=Pii.BIRTH_DATE,
            checked_by=CheckedBy.READINESS,
            pirl=200,
        ),
        _pirl_code("sex", "Sex (PIRL 201)", SEX_CODES, 201),
        _pirl_code(
            "disability", "Individual with a disability (PIRL 202)", YES_NO_UNDISCLOSED, 202
        ),
        _pirl_code(
            "hispanic_latino", "Ethnicity: Hispanic/Latino (PIRL 210)", YES_NO_UNDISCLOSED, 210
        ),
        _pirl_code(
            "race_american_indian",
            "American Indian or Alaska Native (PIRL 211)",
            YES_NO_UNDISCLOSED,
            211,
        ),
        _pirl_code("race_asian", "Asian (PIRL 212)", YES_NO_UNDISCLOSED, 212),
        _pirl_code("race_black", "Black or African American (PIRL 213)", YES_NO_UNDISCLOSED, 213),
        _pirl_code(
            "race_pacific_islander",
            "Native Hawaiian or Other Pacific Islander (PIRL 214)",
            YES_NO_UNDISCLOSED,
            214,
        ),
        _pirl_code("race_white", "White (PIRL 215)", YES_NO_UNDISCLOSED, 215),
        _pirl_code("veteran_status", "Veteran status (PIRL 300)", YES_NO, 300),
        _pirl_code(
            "employment_status",
            "Employment status at program entry (PIRL 400)",
            EMPLOYMENT_STATUS_CODES,
            400,
        ),
        _pirl_code(
            "uc_eligible_status",
            "UC eligible status at program entry (PIRL 401)",
            UC_ELIGIBLE_CODES,
            401,
        ),
        _pirl_code(
            "education_level",
            "Highest educational level completed at program entry (PIRL 408)",
            EDUCATION_LEVEL_CODES,
            408,
        ),
        _pirl_code(
            "school_status", "School status at program entry (PIRL 409)", SCHOOL_STATUS_CODES, 409
        ),
        _pirl_code("low_income", "Low income at program entry (PIRL 802)", YES_NO, 802),
        Column("registration_date", "date", "Date registered in OSOS", True),
        Column("home_office_id", "string", "Office that registered the participant", True),
        Column("updated_at", "timestamp", "When the record last changed", True),
    ),
)

PROGRAM_ENROLLMENTS = Entity(
    system="osos",
    name="program_enrollments",
    description="Program enrollments (periods of participation), rows created or changed that day.",
    key=("enrollment_id",),
    delivery="delta",
    not_after_extract=("entry_date",),
    columns=(
        Column("enrollment_id", "string", "Enrollment id", True, example="E000045678"),
        Column("participant_id", "string", "OSOS customer id", True, pii=Pii.PSEUDONYMISE),
        Column("program_code", "code", "Program", True, _codes(PROGRAMS)),
        Column("entry_date", "date", "Date of program entry (PIRL 900)", True, pirl=900),
        Column(
            "exit_date",
            "date",
            "Recorded date of program exit (PIRL 901); empty while participating",
            pirl=901,
        ),
        Column("office_id", "string", "Enrolling office", True),
        Column("updated_at", "timestamp", "When the record last changed", True),
    ),
)

SERVICES = Entity(
    system="osos",
    name="services",
    description="Services recorded in OSOS, rows entered or corrected that day.",
    key=("service_id",),
    delivery="delta",
    not_before=(("entered_at", "service_date"),),
    not_after_extract=("service_date",),
    columns=(
        Column("service_id", "string", "OSOS service id", True, example="S000000123"),
        Column("participant_id", "string", "OSOS customer id", True, pii=Pii.PSEUDONYMISE),
        Column("enrollment_id", "string", "Enrollment the service is funded under"),
        Column(
            "program_code", "code", "Program the service is recorded under", True, _codes(PROGRAMS)
        ),
        Column(
            "service_code", "code", "OSOS service code", True, tuple(s.code for s in SERVICE_TYPES)
        ),
        Column("service_name", "string", "OSOS service name", True),
        Column("service_date", "date", "Date the service was delivered", True),
        Column(
            "entered_at", "timestamp", "When staff entered it, America/New_York with offset", True
        ),
        Column("staff_id", "string", "Staff user who entered it", True, pii=Pii.PSEUDONYMISE),
        Column("office_id", "string", "Office that delivered it", True),
        Column("comments", "string", "Free-text comment typed by staff", pii=Pii.FREE_TEXT),
    ),
)

CLAIMANTS = Entity(
    system="reos",
    name="claimants",
    description=(
        "UI claimants selected for reemployment services, rows created or changed that day."
    ),
    key=("claimant_id",),
    delivery="delta",
    not_before=(("first_payment_date", "claim_effective_date"),),
    not_after_extract=("selection_date",),
    columns=(
        Column(
            "claimant_id",
            "string",
            "REOS claimant id",
            True,
            pii=Pii.PSEUDONYMISE,
            example="R000012345",
        ),
        Column(
            "osos_participant_id",
            "string",
            "Crosswalk to the OSOS customer id",
            pii=Pii.PSEUDONYMISE,
        ),
        Column("claim_effective_date", "date", "UI claim effective date", True),
        Column("first_payment_date", "date", "Date of first UI payment"),
        Column("selection_date", "date", "Date selected for services", True),
        Column("selection_reason", "code", "Why selected", True, _codes(SELECTION_REASONS)),
        Column("office_id", "string", "Office the claimant is assigned to", True),
    ),
)

APPOINTMENTS = Entity(
    system="reos",
    name="appointments",
    description="REOS appointments, rows scheduled or whose status changed that day.",
    key=("appointment_id",),
    delivery="delta",
    not_before=(
        ("status_recorded_at", "scheduled_on"),
        ("appointment_date", "scheduled_on"),
    ),
    not_before_when=(
        ("status_recorded_at", "appointment_date", "status", APPOINTMENT_OUTCOME_STATUSES),
    ),
    warehouse_rules=(
        "`appointment_date` is not before the `selection_date` of its claimant (who may "
        "have arrived in an earlier drop)",
    ),
    columns=(
        Column("appointment_id", "string", "REOS appointment id", True, example="A000067890"),
        Column("claimant_id", "string", "REOS claimant id", True, pii=Pii.PSEUDONYMISE),
        Column(
            "appointment_type", "code", "Initial or subsequent", True, _codes(APPOINTMENT_TYPES)
        ),
        Column("scheduled_on", "date", "Date the appointment was scheduled", True),
        Column("appointment_date", "date", "Date of the appointment", True),
        Column("office_id", "string", "Office of the appointment", True),
        Column("status", "code", "Current status", True, _codes(APPOINTMENT_STATUSES)),
        Column(
            "status_recorded_at",
            "timestamp",
            "When the status was recorded, America/New_York with offset",
            True,
        ),
        Column(
            "status_staff_id", "string", "Staff user who recorded the status", pii=Pii.PSEUDONYMISE
        ),
    ),
)

ENTITIES: tuple[Entity, ...] = (
    OFFICES,
    STAFF_USERS,
    PARTICIPANTS,
    PROGRAM_ENROLLMENTS,
    SERVICES,
    CLAIMANTS,
    APPOINTMENTS,
    PARTNER_ORGANIZATIONS,
    ACCESS_AGREEMENTS,
)


def entity(table: str) -> Entity:
    """Look an entity up by its table name, e.g. ``osos__services``."""
    for e in ENTITIES:
        if e.table == table:
            return e
    raise KeyError(f"no entity {table!r} in the extract contract")


@dataclass(frozen=True)
class ControlEntry:
    file: str
    entity: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class ControlFile:
    """The manifest written last into a drop: the signal that it is complete and intact."""

    extract_date: date
    files: tuple[ControlEntry, ...] = field(default_factory=tuple)
    contract_version: str = "1"
