"""How the contract describes a column and an entity (a file of the nightly drop).

``Column`` says a column's contract type, codes, protection (``Pii``) and who judges
it (``CheckedBy``); ``Entity`` groups the columns of one file with its key, its
delivery (snapshot or delta) and the cross-column rules the gate checks.
"""

from __future__ import annotations

from dataclasses import dataclass
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
