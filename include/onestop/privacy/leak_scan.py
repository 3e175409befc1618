"""Leak scan: search every output of the pipeline for the personal data its input held.

The needles come from the landing drops themselves: every SSN (and SSN-shaped
number typed into free text), every full name ("First Last" and "Last, First")
and every date of birth the extracts delivered, read through the contract's
personal-data markings (``contract.Pii``). The haystack is every table and view
of every DuckDB file, and every other file, under the given folders (the landing
drops and the secret excepted), e.g. the data folder, Airflow's logs, a docs site.

Matching works on whole tokens, so a 64-digit hex key that happens to contain a
run of digits is no hit. A date of birth in a column that holds only dates (an
office's opening date, say) may be an unrelated date: it counts as a hit only
when the same row carries that person's pseudonymous key (given the secret);
otherwise it is reported as a date collision. The report names where a hit was
and what kind of value, never the value.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from onestop.contract import ENTITIES, Pii
from onestop.privacy.pseudonymise import pseudonym
from onestop.sql import quote_identifier

_TOKEN_EDGE_BEFORE = r"(?<![0-9A-Za-z])"
_TOKEN_EDGE_AFTER = r"(?![0-9A-Za-z])"
SSN_TOKEN = re.compile(_TOKEN_EDGE_BEFORE + r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})" + _TOKEN_EDGE_AFTER)
DATE_TOKEN = re.compile(
    _TOKEN_EDGE_BEFORE
    + r"(?:(\d{4})-?(\d{2})-?(\d{2})|(\d{2})/(\d{2})/(\d{4}))"
    + _TOKEN_EDGE_AFTER
)
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
DATE_ONLY_VALUE = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:\d{2})?)?)?$"
DATE_TYPES = ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_NS", "TIMESTAMP_S")


@dataclass
class Needles:
    """The personal data the extracts held, in the forms the scan looks for."""

    ssns: set[str] = field(default_factory=set)  # nine digits
    names: set[tuple[str, str]] = field(default_factory=set)  # (first, last), lower case
    # date of birth (ISO) -> the participant ids born that day
    birth_dates: dict[str, set[str]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "ssns": len(self.ssns),
            "names": len(self.names),
            "dates_of_birth": len(self.birth_dates),
        }


@dataclass(frozen=True)
class Hit:
    kind: str  # ssn, name, date_of_birth
    where: str  # file path, or database:schema.table.column


@dataclass
class LeakReport:
    needles: dict[str, int]
    files_scanned: int = 0
    bytes_scanned: int = 0
    databases_scanned: int = 0
    tables_scanned: int = 0
    columns_scanned: int = 0
    values_checked: int = 0
    date_collisions: int = 0  # a birth date in a date-only column, not tied to the person
    hits: list[Hit] = field(default_factory=list)

    def render(self) -> str:
        by_kind = Counter(h.kind for h in self.hits)
        lines = [
            "Leak scan",
            "  needles from the extracts: "
            + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in self.needles.items()),
            f"  files scanned: {self.files_scanned:,} ({self.bytes_scanned:,} bytes)",
            f"  databases scanned: {self.databases_scanned}; tables and views: "
            f"{self.tables_scanned:,}; columns: {self.columns_scanned:,}; "
            f"distinct values checked: {self.values_checked:,}",
            f"  birth dates in date-only columns, not tied to the person: {self.date_collisions:,}",
            f"  hits: {len(self.hits)}"
            + (
                " (" + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())) + ")"
                if by_kind
                else ""
            ),
        ]
        lines += [f"    {h.kind} in {h.where}" for h in self.hits[:50]]
        return "\n".join(lines)


def _columns_marked(pii: Pii) -> dict[str, list[str]]:
    """File-name stem prefix (``osos_participants_``) -> columns with that marking."""
    found: dict[str, list[str]] = {}
    for entity in ENTITIES:
        names = [c.name for c in entity.columns if c.pii is pii]
        if names:
            found[f"{entity.system}_{entity.name}_"] = names
    return found


def _iso_date(match: re.Match) -> str | None:
    year, month, day = (
        (match[1], match[2], match[3]) if match[1] else (match[6], match[4], match[5])
    )
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def collect_needles(landing_dir: Path) -> Needles:
    """Read every drop's CSV files for the personal data they carry."""
    needles = Needles()
    ssn_columns = _columns_marked(Pii.SSN)
    text_columns = _columns_marked(Pii.FREE_TEXT)
    birth_columns = _columns_marked(Pii.BIRTH_DATE)
    name_columns = _columns_marked(Pii.DROP)
    key_columns = {f"{e.system}_{e.name}_": e.key[0] for e in ENTITIES}
    for path in sorted(landing_dir.rglob("*.csv")):
        prefix = next((p for p in key_columns if path.name.startswith(p)), None)
        if prefix is None:
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column in ssn_columns.get(prefix, []) + text_columns.get(prefix, []):
                    for match in SSN_TOKEN.finditer(row.get(column) or ""):
                        needles.ssns.add("".join(match.groups()))
                first, last = (row.get(c, "") for c in (name_columns.get(prefix) or ["", ""])[:2])
                if first and last:
                    needles.names.add((first.strip().lower(), last.strip().lower()))
                for column in birth_columns.get(prefix, []):
                    for match in DATE_TOKEN.finditer(row.get(column) or ""):
                        if born := _iso_date(match):
                            needles.birth_dates.setdefault(born, set()).add(
                                row[key_columns[prefix]]
                            )
    return needles


def find_in_text(text: str, needles: Needles, *, dates: bool = True) -> list[str]:
    """The kinds of personal data ``text`` holds (one entry per occurrence)."""
    kinds = ["ssn" for m in SSN_TOKEN.finditer(text) if "".join(m.groups()) in needles.ssns]
    if dates:
        kinds += [
            "date_of_birth"
            for m in DATE_TOKEN.finditer(text)
            if _iso_date(m) in needles.birth_dates
        ]
    words = list(WORD.finditer(text))
    for a, b in zip(words, words[1:], strict=False):
        between = text[a.end() : b.start()]
        first, second = a[0].lower(), b[0].lower()
        if (between.isspace() and (first, second) in needles.names) or (
            between.strip() == "," and (second, first) in needles.names
        ):
            kinds.append("name")
    return kinds


def _scan_database(
    path: Path, needles: Needles, report: LeakReport, keys: dict[str, str] | None
) -> None:
    """Every column of every table and view, cast to text, distinct values."""
    with duckdb.connect(str(path), read_only=True) as con:
        report.databases_scanned += 1
        columns = con.execute(
            "select table_schema, table_name, column_name, data_type "
            "from information_schema.columns where table_catalog = current_database() "
            "order by all"
        ).fetchall()
        tables: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for schema, table, column, data_type in columns:
            tables.setdefault((schema, table), []).append((column, data_type))
        for (schema, table), table_columns in tables.items():
            report.tables_scanned += 1
            relation = f"{quote_identifier(schema)}.{quote_identifier(table)}"
            has_key = any(c == "participant_key" for c, _ in table_columns)
            for column, data_type in table_columns:
                report.columns_scanned += 1
                where = f"{path}:{schema}.{table}.{column}"
                _scan_column(
                    con, relation, column, data_type, has_key, where, needles, report, keys
                )


def _scan_column(con, relation, column, data_type, has_key, where, needles, report, keys) -> None:
    value = f"cast({quote_identifier(column)} as varchar)"
    date_only = data_type.upper() in DATE_TYPES or (
        data_type.upper() == "VARCHAR"
        and con.execute(
            "select count(*) > 0 and "
            f"count(*) filter (where not regexp_full_match({value}, ?)) = 0 "
            f"from {relation} where {quote_identifier(column)} is not null",
            [DATE_ONLY_VALUE],
        ).fetchone()[0]
    )
    values = con.execute(
        f"select distinct {value} from {relation} where {quote_identifier(column)} is not null"
    ).fetchall()
    report.values_checked += len(values)
    for (text,) in values:
        for kind in find_in_text(text, needles, dates=not date_only):
            report.hits.append(Hit(kind, where))
    if not date_only:
        return
    born = [v for (v,) in values if v[:10] in needles.birth_dates]
    if not born:
        return
    if not (has_key and keys):
        report.date_collisions += len(born)
        return
    pairs = con.execute(
        f"select distinct {value}, participant_key from {relation} "
        f"where {quote_identifier(column)} is not null"
    ).fetchall()
    for text, key in pairs:
        owners = needles.birth_dates.get(text[:10], ())
        if any(keys.get(owner) == key for owner in owners):
            report.hits.append(Hit("date_of_birth", where))
        elif owners:
            report.date_collisions += 1


def scan(
    roots: Iterable[Path],
    needles: Needles,
    *,
    skip: Iterable[Path] = (),
    secret: bytes | None = None,
) -> LeakReport:
    """Scan every file under ``roots`` (DuckDB files as tables) except those under ``skip``."""
    skipped = [p.resolve() for p in skip]
    report = LeakReport(needles.counts())
    keys = None
    if secret is not None:
        owners = set().union(*needles.birth_dates.values()) if needles.birth_dates else set()
        keys = {owner: pseudonym(secret, owner) for owner in owners}
    seen: set[Path] = set()
    for root in roots:
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            resolved = path.resolve()
            if not path.is_file() or resolved in seen:
                continue
            if any(resolved == s or s in resolved.parents for s in skipped):
                continue
            seen.add(resolved)
            if path.suffix == ".duckdb":
                _scan_database(path, needles, report, keys)
                continue
            data = path.read_bytes()
            report.files_scanned += 1
            report.bytes_scanned += len(data)
            text = data.decode("utf-8", errors="replace")
            report.hits += [Hit(kind, str(path)) for kind in find_in_text(text, needles)]
    return report
