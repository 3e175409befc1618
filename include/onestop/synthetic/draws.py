"""Seeded random streams and the small draws every part of the simulated world shares.

Why streams per purpose: each purpose (offices, the population, one night's
services, one defect…) draws from its own ``random.Random`` seeded by
``(seed, purpose, …)``, so a night's content does not depend on how many
defects other nights carry, and the same arguments always write the same bytes.
Code that draws must keep its order of draws: moving a draw moves every later
value of its stream.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

NEW_YORK = ZoneInfo("America/New_York")
WORKDAY_SECONDS = 10 * 3600  # entries fall between 08:00 and 18:00 local time
MAX_LAG = 60  # business days between delivery and entry, at the very worst
# Share of a business day's volume (registrations, services) entered on weekends and
# holidays.
CLOSED_DAY_SHARE = 0.03


def stream(seed: int, *parts: object) -> random.Random:
    """An independent stream per purpose (string seeds hash with SHA-512, not hash())."""
    return random.Random(":".join([str(seed), *map(str, parts)]))


def noisy_count(rng: random.Random, mean: float) -> int:
    """A Poisson-like count: daily volumes wobble around their mean."""
    return max(0, round(rng.gauss(mean, math.sqrt(mean))))


def timestamp(day: date, rng: random.Random) -> str:
    """A moment in office hours, with the offset New York had that day (EST or EDT)."""
    start = datetime.combine(day, time(8), tzinfo=NEW_YORK)
    return (start + timedelta(seconds=rng.randrange(WORKDAY_SECONDS))).isoformat()


def random_day(rng: random.Random, first: date, last: date) -> date:
    """A day from ``first`` to ``last`` inclusive, uniformly (``first`` if they cross)."""
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def draw_lag(rng: random.Random) -> int:
    """Entry lag in business days: half same day, a fifth next day, a thin tail to 60."""
    u = rng.random()
    if u < 0.50:
        return 0
    if u < 0.72:
        return 1
    if u < 0.90:
        return rng.randint(2, 5)
    if u < 0.98:
        return int(rng.triangular(6, 31, 6))
    return rng.randint(31, MAX_LAG)


def weighted(rng: random.Random, weights: dict[str, float]) -> str:
    """One key of ``weights``, drawn in proportion to its weight."""
    return rng.choices(tuple(weights), weights=tuple(weights.values()))[0]


def cumulative(values: Iterable[int]) -> Iterable[int]:
    """Running totals, as ``random.choices`` takes them in ``cum_weights``."""
    total = 0
    for value in values:
        total += value
        yield total
