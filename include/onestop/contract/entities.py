"""The nine files of a nightly drop, column by column (see ``docs/extract-contract.md``)."""

from __future__ import annotations

from onestop.contract.codes import (
    AGREEMENT_KINDS,
    APPOINTMENT_OUTCOME_STATUSES,
    APPOINTMENT_STATUSES,
    APPOINTMENT_TYPES,
    EDUCATION_LEVEL_CODES,
    EMPLOYMENT_STATUS_CODES,
    LWDAS,
    OFFICE_TYPES,
    PARTNER_TYPES,
    PROGRAMS,
    SCHOOL_STATUS_CODES,
    SELECTION_REASONS,
    SERVICE_TYPES,
    SEX_CODES,
    STAFF_ROLES,
    STAFF_SYSTEMS,
    SYSTEMS,
    UC_ELIGIBLE_CODES,
    YES_NO,
    YES_NO_UNDISCLOSED,
)
from onestop.contract.columns import CheckedBy, Column, Entity, Pii


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


#: Columns the land step adds to every landed table: which night, file, line and load a row came
#: from. Line numbers count the header as line 1, as an editor does.
LINEAGE_COLUMNS = ("_extract_date", "_source_file", "_source_line", "_load_id")
