"""Small-cell suppression on the site's pages, and the rates behind the percentages."""

from __future__ import annotations

import pytest
from onestop.reports.site.cells import SmallCells
from onestop.reports.site.warehouse import Rate

CELLS = SmallCells(threshold=5)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (1234, "1,234"), (None, "–")],
)
def test_counts_from_one_to_below_the_threshold_are_hidden(value, shown) -> None:
    assert CELLS.count(value) == shown


def test_shown_is_zero_or_at_least_the_threshold() -> None:
    assert [n for n in range(8) if CELLS.shown(n)] == [0, 5, 6, 7]
    assert [n for n in range(4) if SmallCells(threshold=2).shown(n)] == [0, 2, 3]


@pytest.mark.parametrize(
    ("rate", "shown"),
    [
        (Rate(0, 0, None), "–"),
        (Rate(2, 4, 50.0), "suppressed"),
        (Rate(0, 4, 0.0), "suppressed"),
        (Rate(3, 5, 60.0), "60.0%"),
        (Rate(2, 3000, 2 / 30), "0.1%"),
    ],
)
def test_rates_over_too_few_cases_are_not_shown(rate: Rate, shown: str) -> None:
    assert CELLS.pct(rate) == shown


def test_statewide_rates_are_never_suppressed() -> None:
    assert SmallCells.pct_unsuppressed(Rate(1, 2, 50.0)) == "50.0%"
    assert SmallCells.pct_unsuppressed(Rate(0, 0, None)) == "–"


def test_a_rate_shows_the_percentage_the_mart_computed() -> None:
    # The page formats the mart's figure; it never divides hits by total itself.
    assert CELLS.pct(Rate(7, 10, 12.5)) == "12.5%"
    assert SmallCells.pct_unsuppressed(Rate(0, 0, None)) == "–"
