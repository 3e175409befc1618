"""The code lists of the contract: LWDAs, programs, service types, PIRL answers, REOS states.

Each list is the one statement of its codes: the gate's suites, the dbt seeds
and accepted-values tests, and the rendered contract document take them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

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
