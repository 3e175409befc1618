"""The ``onestop`` command: generate synthetic drops, run nights, summarise, document."""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import click

from onestop.privacy.permissions import umask_for
from onestop.settings import Settings, load_settings

DEMO_START = date(2026, 10, 26)
DEMO_NIGHTS = 30
DEMO_SERVICES_PER_NIGHT = 400
DEMO_SEED = 20261124
# One blocked night, and a few labelled readiness findings that load as delivered.
DEMO_DEFECTS = (
    "entry_before_service@2026-11-18:osos__services x3",
    "missing_pirl_value@2026-11-03:osos__participants.school_status x5",
    "invalid_pirl_value@2026-11-04:osos__participants.sex x3",
    "exit_before_entry@2026-11-05:osos__program_enrollments x2",
    "orphan_enrollment@2026-11-06:osos__program_enrollments x2",
    # TA 17-7 access gaps and SSNs typed into comments: loaded, reported by the access marts
    "lapsed_individual_agreement@2026-11-10:osos__access_agreements x2",
    "wrong_agreement_type@2026-11-12:osos__access_agreements",
    "reos_entry_osos_only_user@2026-11-13:reos__appointments x3",
    "ssn_in_comment@2026-11-16:osos__services x2",
)


def _date(_ctx, _param, value: str | None) -> date | None:
    try:
        return None if value is None else date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from exc


def _ensure_secret(settings: Settings) -> None:
    try:
        settings.pseudonym_secret()
        return
    except RuntimeError:
        pass
    settings.secret_file.parent.mkdir(parents=True, exist_ok=True)
    settings.secret_file.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
    settings.secret_file.chmod(0o600)
    click.echo(f"Wrote a local pseudonymisation secret to {settings.secret_file}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Nightly OSOS/REOS extracts into a published DuckDB warehouse.

    Paths come from environment variables (see ``onestop.settings``); by default
    everything lives under ./data in the project folder. Every file a command writes
    is created owner-only (or owner and group, see ``onestop.privacy.permissions``).
    """
    os.umask(umask_for(load_settings().group_readable))


@main.command()
@click.option(
    "--start",
    callback=_date,
    default=DEMO_START.isoformat(),
    show_default=True,
    help="First extract date.",
)
@click.option(
    "--nights",
    type=click.IntRange(1),
    default=DEMO_NIGHTS,
    show_default=True,
    help="Number of consecutive nightly drops.",
)
@click.option(
    "--services-per-night",
    type=click.IntRange(1),
    default=400,
    show_default=True,
    help="OSOS services entered on a business day (closed days get a few).",
)
@click.option(
    "--seed",
    type=int,
    default=20261124,
    show_default=True,
    help="Random seed: the same seed writes the same bytes.",
)
@click.option(
    "--defect",
    "defects",
    multiple=True,
    metavar="KIND@YYYY-MM-DD[:TABLE][xN]",
    help=(
        "Inject a labelled defect, e.g. null_key@2026-11-03:osos__services x2 or "
        "invalid_pirl_value@2026-11-03:osos__participants.sex x3. Repeatable."
    ),
)
@click.option(
    "--pirl-missing-rate",
    type=click.FloatRange(0, 1),
    default=None,
    help="Share of participant PIRL facts left blank (unlabelled noise; default 0.01).",
)
@click.option(
    "--pirl-invalid-rate",
    type=click.FloatRange(0, 1),
    default=None,
    help="Share of participant PIRL facts written wrong (unlabelled noise; default 0.003).",
)
@click.option(
    "--landing",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write drops (default: the configured landing folder).",
)
@click.option(
    "--labels",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the injected defects' labels to this JSON file.",
)
def generate(
    start,
    nights,
    services_per_night,
    seed,
    defects,
    pirl_missing_rate,
    pirl_invalid_rate,
    landing,
    labels,
) -> None:
    """Write synthetic nightly drops (CSV files plus control file) in NY shape."""
    try:
        specs = _defect_specs(defects)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--defect") from exc
    _write_drops(
        landing or load_settings().landing_dir,
        start=start,
        nights=nights,
        services_per_night=services_per_night,
        seed=seed,
        defects=specs,
        labels=labels,
        pirl_missing_rate=pirl_missing_rate,
        pirl_invalid_rate=pirl_invalid_rate,
    )


def _defect_specs(texts: tuple[str, ...] | list[str]) -> list:
    from onestop.synthetic.generate import DefectSpec

    return [DefectSpec.parse(text) for text in texts]


def _write_drops(
    landing: Path,
    *,
    start: date,
    nights: int,
    services_per_night: int,
    seed: int,
    defects: list,
    labels: Path | None = None,
    pirl_missing_rate: float | None = None,
    pirl_invalid_rate: float | None = None,
) -> None:
    """Write the drops and print one line of row counts."""
    from onestop.synthetic.generate import PIRL_INVALID_RATE, PIRL_MISSING_RATE, generate

    report = generate(
        landing,
        start=start,
        nights=nights,
        seed=seed,
        services_per_night=services_per_night,
        defects=defects,
        progress=True,
        labels_path=labels,
        pirl_missing_rate=PIRL_MISSING_RATE if pirl_missing_rate is None else pirl_missing_rate,
        pirl_invalid_rate=PIRL_INVALID_RATE if pirl_invalid_rate is None else pirl_invalid_rate,
    )
    click.echo(
        f"Wrote {len(report.nights)} drops to {landing}: "
        + ", ".join(f"{table} {rows:,}" for table, rows in report.rows.items())
    )


@main.command("init-secret")
def init_secret() -> None:
    """Create a local pseudonymisation secret if none is configured (demo use)."""
    _ensure_secret(load_settings())


@main.command("run-nights")
@click.option("--from", "first", callback=_date, required=True, help="First night, YYYY-MM-DD.")
@click.option("--to", "last", callback=_date, default=None, help="Last night (default: --from).")
def run_nights_command(first: date, last: date | None) -> None:
    """Run onestop_nightly once per night, in date order, through Airflow's dag.test().

    Use it to catch up, back-fill or re-run nights after a drop was re-delivered.
    A blocked night is reported and the next night still runs; the exit status
    is 1 if any night was blocked.
    """
    settings = load_settings()
    nights = _night_range(first, last or first)
    blocked = _run_and_report(settings, nights)
    sys.exit(1 if blocked else 0)


@main.command()
def summary() -> None:
    """Print nights loaded and blocked, mart sizes and % timely by LWDA."""
    from onestop.reports.summary import summarise

    settings = load_settings()
    click.echo(summarise(settings.warehouse_path, settings.audit_log).render())


@main.command()
@click.option(
    "--fresh/--keep", default=True, show_default=True, help="Start from an empty data folder."
)
def demo(fresh: bool) -> None:
    """Generate 30 synthetic nights (one with a labelled defect) and run them all."""
    from onestop.reports.summary import summarise

    settings = load_settings()
    started = time.monotonic()
    if fresh:
        for folder in (
            settings.landing_dir,
            settings.work_dir,
            settings.gate_results_dir,
            settings.warehouse_path.parent,
            settings.data_dir / "airflow",
            settings.site_dir,
        ):
            shutil.rmtree(folder, ignore_errors=True)
    _ensure_secret(settings)
    click.echo(f"Generating {DEMO_NIGHTS} nights from {DEMO_START} into {settings.landing_dir}")
    _write_drops(
        settings.landing_dir,
        start=DEMO_START,
        nights=DEMO_NIGHTS,
        services_per_night=DEMO_SERVICES_PER_NIGHT,
        seed=DEMO_SEED,
        defects=_defect_specs(DEMO_DEFECTS),
    )
    nights = _night_range(DEMO_START, DEMO_START + timedelta(days=DEMO_NIGHTS - 1))
    # The site is built once at the end rather than after each of the 30 nights.
    _run_and_report(settings, nights, site=False)
    click.echo("")
    click.echo(summarise(settings.warehouse_path, settings.audit_log).render())
    click.echo("")
    click.echo(f"Published warehouse: {settings.warehouse_path}")
    _build_site(settings)
    click.echo(f"Demo finished in {time.monotonic() - started:.0f} s")


@main.command("site")
def site_command() -> None:
    """Build the data-quality site for program leads from the published warehouse."""
    _build_site(load_settings())


def _build_site(settings: Settings) -> None:
    from onestop.reports.site import build_site

    report = build_site(settings)
    click.echo(
        f"Data-quality site: {report.site_dir / 'index.html'} "
        f"({len(report.pages)} pages, built in {report.seconds:.1f} s)"
    )


@main.command()
@click.option("--nights", type=click.IntRange(1), default=30, show_default=True)
@click.option("--services-per-night", type=click.IntRange(1), default=400, show_default=True)
@click.option("--repeat", type=click.IntRange(1), default=3, show_default=True)
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    default=Path("data/bench"),
    show_default=True,
    help="Scratch folder, emptied first; never a real one.",
)
@click.option(
    "--scale",
    type=click.IntRange(1),
    default=None,
    help="Services in the history (sets --services-per-night from --nights), e.g. 1000000.",
)
def bench(
    nights: int, services_per_night: int, repeat: int, data_dir: Path, scale: int | None
) -> None:
    """Time the floor, a full rebuild and one more night, each step in its own process
    (medians, peak RSS and ratios; see docs/performance.md)."""
    from onestop.ops.bench import run_benchmark, services_per_night_for

    if scale is not None:
        services_per_night = services_per_night_for(scale, nights)

    shutil.rmtree(data_dir, ignore_errors=True)
    for name in (
        "ONESTOP_LANDING_DIR",
        "ONESTOP_WAREHOUSE_PATH",
        "ONESTOP_WORK_DIR",
        "ONESTOP_GATE_RESULTS_DIR",
        "ONESTOP_AUDIT_LOG",
    ):
        os.environ.pop(name, None)
    os.environ["ONESTOP_DATA_DIR"] = str(data_dir.resolve())
    settings = load_settings()
    _ensure_secret(settings)
    click.echo(
        run_benchmark(settings, nights=nights, services_per_night=services_per_night, repeat=repeat)
    )


@main.command("leak-scan")
@click.option(
    "--also",
    "extra",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Another folder or file to scan, e.g. a docs site. Repeatable.",
)
def leak_scan(extra: tuple[Path, ...]) -> None:
    """Search the data folder and Airflow's logs for the SSNs, names and dates of birth
    the landing drops hold; print the figures; exit 1 on any hit."""
    from onestop.privacy.leak_scan import collect_needles, scan

    settings = load_settings()
    needles = collect_needles(settings.landing_dir)
    airflow_home = Path(os.environ.get("AIRFLOW_HOME", settings.data_dir / "airflow"))
    roots = [settings.data_dir, settings.warehouse_path.parent, settings.gate_results_dir]
    roots += [settings.audit_log, airflow_home / "logs", *extra]
    try:
        secret = settings.pseudonym_secret()
    except RuntimeError:
        secret = None
    report = scan(
        [r for r in roots if r.exists()],
        needles,
        skip=[settings.landing_dir, settings.secret_file],
        secret=secret,
    )
    click.echo(report.render())
    sys.exit(1 if report.hits else 0)


@main.command("contract-doc")
@click.option("--check", is_flag=True, help="Fail if docs/extract-contract.md is out of date.")
def contract_doc(check: bool) -> None:
    """Render docs/extract-contract.md from the contract module."""
    from onestop.contract.doc import render

    settings = load_settings()
    target = settings.project_root / "docs" / "extract-contract.md"
    text = render()
    if check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            raise click.ClickException(f"{target} is out of date: run `onestop contract-doc`")
        click.echo(f"{target} is up to date")
        return
    target.write_text(text, encoding="utf-8")
    click.echo(f"Wrote {target}")


def _night_range(first: date, last: date) -> list[date]:
    if last < first:
        raise click.BadParameter(f"--to {last} is before --from {first}")
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _run_and_report(settings: Settings, nights: list[date], *, site: bool = True) -> list[date]:
    """Run the nights and print one line each: loaded, or blocked and why.

    ``site=False`` skips the site after each night (the demo builds it once at the end).
    """
    from onestop.nightly.audit import read_events
    from onestop.ops.airflow_local import run_nights

    blocked: list[date] = []
    for outcome in run_nights(settings, nights, site=site):
        if outcome.state == "success":
            click.echo(f"{outcome.extract_date}  loaded")
            continue
        blocked.append(outcome.extract_date)
        attempts = [
            e
            for e in read_events(settings.audit_log)
            if e["extract_date"] == outcome.extract_date.isoformat()
        ]
        last_load = attempts[-1]["load_id"] if attempts else None
        reasons = [
            e["message"]
            for e in attempts
            if e["load_id"] == last_load and e["status"] in {"blocked", "failed"}
        ]
        click.echo(f"{outcome.extract_date}  BLOCKED: " + (" | ".join(reasons) or outcome.state))
    return blocked
