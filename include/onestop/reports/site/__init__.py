"""The data-quality site for program leads: static HTML pages built after each night.

Program leads are not SQL users. After a nightly run they open one page and
see whether last night's load was accepted, how their LWDA and offices are
doing, what is late and what blocks federal reporting. The site is plain files
(HTML, SVG charts, one stylesheet) that open from the file system or behind any
web server, and load nothing from the network.

Pages: ``index.html`` (load status, headline figures, trend, LWDAs),
``lwda/<code>.html`` (offices, trend, lag distribution, late-entry worklist,
readiness gaps), ``gate-history.html`` (every attempt at every night),
``gate-results.html`` (the kept GX validation results, counts only) and
``dbt/index.html`` (dbt docs).

Every figure comes from a ``marts.rpt_*`` model (``warehouse``); this package
formats and draws. The exposures in ``dbt_project/models/exposures.yml`` say
which page reads which mart. The load status and gate pages read the load audit
log and the kept GX results, which also cover nights that never reached the
warehouse.

No personal data: the marts hold none, and the pages show pseudonymous staff
keys at most. On LWDA pages, counts from 1 to ``small_cell_threshold - 1`` show
as ``<N`` and rates over fewer than N are left out (see ``cells``).
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from onestop.reports.site import charts
from onestop.reports.site.cells import SmallCells
from onestop.reports.site.dbt_docs import generate_dbt_docs
from onestop.reports.site.history import read_attempts, read_gate_results
from onestop.reports.site.warehouse import read_warehouse
from onestop.settings import Settings

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True)
class SiteReport:
    site_dir: Path
    pages: list[str]  # relative paths of the HTML pages written
    seconds: float


def build_site(settings: Settings, *, dbt_docs: bool = True) -> SiteReport:
    """Build the whole site beside ``settings.site_dir`` and swap it in.

    Readers never see half a site: the new one is written to a sibling folder,
    and the old one is replaced only once every page is written. With
    ``dbt_docs=False`` the dbt docs page (about 9 s to generate) is left out.
    """
    started = time.monotonic()
    site = settings.site_dir
    staging = site.with_name(site.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    pages = _write_pages(settings, staging, dbt_docs=dbt_docs)
    if dbt_docs:
        generate_dbt_docs(settings, staging / "dbt" / "index.html")
        pages.append("dbt/index.html")
    retired = site.with_name(site.name + ".old")
    shutil.rmtree(retired, ignore_errors=True)
    if site.exists():
        site.rename(retired)
    staging.rename(site)
    shutil.rmtree(retired, ignore_errors=True)
    return SiteReport(site, pages, time.monotonic() - started)


def _write_pages(settings: Settings, out: Path, *, dbt_docs: bool) -> list[str]:
    attempts = read_attempts(settings.audit_log)
    if not any(a.outcome == "accepted" for a in attempts):
        raise RuntimeError(f"no night has been published yet (load audit {settings.audit_log})")
    facts = read_warehouse(settings.warehouse_path)
    cells = SmallCells(settings.small_cell_threshold)
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(pct=cells.pct, cell=cells.count, pct_all=cells.pct_unsuppressed)
    common = {
        "facts": facts,
        "timely_days": settings.timely_business_days,
        "threshold": settings.small_cell_threshold,
        "dbt_docs": dbt_docs,
        "recent_days": facts.recent_days,
        "worklist_rows": facts.worklist_rows,
    }
    shutil.copytree(STATIC, out / "static")
    pages: dict[str, str] = {}

    charts.timeliness_trend(
        out / "charts" / "statewide-timeliness.svg",
        [(day, rate.pct) for day, rate in facts.daily_timely if rate.total],
        f"Statewide: % of services entered within {settings.timely_business_days} "
        "business days, by day of entry",
    )
    pages["index.html"] = env.get_template("index.html.j2").render(
        root="", last_night=attempts[0] if attempts else None, **common
    )
    for lwda in facts.lwdas:
        charts.timeliness_trend(
            out / "charts" / f"lwda-{lwda.code}-timeliness.svg",
            [(day, rate.pct) for day, rate in lwda.daily_timely if cells.shown(rate.total)],
            f"LWDA {lwda.code}: % entered within {settings.timely_business_days} business days",
        )
        charts.lag_distribution(
            out / "charts" / f"lwda-{lwda.code}-lags.svg",
            {lag: n for lag, n in lwda.lag_counts.items() if cells.shown(n)},
            facts.lag_cap,
            settings.timely_business_days,
            f"LWDA {lwda.code}: services entered in the last {facts.recent_days} days, "
            "by entry lag",
        )
        pages[f"lwda/{lwda.code}.html"] = env.get_template("lwda.html.j2").render(
            root="../", lwda=lwda, **common
        )
    pages["gate-history.html"] = env.get_template("gate_history.html.j2").render(
        root="", attempts=attempts, **common
    )
    pages["gate-results.html"] = env.get_template("gate_results.html.j2").render(
        root="",
        results=[(a, read_gate_results(settings.gate_results_dir, a)) for a in attempts],
        **common,
    )
    for name, html in pages.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(html, encoding="utf-8")
    return list(pages)
