"""The New York State office calendar: 4 NYCRR 21.1 as observed."""

from __future__ import annotations

from datetime import date

import pytest
from onestop.calendar import BusinessCalendar, legal_holidays, office_closures


def closures(year: int, **options) -> dict[date, str]:
    return {c.closure_date: c.holiday_name for c in office_closures(year, year, **options)}


def test_saturday_holiday_is_not_observed() -> None:
    # Independence Day 2026 is a Saturday: no closure on Friday 3 July or Saturday itself.
    days = closures(2026)
    assert date(2026, 7, 3) not in days and date(2026, 7, 4) not in days


def test_sunday_holiday_is_observed_on_monday() -> None:
    days = closures(2027)
    assert days[date(2027, 7, 5)] == "Independence Day (observed)"


def test_juneteenth_only_from_2021() -> None:
    assert date(2020, 6, 19) not in closures(2020)
    assert closures(2025)[date(2025, 6, 19)] == "Juneteenth"


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2025, 11), (2026, 10), (2027, 9)],  # domain notes: 13/12/11 with both floating holidays
)
def test_closure_counts_without_floating_holidays(year: int, expected: int) -> None:
    assert len(closures(year)) == expected


def test_floating_holidays_close_offices_only_when_configured() -> None:
    assert date(2025, 2, 12) not in closures(2025)
    assert date(2025, 11, 4) not in closures(2025)
    closed = closures(2025, close_on_lincolns_birthday=True, close_on_election_day=True)
    assert closed[date(2025, 2, 12)] == "Lincoln's Birthday"
    assert closed[date(2025, 11, 4)] == "Election Day"
    assert len(closed) == 13


def test_moving_holidays_fall_on_the_right_days() -> None:
    names = {c.holiday_name: c.closure_date for c in legal_holidays(2026)}
    assert names["Martin Luther King Jr. Day"] == date(2026, 1, 19)
    assert names["Washington's Birthday"] == date(2026, 2, 16)
    assert names["Memorial Day"] == date(2026, 5, 25)
    assert names["Labor Day"] == date(2026, 9, 7)
    assert names["Columbus Day"] == date(2026, 10, 12)
    assert names["Election Day"] == date(2026, 11, 3)
    assert names["Thanksgiving Day"] == date(2026, 11, 26)


def test_calendar_spans_2000_to_2040() -> None:
    calendar = BusinessCalendar.new_york()
    years = {c.closure_date.year for c in calendar.closures}
    assert min(years) == 2000 and max(years) == 2040


def test_shift_business_days_skips_weekends_and_holidays() -> None:
    calendar = BusinessCalendar.new_york()
    # Wednesday before Thanksgiving 2026 plus two business days: Fri 27th, Mon 30th.
    assert calendar.shift_business_days(date(2026, 11, 25), 2) == date(2026, 11, 30)
    assert calendar.shift_business_days(date(2026, 11, 30), -2) == date(2026, 11, 25)
    assert not calendar.is_business_day(date(2026, 11, 26))
    assert calendar.is_business_day(date(2026, 11, 27))
