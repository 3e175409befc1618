"""PIRL facts staff record at program entry, with the blanks and typos real case files have.

Why a module: the readiness marts check these facts (PIRL elements such as
disability, race, employment, education, school status), so their shares are
New York-like and a configurable share is left blank or typed wrong. They are
drawn from their own sequential stream in registration order, so changing them
leaves every other column of the drops as it was.
"""

from __future__ import annotations

import random
from datetime import date

from onestop.contract import PARTICIPANTS, Column, Entity
from onestop.synthetic.draws import stream, weighted
from onestop.synthetic.records import Person

# How often a fact is left blank or typed wrong by default (shares of each fact).
PIRL_MISSING_RATE = 0.01
PIRL_INVALID_RATE = 0.003
DISABILITY_WEIGHTS = {"1": 8, "0": 86, "9": 6}
HISPANIC_WEIGHTS = {"1": 19, "0": 77, "9": 4}
# Share of people who report each race (several may apply), New York-like.
RACE_SHARES = {
    "race_american_indian": 0.01,
    "race_asian": 0.09,
    "race_black": 0.21,
    "race_pacific_islander": 0.005,
    "race_white": 0.56,
}
RACE_UNDISCLOSED_SHARE = 0.05
EMPLOYMENT_WEIGHTS = {"0": 64, "1": 20, "2": 5, "3": 11}
UC_WEIGHTS = {"2": 14, "3": 4, "0": 82}  # claimants selected by REOS are code 1
EDUCATION_WEIGHTS = {"0": 11, "1": 31, "2": 6, "3": 1, "4": 15, "5": 6, "6": 10, "7": 15, "8": 5}
LOW_INCOME_SHARE = 0.3


class PirlRecorder:
    """Draws each new participant's PIRL facts from the run's ``pirl`` stream.

    ``missing_rate`` and ``invalid_rate`` are the shares (0–1) of each fact left
    blank or written wrong: unlabelled background noise, unlike the labelled
    ``missing_pirl_value`` and ``invalid_pirl_value`` defects.
    """

    def __init__(self, seed: int, missing_rate: float, invalid_rate: float) -> None:
        self.rng = stream(seed, "pirl")
        self.missing_rate, self.invalid_rate = missing_rate, invalid_rate

    def facts(self, person: Person, age: int, veteran: bool, claimant: bool) -> dict[str, str]:
        """The PIRL facts staff record at entry, then blanks and typos at the configured rates.

        Returns the participants file's PIRL columns by name, as delivered strings.
        """
        rng = self.rng
        undisclosed = rng.random() < RACE_UNDISCLOSED_SHARE
        facts = {
            "date_of_birth": person.date_of_birth.isoformat(),
            "sex": person.sex,
            "disability": weighted(rng, DISABILITY_WEIGHTS),
            "hispanic_latino": weighted(rng, HISPANIC_WEIGHTS),
            **{
                column: "9" if undisclosed else ("1" if rng.random() < share else "0")
                for column, share in RACE_SHARES.items()
            },
            "veteran_status": "1" if veteran else "0",
            "employment_status": "0" if claimant else weighted(rng, EMPLOYMENT_WEIGHTS),
            "uc_eligible_status": "1" if claimant else weighted(rng, UC_WEIGHTS),
            "education_level": "0" if age < 18 else weighted(rng, EDUCATION_WEIGHTS),
            "school_status": school_status(age, rng),
            "low_income": "1" if rng.random() < LOW_INCOME_SHARE else "0",
        }
        for column in facts:
            u = rng.random()
            if u < self.missing_rate:
                facts[column] = ""
            elif u < self.missing_rate + self.invalid_rate:
                facts[column] = invalid_value(column_of(PARTICIPANTS, column), facts[column])
        return facts


def school_status(age: int, rng: random.Random) -> str:
    """PIRL 409 by age: teenagers mostly in school, adults mostly graduates."""
    if age <= 18:
        return weighted(rng, {"1": 62, "2": 5, "4": 13, "5": 18, "6": 2})
    if age <= 24:
        return weighted(rng, {"3": 25, "4": 10, "5": 65})
    return weighted(rng, {"3": 5, "4": 5, "5": 90})


def column_of(entity: Entity, name: str) -> Column:
    """The contract column ``name`` of ``entity``."""
    return next(c for c in entity.columns if c.name == name)


def is_date(value: str) -> bool:
    """Whether ``value`` is an ISO 8601 date (YYYY-MM-DD)."""
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def invalid_value(column: Column, value: str) -> str:
    """A wrong value of the kind staff type: a US-style date, or a code off the list."""
    if column.type == "date":
        return f"{date.fromisoformat(value):%m/%d/%Y}" if is_date(value) else "00/00/0000"
    return next(code for code in ("7", "5", "9", "X") if code not in column.codes)
