"""New York State office calendar: the one definition of a business day.

Offices close on the legal holidays of 4 NYCRR 21.1 as observed by the Civil
Service calendar: a holiday that falls on a Saturday is not observed (no Friday
off); one that falls on a Sunday is observed the Monday after. Lincoln's
Birthday and Election Day are floating holidays for most state staff, so
offices stay open unless a setting closes them. Weekends are closed.

The pipeline loads these closures into the warehouse (``raw.ny_state_holidays``)
and dbt builds ``dim_calendar`` and every business-day count from that table;
the synthetic generator uses the same closures to place service dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

FIRST_YEAR = 2000
LAST_YEAR = 2040
JUNETEENTH_FIRST_YEAR = 2021


@dataclass(frozen=True, order=True)
class Closure:
    """A day New York State offices are closed for a holiday."""

    closure_date: date
    holiday_name: str
    is_floating: bool = False


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (Mon=0) of a month; n=-1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last = next_month - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _fixed(year: int, month: int, day: int, name: str, floating: bool = False) -> Closure | None:
    """A fixed-date holiday as observed: Saturday dropped, Sunday moved to Monday."""
    actual = date(year, month, day)
    if actual.weekday() == 5:
        return None
    if actual.weekday() == 6:
        return Closure(actual + timedelta(days=1), f"{name} (observed)", floating)
    return Closure(actual, name, floating)


def legal_holidays(year: int) -> list[Closure]:
    """Every 4 NYCRR 21.1 holiday of a year as observed, floating ones flagged."""
    monday, thursday = 0, 3
    first_monday_nov = _nth_weekday(year, 11, monday, 1)
    candidates: list[Closure | None] = [
        _fixed(year, 1, 1, "New Year's Day"),
        Closure(_nth_weekday(year, 1, monday, 3), "Martin Luther King Jr. Day"),
        _fixed(year, 2, 12, "Lincoln's Birthday", floating=True),
        Closure(_nth_weekday(year, 2, monday, 3), "Washington's Birthday"),
        Closure(_nth_weekday(year, 5, monday, -1), "Memorial Day"),
        _fixed(year, 6, 19, "Juneteenth") if year >= JUNETEENTH_FIRST_YEAR else None,
        _fixed(year, 7, 4, "Independence Day"),
        Closure(_nth_weekday(year, 9, monday, 1), "Labor Day"),
        Closure(_nth_weekday(year, 10, monday, 2), "Columbus Day"),
        Closure(first_monday_nov + timedelta(days=1), "Election Day", True),
        _fixed(year, 11, 11, "Veterans Day"),
        Closure(_nth_weekday(year, 11, thursday, 4), "Thanksgiving Day"),
        _fixed(year, 12, 25, "Christmas Day"),
    ]
    return sorted(c for c in candidates if c is not None)


def office_closures(
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
    *,
    close_on_lincolns_birthday: bool = False,
    close_on_election_day: bool = False,
) -> list[Closure]:
    """Holidays on which offices close, given the floating-holiday settings."""
    closes_floating = {
        "Lincoln's Birthday": close_on_lincolns_birthday,
        "Election Day": close_on_election_day,
    }
    closures: list[Closure] = []
    for year in range(first_year, last_year + 1):
        for holiday in legal_holidays(year):
            base_name = holiday.holiday_name.removesuffix(" (observed)")
            if holiday.is_floating and not closes_floating[base_name]:
                continue
            closures.append(holiday)
    return closures


@dataclass(frozen=True)
class BusinessCalendar:
    """Office business days: Monday to Friday, less the closures."""

    closures: tuple[Closure, ...]

    @classmethod
    def new_york(
        cls, *, close_on_lincolns_birthday: bool = False, close_on_election_day: bool = False
    ) -> BusinessCalendar:
        return cls(
            tuple(
                office_closures(
                    close_on_lincolns_birthday=close_on_lincolns_birthday,
                    close_on_election_day=close_on_election_day,
                )
            )
        )

    @cached_property
    def _closed(self) -> dict[date, str]:
        return {c.closure_date: c.holiday_name for c in self.closures}

    def holiday_name(self, day: date) -> str | None:
        return self._closed.get(day)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._closed

    def shift_business_days(self, day: date, n: int) -> date:
        """The business day n business days after (n > 0) or before (n < 0) ``day``.

        Used by the generator to place a service date ``n`` business days
        before its entry; the warehouse counts lags in SQL, not here.
        """
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        current = day
        while remaining:
            current += timedelta(days=step)
            if self.is_business_day(current):
                remaining -= 1
        return current
