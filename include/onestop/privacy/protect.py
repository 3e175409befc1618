"""What the warehouse keeps of each personal-data column, as the SQL that makes it.

Landed files hold personal data in clear; ``raw`` (and everything built on it)
must not. Every column the contract marks (``contract.Pii``) is transformed on
its way from the landing database into ``raw``: ids become pseudonymous keys,
names are dropped, an SSN becomes ``has_ssn`` and ``ssn_key``, a date of birth
becomes year, month, a key and a status, and free text loses typed SSNs.
"""

from __future__ import annotations

from onestop.contract import LINEAGE_COLUMNS, Entity, Pii
from onestop.privacy.pseudonymise import KEY_FUNCTION
from onestop.sql import quote_identifier, quote_literal

#: An SSN as staff type it into free text: nine digits, with or without dashes or spaces.
#: Any such number is redacted, SSN or not: a false alarm costs a phone number, a miss
#: costs a person's identity.
SSN_IN_TEXT_PATTERN = r"\b\d{3}[- ]?\d{2}[- ]?\d{4}\b"
SSN_REDACTION = "[SSN REDACTED]"


def protected_select_list(entity: Entity) -> str:
    """The columns of a raw table: contract columns with personal data transformed."""
    parts: list[str] = []
    for column in entity.columns:
        name = quote_identifier(column.name)
        if column.pii is Pii.NONE:
            parts.append(name)
        elif column.pii is Pii.PSEUDONYMISE:
            key_name = column.name.removesuffix("_id") + "_key"
            parts.append(f"{KEY_FUNCTION}({name}) as {quote_identifier(key_name)}")
        elif column.pii is Pii.SSN:
            digits = f"nullif(regexp_replace(coalesce({name}, ''), '[^0-9]', '', 'g'), '')"
            parts.append(f"({digits} is not null) as has_ssn")
            parts.append(f"{KEY_FUNCTION}({digits}) as ssn_key")
        elif column.pii is Pii.BIRTH_DATE:
            parts.extend(_birth_date_parts(name))
        elif column.pii is Pii.FREE_TEXT:
            parts.extend(_free_text_parts(column.name))
        # Pii.DROP: the column never leaves the landing database.
    parts.extend(LINEAGE_COLUMNS)
    return ",\n    ".join(parts)


def _birth_date_parts(name: str) -> list[str]:
    """What the warehouse keeps of a date of birth: only what the readiness rules need.

    Year and month give the age at program entry to the month; the keyed hash lets
    the duplicate rule compare two records' dates without revealing them; the
    status says whether a value was delivered and was a real ``YYYY-MM-DD`` date,
    so the PIRL 200 valid-value check works with the date itself gone. Year and
    month are null unless the status is ``valid``.
    """
    value = f"nullif(trim({name}), '')"
    parsed = f"try_strptime({value}, '%Y-%m-%d')"
    pattern = r"'\d{4}-\d{2}-\d{2}'"
    well_formed = f"(regexp_full_match({value}, {pattern}) and {parsed} is not null)"
    status = (
        f"case when {value} is null then 'missing' "
        f"when {well_formed} then 'valid' else 'invalid' end"
    )
    return [
        f"case when {well_formed} then year({parsed}) end::integer as birth_year",
        f"case when {well_formed} then month({parsed}) end::integer as birth_month",
        f"{KEY_FUNCTION}({value}) as date_of_birth_key",
        f"{status} as date_of_birth_status",
    ]


def _free_text_parts(column: str) -> list[str]:
    """Free text with typed SSNs redacted, and how many were redacted in the row.

    Redacted here, on the way into ``raw``, so no table of the warehouse ever holds
    them; the count lets the marts report each redaction as a data-quality finding.
    """
    name = quote_identifier(column)
    pattern = quote_literal(SSN_IN_TEXT_PATTERN)
    return [
        f"regexp_replace({name}, {pattern}, {quote_literal(SSN_REDACTION)}, 'g') as {name}",
        f"coalesce(len(regexp_extract_all({name}, {pattern})), 0)::integer "
        f"as {quote_identifier(column + '_ssn_redactions')}",
    ]
