"""Synthetic nightly OSOS/REOS drops in New York shape, with labelled defects.

Why synthetic: participant-level OSOS and REOS data may not leave NYSDOL, yet
the pipeline, its gate and its marts need nights that look like the real
thing: about 90 offices over the 33 LWDAs, services entered mostly the same
day but with a long tail of late entries, weekends and holidays nearly empty,
RESEA claimants moving through appointments. Every value is invented: SSNs
start with 9 (an area the SSA never issues) and names come from frequency
lists (``people``).

How: the participant population, the REOS claimants with their appointment
histories and the RESEA services they lead to are simulated once up front
(population-sized). Everything else is drawn night by night from a random
stream seeded by ``(seed, purpose, night)``, so a night's content does not
depend on how many defects other nights carry, and the same arguments always
write the same bytes. Services are generated backwards from the night they
are entered: draw an entry lag in business days, then place the service date
that many business days earlier.

Where: ``world`` holds the simulation (``offices``, ``population`` with its
``pirl`` facts, ``reos``, ``services``, ``access``), ``drops`` writes each night
(``edits`` and ``drop_damage`` break it on request), and ``defects`` declares
every defect kind and the label format. This module is the entry point and
re-exports the names callers import from it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import click

from onestop.calendar import BusinessCalendar
from onestop.contract import ENTITIES
from onestop.settings import load_settings
from onestop.synthetic.defects import (
    COLUMN_RULES,
    CONTROL_KINDS,
    COUNTED_KINDS,
    DEFECT_KINDS,
    EDIT_KINDS,
    FILE_KINDS,
    POST_CONTROL_KINDS,
    WORLD_KINDS,
    DefectSpec,
)
from onestop.synthetic.drops import write_drop
from onestop.synthetic.pirl import PIRL_INVALID_RATE, PIRL_MISSING_RATE
from onestop.synthetic.services import WEEKDAY_VOLUME
from onestop.synthetic.world import World

__all__ = [
    "COLUMN_RULES",
    "CONTROL_KINDS",
    "COUNTED_KINDS",
    "DEFECT_KINDS",
    "EDIT_KINDS",
    "FILE_KINDS",
    "PIRL_INVALID_RATE",
    "PIRL_MISSING_RATE",
    "POST_CONTROL_KINDS",
    "WEEKDAY_VOLUME",
    "WORLD_KINDS",
    "DefectSpec",
    "GenerationReport",
    "generate",
]


@dataclass
class GenerationReport:
    """What a run wrote: the nights, rows per table, and one label per injected defect."""

    nights: list[date]
    rows: dict[str, int]  # rows written per table name, over all nights
    defects: list[dict]  # labels, in the shape documented in ``defects``


def generate(
    landing_dir: Path,
    *,
    start: date,
    nights: int,
    seed: int = 20261124,
    services_per_night: int = 400,
    defects: Sequence[DefectSpec] = (),
    calendar: BusinessCalendar | None = None,
    progress: bool = False,
    labels_path: Path | None = None,
    pirl_missing_rate: float = PIRL_MISSING_RATE,
    pirl_invalid_rate: float = PIRL_INVALID_RATE,
) -> GenerationReport:
    """Write one drop per extract date ``start`` … ``start + nights - 1`` under ``landing_dir``.

    The calendar defaults to the configured office closures, so generated lags
    agree with the business days the warehouse counts. ``pirl_missing_rate`` and
    ``pirl_invalid_rate`` are the shares of each participant PIRL fact left blank or
    written wrong (unlabelled background noise, as in real case files; use the
    ``missing_pirl_value`` and ``invalid_pirl_value`` defects for labelled ones).
    """
    if nights < 1:
        raise ValueError(f"nights must be at least 1, not {nights}")
    for name, rate in (
        ("pirl_missing_rate", pirl_missing_rate),
        ("pirl_invalid_rate", pirl_invalid_rate),
    ):
        if not 0 <= rate <= 1:
            raise ValueError(f"{name} must be between 0 and 1, not {rate}")
    if pirl_missing_rate + pirl_invalid_rate > 1:
        raise ValueError("pirl_missing_rate + pirl_invalid_rate must not exceed 1")
    extract_dates = [start + timedelta(days=i) for i in range(nights)]
    _check_defect_nights(defects, extract_dates)
    world = World(
        start,
        extract_dates[-1],
        seed,
        services_per_night,
        calendar or load_settings().office_calendar(),
        pirl_missing_rate,
        pirl_invalid_rate,
    )
    # World defects pick from the histories simulated up to their night; after them the
    # world advances night by night and forgets what no later night can need, so memory
    # follows the caseload span, not the length of the history.
    world_defects = [(i, spec) for i, spec in enumerate(defects) if spec.kind in WORLD_KINDS]
    world.populate(through=max((spec.night for _, spec in world_defects), default=start))
    labels = [world.apply_world_defect(spec, index) for index, spec in world_defects]
    world.world_defects_done()
    totals = {e.table: 0 for e in ENTITIES}
    with _progress(extract_dates, progress) as shown:
        for night in shown:
            world.populate(through=night)
            night_defects = [d for d in defects if d.night == night]
            write_drop(world, landing_dir, night, night_defects, labels, totals)
            world.forget_through(night)
    if labels_path is not None:
        labels_path.parent.mkdir(parents=True, exist_ok=True)
        labels_path.write_text(json.dumps(labels, indent=2) + "\n", encoding="utf-8")
    return GenerationReport(nights=extract_dates, rows=totals, defects=labels)


def _check_defect_nights(defects: Sequence[DefectSpec], extract_dates: list[date]) -> None:
    """A defect for a night outside the run would silently do nothing: refuse it."""
    for spec in defects:
        if not extract_dates[0] <= spec.night <= extract_dates[-1]:
            raise ValueError(
                f"defect {spec.kind}@{spec.night} is outside the generated nights "
                f"{extract_dates[0]} to {extract_dates[-1]}"
            )


def _progress(items: list[date], enabled: bool) -> AbstractContextManager[Iterable[date]]:
    """A progress bar on stderr (stdout stays clean for the caller's summary)."""
    if not enabled:
        return nullcontext(items)
    return click.progressbar(
        items,
        label="Writing nightly drops",
        file=sys.stderr,
        show_pos=True,
        item_show_func=lambda night: night.isoformat() if night else None,
    )
