"""Metric logic lives in dbt: the run summary and the site read marts, and say which.

Every figure the summary or a site page shows is a column of a ``marts.rpt_*`` model;
the Python selects rows and formats them. These checks read the sources: no
aggregate or rate arithmetic in the reports' SQL, Python or templates, and every
mart a report reads is declared as a dependency of its dbt exposure (and nothing
more), so ``dbt docs`` shows which page reads which mart.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.support import PROJECT_ROOT

ROOT = PROJECT_ROOT
REPORTS = ROOT / "include" / "onestop" / "reports"
EXPOSURES = ROOT / "dbt_project" / "models" / "exposures.yml"

#: SQL or Python that computes a figure instead of reading it.
COMPUTATION = re.compile(
    r"\b(avg|sum|median|quantile\w*|count_if|nullif|round)\s*\(|\bgroup by\b|\bfilter\s*\("
    r"|100\.0|\bcount\s*\(",
    re.IGNORECASE,
)
#: The one count the summary makes itself: the size of each mart table it lists.
ROW_COUNT = 'con.execute(f"select count(*) from marts.{table}").fetchone()[0]'
#: Not about the warehouse: the load attempts and gate results of the gate pages come
#: from the load audit log and the kept GX results (they also cover nights that never
#: reached the warehouse), and an attempt's rows landed are the sum of its files' rows.
NOT_MART_READERS = {"history.py"}


def _exposures() -> dict[str, set[str]]:
    payload = yaml.safe_load(EXPOSURES.read_text(encoding="utf-8"))
    return {
        e["name"]: {re.fullmatch(r"ref\('(\w+)'\)", d).group(1) for d in e["depends_on"]}
        for e in payload["exposures"]
    }


def _marts_read(module: Path) -> set[str]:
    return set(re.findall(r"\bmarts\.(rpt_\w+)", module.read_text(encoding="utf-8")))


def test_reports_compute_nothing() -> None:
    sources = [
        *(p for p in REPORTS.rglob("*.py") if p.name not in NOT_MART_READERS),
        *(REPORTS / "site" / "templates").glob("*.j2"),
    ]
    assert len(sources) > 8
    found = []
    for path in sources:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.replace(ROW_COUNT, "").replace("def count(", "")
            if COMPUTATION.search(code) or re.search(r"\|\s*(sum|length)\b", code):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_the_summary_reads_the_marts_its_exposure_declares() -> None:
    read = _marts_read(REPORTS / "summary.py")
    assert "rpt_entry_timeliness_by_lwda" in read
    assert read == _exposures()["run_summary"]


def test_the_site_reads_the_marts_its_exposures_declare() -> None:
    read = _marts_read(REPORTS / "site" / "warehouse.py")
    site = {name: refs for name, refs in _exposures().items() if name.startswith("site_")}
    assert {"site_home", "site_lwda_pages", "site_gate_history", "site_gate_results"} <= set(site)
    assert read == set().union(*site.values())
    # Every page shows the as-of night in its header.
    assert all("rpt_reporting_period" in refs for refs in site.values())


def test_every_rpt_model_read_by_a_report_has_tests_and_a_description() -> None:
    marts = ROOT / "dbt_project" / "models" / "marts"
    for name in set().union(*_exposures().values()):
        (yml,) = marts.rglob(f"{name}.yml")
        (model,) = yaml.safe_load(yml.read_text(encoding="utf-8"))["models"]
        assert model["description"].strip(), name
        tested = model.get("data_tests") or any(c.get("data_tests") for c in model["columns"])
        assert tested, name
        unit_tests = yaml.safe_load(yml.read_text(encoding="utf-8")).get("unit_tests") or []
        assert any(t["model"] == name for t in unit_tests), f"{name} has no unit test"
