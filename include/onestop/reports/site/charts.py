"""Static SVG charts, drawn at build time with matplotlib.

No pyplot: a bare ``Figure`` keeps no global state between charts and needs
no display; the style applies inside ``rc_context`` only. Text is drawn as
paths, so the SVG needs no font at view time, and the file carries no date or
random ids, so the same data gives the same bytes (a re-run night rebuilds an
identical site).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from matplotlib import rc_context
from matplotlib.figure import Figure

STYLE = {
    "svg.fonttype": "path",
    "svg.hashsalt": "onestop-site",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}

LINE = "#1f5f8b"
TARGET = "#b03a2e"
BAR = "#5b8db8"


def _save(figure: Figure, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="svg", metadata={"Date": None}, bbox_inches="tight")


def timeliness_trend(path: Path, points: list[tuple[date, float]], title: str) -> None:
    """% of services entered on time, one point per business day of entry."""
    with rc_context(STYLE):
        _timeliness_trend(path, points, title)


def _timeliness_trend(path: Path, points: list[tuple[date, float]], title: str) -> None:
    figure = Figure(figsize=(7.5, 2.6))
    ax = figure.add_subplot()
    if points:
        days, values = zip(*points, strict=True)
        ax.plot(days, values, color=LINE, marker="o", markersize=3, linewidth=1.5)
    else:
        ax.text(0.5, 0.5, "no services to show", ha="center", va="center", transform=ax.transAxes)
    ax.set_ylim(0, 100)
    ax.set_ylabel("% timely")
    ax.set_title(title, loc="left")
    ax.grid(axis="y", alpha=0.3)
    figure.autofmt_xdate()
    _save(figure, path)


def lag_distribution(
    path: Path, counts: dict[int, int], cap: int, timely_days: int, title: str
) -> None:
    """Services by entry lag in business days; the last bar holds every lag from ``cap`` up."""
    with rc_context(STYLE):
        _lag_distribution(path, counts, cap, timely_days, title)


def _lag_distribution(
    path: Path, counts: dict[int, int], cap: int, timely_days: int, title: str
) -> None:
    figure = Figure(figsize=(7.5, 2.6))
    ax = figure.add_subplot()
    lags = list(range(cap + 1))
    ax.bar(lags, [counts.get(lag, 0) for lag in lags], color=BAR)
    ax.axvline(timely_days + 0.5, color=TARGET, linestyle="--", linewidth=1)
    ax.text(timely_days + 0.6, ax.get_ylim()[1] * 0.9, "late →", color=TARGET)
    ax.set_xticks(lags, [str(lag) for lag in lags[:-1]] + [f"{cap}+"])
    ax.set_xlabel("entry lag (business days)")
    ax.set_ylabel("services")
    ax.set_title(title, loc="left")
    _save(figure, path)
