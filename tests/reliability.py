"""Helpers shared by the reliability tests: a faulty next night, one night's steps, digests."""

from __future__ import annotations

import hashlib
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import pytest
from onestop.nightly.audit import read_events
from onestop.synthetic.generate import DefectSpec, generate

from tests.conftest import FIXTURE_DEFECTS, THREE_NIGHTS, pipeline_environment

NEXT_NIGHT = date(2026, 11, 23)  # a Monday after the fixture's Fri-Sun


def warehouse(data_dir: Path) -> Path:
    return data_dir / "warehouse" / "onestop.duckdb"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def deliver_next_night(
    data_dir: Path, *defects: str, services_per_night: int = 150, night: date = NEXT_NIGHT
) -> dict:
    """(Re-)deliver ``night``'s drop from a run whose earlier nights equal the fixture's;
    return the labels of ``defects``."""
    scratch = Path(tempfile.mkdtemp(dir=data_dir.parent, prefix="scratch-"))
    report = generate(
        scratch,
        start=THREE_NIGHTS[0],
        nights=(night - THREE_NIGHTS[0]).days + 1,
        seed=7,
        services_per_night=services_per_night,
        defects=[DefectSpec.parse(d) for d in (*FIXTURE_DEFECTS, *defects)],
    )
    target = data_dir / "landing" / night.isoformat()
    if target.exists():
        for old in target.iterdir():
            old.unlink()
        target.rmdir()
    (scratch / night.isoformat()).rename(target)
    return [label for label in report.defects if label["night"] == night.isoformat()]


def use(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    from onestop.settings import load_settings

    for name, value in pipeline_environment(data_dir).items():
        monkeypatch.setenv(name, value)
    return load_settings()


def night_events(data_dir: Path, night: date = NEXT_NIGHT) -> list[dict]:
    return [
        e
        for e in read_events(data_dir / "warehouse" / "load_audit.jsonl")
        if e["extract_date"] == night.isoformat()
    ]


def table_digests(path: Path, schemas: tuple[str, ...] = ("marts", "raw")) -> dict[str, str]:
    """A digest of every table's rows, leaving out what differs between attempts (load ids)."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in (select unnest(?)) order by all",
            [list(schemas)],
        ).fetchall()
        digests = {}
        for schema, table in tables:
            columns = [
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = ? and table_name = ? and column_name not like '%load_id'"
                    " order by ordinal_position",
                    [schema, table],
                ).fetchall()
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            digests[f"{schema}.{table}"] = con.execute(
                f"select count(*) || ':' || coalesce(md5(string_agg(r, '|' order by r)), '') "
                f"from (select row({listed})::varchar as r from {schema}.{table})"
            ).fetchone()[0]
    return digests
