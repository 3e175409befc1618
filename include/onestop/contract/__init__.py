"""The extract contract: what one night's drop from OSOS and REOS holds.

This package is the single machine-readable statement of the contract. The
generator writes files that follow it, the land step reads files by it, the gate
checks files against it (the GX suites under ``expectations/`` take their
column lists and code lists from here as suite parameters), and
``docs/extract-contract.md`` is rendered from it (``onestop contract-doc``).

A drop for extract date D (the day whose activity it carries) is a folder
``<landing>/D/`` holding one UTF-8 CSV with a header per entity, named
``<system>_<entity>_<YYYYMMDD>.csv``, and a control file
``onestop_control_<YYYYMMDD>.json`` written last.

Modules: ``columns`` (how a column and an entity are described), ``codes`` (the
code lists), ``entities`` (the nine files), ``control_file`` (the manifest) and
``doc`` (the rendered document). The first four are re-exported here, so callers
write ``from onestop.contract import SERVICES``.
"""

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
    REQUIRED_ORGANIZATION_AGREEMENT,
    RESEA_SERVICE_CODES,
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
    ServiceType,
)
from onestop.contract.columns import CheckedBy, Column, Entity, Pii
from onestop.contract.control_file import ControlEntry, ControlFile, control_file_name
from onestop.contract.entities import (
    ACCESS_AGREEMENTS,
    APPOINTMENTS,
    CLAIMANTS,
    ENTITIES,
    LINEAGE_COLUMNS,
    OFFICES,
    PARTICIPANTS,
    PARTNER_ORGANIZATIONS,
    PROGRAM_ENROLLMENTS,
    SERVICES,
    STAFF_USERS,
    entity,
)

__all__ = [
    "ACCESS_AGREEMENTS",
    "AGREEMENT_KINDS",
    "APPOINTMENT_OUTCOME_STATUSES",
    "APPOINTMENT_STATUSES",
    "APPOINTMENT_TYPES",
    "APPOINTMENTS",
    "CheckedBy",
    "CLAIMANTS",
    "Column",
    "control_file_name",
    "ControlEntry",
    "ControlFile",
    "EDUCATION_LEVEL_CODES",
    "EMPLOYMENT_STATUS_CODES",
    "ENTITIES",
    "Entity",
    "entity",
    "LINEAGE_COLUMNS",
    "LWDAS",
    "OFFICE_TYPES",
    "OFFICES",
    "PARTICIPANTS",
    "PARTNER_ORGANIZATIONS",
    "PARTNER_TYPES",
    "Pii",
    "PROGRAM_ENROLLMENTS",
    "PROGRAMS",
    "REQUIRED_ORGANIZATION_AGREEMENT",
    "RESEA_SERVICE_CODES",
    "SCHOOL_STATUS_CODES",
    "SELECTION_REASONS",
    "SERVICE_TYPES",
    "SERVICES",
    "ServiceType",
    "SEX_CODES",
    "STAFF_ROLES",
    "STAFF_SYSTEMS",
    "STAFF_USERS",
    "SYSTEMS",
    "UC_ELIGIBLE_CODES",
    "YES_NO",
    "YES_NO_UNDISCLOSED",
]
