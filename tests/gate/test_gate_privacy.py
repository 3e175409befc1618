"""GX results keep counts, never sample values: a failing value may be an SSN."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
from onestop.nightly.gate import Gate
from onestop.nightly.land import land_drop
from onestop.nightly.verify import verify_drop
from onestop.settings import PROJECT_ROOT

from tests.support import THREE_NIGHTS

NIGHT = THREE_NIGHTS[0]


def test_failing_personal_values_are_not_written_to_gate_results(
    tmp_path: Path, three_night_drops
) -> None:
    landing = tmp_path / "landing"
    shutil.copytree(three_night_drops[0] / NIGHT.isoformat(), landing / NIGHT.isoformat())
    drop = landing / NIGHT.isoformat()
    with (drop / f"osos_participants_{NIGHT:%Y%m%d}.csv").open(encoding="utf-8") as handle:
        person = next(r for r in csv.DictReader(handle) if r["ssn"] and r["last_name"])
    control = verify_drop(drop, NIGHT)
    land_drop(drop, NIGHT, tmp_path / "landing.duckdb", "test-load")
    with duckdb.connect(str(tmp_path / "landing.duckdb")) as con:
        # staff type personal data where codes and dates belong: the gate must fail
        # these rows and still keep the values out of its results
        con.execute("update osos__staff_users set staff_role = ?", [person["ssn"]])
        con.execute("update osos__services set service_code = ?", [person["last_name"]])
    results = tmp_path / "results"
    failures = Gate(PROJECT_ROOT / "expectations").check_night(
        tmp_path / "landing.duckdb", NIGHT, control, results
    )
    assert {f.column for f in failures} >= {"staff_role", "service_code"}
    written = sorted(results.rglob("*"))
    assert written and all(p.suffix == ".json" for p in written)  # no Data Docs site
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert person["ssn"] not in text and person["last_name"] not in text, path.name
        for outcome in json.loads(text).get("expectations", []):
            result = outcome.get("result") or {}
            assert not result.get("partial_unexpected_list"), path.name
