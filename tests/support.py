"""Everything the tests share that is not a fixture: constants, environments, helpers.

Fixtures live in ``tests/conftest.py`` and use these; test modules import from here and
never from one another or from a conftest. Sections, in the order the data flows:

- the shared nights and their labelled defects (the session fixtures' drops);
- the pipeline's environment and data folders;
- hand-made drops for the unit tests (a few rows, written as the contract says);
- the published warehouse: queries, digests, mart comparisons;
- the next night: a faulty (or fixed) drop delivered on top of the shared nights, run
  through the real DAG or step by step.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import duckdb
import pytest
from onestop.contract import ENTITIES
from onestop.contract.control_file import write_control_file
from onestop.nightly.audit import read_events
from onestop.nightly.land import land_drop
from onestop.synthetic.generate import DefectSpec, generate

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TEST_SECRET = "test-only-secret-never-used-for-real-data"

# ---------------------------------------------------------------------------
# The shared nights
# ---------------------------------------------------------------------------

#: Three nights that include a weekend: Fri 2026-11-20 .. Sun 2026-11-22.
THREE_NIGHTS = [date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)]
#: The night after them: a Monday, delivered (often with a fault) on top of the three.
NEXT_NIGHT = date(2026, 11, 23)

#: Labelled readiness findings in the shared drops: they load (never block) and must
#: show up in the readiness marts with the right PIRL element and rule.
READINESS_DEFECTS = (
    "missing_pirl_value@2026-11-20:osos__participants.school_status x3",
    "invalid_pirl_value@2026-11-20:osos__participants.sex x2",
    "invalid_pirl_value@2026-11-20:osos__participants.date_of_birth x2",
    "exit_before_entry@2026-11-20:osos__program_enrollments x2",
    "orphan_enrollment@2026-11-20:osos__program_enrollments",
)

#: A labelled defect the gate cannot see and the nightly run must not stop for: an
#: attended RESEA appointment whose OSOS services were never entered. Reconciliation
#: must report it missing (tests/end_to_end/test_resea.py).
RESEA_DEFECTS = ("attended_without_service@2026-11-20:reos__appointments x1",)

#: TA 17-7 access gaps and an SSN typed into a comment: they load (never block); the
#: access marts must report exactly these entries (tests/end_to_end/test_access_compliance.py)
#: and no table may hold the SSN (tests/end_to_end/test_leak_scan.py).
ACCESS_DEFECTS = (
    "lapsed_individual_agreement@2026-11-20:osos__access_agreements x2",
    "wrong_agreement_type@2026-11-20:osos__access_agreements",
    "reos_entry_osos_only_user@2026-11-20:reos__appointments x2",
    "ssn_in_comment@2026-11-20:osos__services x2",
)

FIXTURE_DEFECTS = READINESS_DEFECTS + RESEA_DEFECTS + ACCESS_DEFECTS

# ---------------------------------------------------------------------------
# The pipeline's environment and data folders
# ---------------------------------------------------------------------------


def pipeline_environment(data_dir: Path) -> dict[str, str]:
    # The site is built by its own tests (tests/site/), not after every night of every test.
    return {
        "ONESTOP_DATA_DIR": str(data_dir),
        "ONESTOP_PSEUDONYM_SECRET": TEST_SECRET,
        "ONESTOP_SITE_NIGHTLY": "false",
    }


def use(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """Point the pipeline at ``data_dir`` for the rest of the test; return its settings."""
    from onestop.settings import load_settings

    for name, value in pipeline_environment(data_dir).items():
        monkeypatch.setenv(name, value)
    return load_settings()


def copy_data_dir(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def warehouse(data_dir: Path) -> Path:
    return data_dir / "warehouse" / "onestop.duckdb"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------
# Hand-made drops, for the unit tests
# ---------------------------------------------------------------------------


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Mapping[str, str]]) -> Path:
    """A contract-style CSV: comma-separated UTF-8, a header, ``\\n`` line ends; columns a
    row does not name are left empty."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(header), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in header})
    return path


def write_drop(
    drop_dir: Path,
    night: date,
    rows: Mapping[str, Sequence[Mapping[str, str]]] | None = None,
    *,
    control: bool = True,
) -> Path:
    """A night's drop by hand: every contract file (header only unless ``rows`` names its
    table) and, unless ``control`` is false, the control file written last."""
    rows = rows or {}
    unknown = set(rows) - {e.table for e in ENTITIES}
    assert not unknown, f"no such tables in the contract: {unknown}"
    for entity in ENTITIES:
        write_csv(
            drop_dir / entity.file_name(night), entity.column_names, rows.get(entity.table, ())
        )
    if control:
        write_control_file(drop_dir, night)
    return drop_dir


def landed_night(
    folder: Path,
    night: date,
    rows: Mapping[str, Sequence[Mapping[str, str]]] | None = None,
    load_id: str = "load-1",
) -> Path:
    """The landing database of a hand-made drop, as the land step leaves it."""
    drop = write_drop(folder / "drop" / night.isoformat(), night, rows)
    landing_db = folder / f"landing-{night:%Y%m%d}-{load_id}.duckdb"
    land_drop(drop, night, landing_db, load_id)
    return landing_db


FAKE_DBT = """\
import json, os, pathlib, sys

database = pathlib.Path(os.environ["ONESTOP_DBT_DATABASE"])
calls = pathlib.Path(os.environ["FAKE_DBT_CALLS"])
with calls.open("a") as out:
    out.write(json.dumps({"args": sys.argv[1:], "database": str(database),
                          "database_there": database.exists(), "cwd": os.getcwd()}) + "\\n")
if os.environ.get("FAKE_DBT_FAIL"):
    target = pathlib.Path(os.environ["DBT_TARGET_PATH"])
    target.mkdir(parents=True, exist_ok=True)
    (target / "run_results.json").write_text(json.dumps({"results": [
        {"unique_id": "model.onestop.fct_service_entries", "status": "success"},
        {"unique_id": "test.onestop.not_null_service_id", "status": "fail", "failures": 3},
    ]}))
    print("Completed with 1 error")
    print("Done. PASS=1 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=2")
    sys.exit(1)
print("07:00:01  Done. PASS=5 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=5")
"""


def fake_dbt(folder: Path, monkeypatch: pytest.MonkeyPatch, *, fail: bool = False) -> Path:
    """A stand-in ``dbt`` executable for the settings' ``dbt_executable``: it appends each
    call (arguments, the database it was given and whether that file was there) as a JSON
    line to ``calls.jsonl`` beside it, and passes, or fails with one failed test in
    ``run_results.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    executable = folder / "dbt"
    executable.write_text(f"#!{sys.executable}\n{FAKE_DBT}", encoding="utf-8")
    executable.chmod(0o700)
    monkeypatch.setenv("FAKE_DBT_CALLS", str(folder / "calls.jsonl"))
    if fail:
        monkeypatch.setenv("FAKE_DBT_FAIL", "1")
    else:
        monkeypatch.delenv("FAKE_DBT_FAIL", raising=False)
    return executable


def fake_dbt_calls(executable: Path) -> list[dict]:
    calls = executable.with_name("calls.jsonl")
    if not calls.exists():
        return []
    return [json.loads(line) for line in calls.read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------------------
# The published warehouse
# ---------------------------------------------------------------------------


def query(data_dir: Path, sql: str) -> list[tuple]:
    """Rows of ``sql`` on the warehouse published under ``data_dir`` (read-only)."""
    with duckdb.connect(str(warehouse(data_dir)), read_only=True) as con:
        return con.execute(sql).fetchall()


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


def mart_tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    """The mart tables of one of the warehouses attached to ``con``."""
    return sorted(
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = ? and table_schema = 'marts' and table_type = 'BASE TABLE'",
            [catalog],
        ).fetchall()
    )


def differences(con: duckdb.DuckDBPyConnection, table: str, a: str, b: str) -> tuple[int, int]:
    """Rows only in catalog ``a``'s mart, rows only in ``b``'s (multisets)."""
    only = []
    for left, right in ((a, b), (b, a)):
        only.append(
            con.execute(
                f"select count(*) from (from {left}.marts.{table} "
                f"except all from {right}.marts.{table})"
            ).fetchone()[0]
        )
    return only[0], only[1]


# ---------------------------------------------------------------------------
# The next night
# ---------------------------------------------------------------------------


def deliver_next_night(
    data_dir: Path, *defects: str, services_per_night: int = 150, night: date = NEXT_NIGHT
) -> list[dict]:
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


def run_through_dag(
    data_dir: Path, nights: list[date], monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Run ``nights`` through the real DAG (``dag.test()``); return each run's state."""
    from onestop.ops.airflow_local import run_nights

    return [o.state for o in run_nights(use(data_dir, monkeypatch), nights)]


def night_events(data_dir: Path, night: date = NEXT_NIGHT) -> list[dict]:
    """The load audit's events of ``night``, every attempt."""
    return [
        e
        for e in read_events(data_dir / "warehouse" / "load_audit.jsonl")
        if e["extract_date"] == night.isoformat()
    ]
