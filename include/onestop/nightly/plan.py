"""Plan: name one attempt at one night, and where its scratch files live."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from onestop.settings import Settings


@dataclass(frozen=True)
class Night:
    """One attempt at one night's drop; small and JSON-friendly so it can travel as XCom."""

    extract_date: str  # ISO date of the activity the drop carries
    load_id: str  # unique per attempt: <YYYYMMDD>-<token>
    run_dir: str  # scratch folder of this attempt

    @property
    def day(self) -> date:
        return date.fromisoformat(self.extract_date)

    @property
    def landing_db(self) -> Path:
        return Path(self.run_dir) / "landing.duckdb"

    @property
    def candidate(self) -> Path:
        return Path(self.run_dir) / "candidate.duckdb"

    def drop_dir(self, settings: Settings) -> Path:
        return settings.landing_dir / self.extract_date

    def gate_results_dir(self, settings: Settings) -> Path:
        return settings.gate_results_dir / self.extract_date / self.load_id

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def plan(settings: Settings, extract_date: date, attempt: str) -> Night:
    """Name an attempt: ``attempt`` is any string unique to it (e.g. the Airflow run id)."""
    token = hashlib.sha256(attempt.encode("utf-8")).hexdigest()[:10]
    load_id = f"{extract_date:%Y%m%d}-{token}"
    return Night(
        extract_date.isoformat(),
        load_id,
        str(settings.work_dir / extract_date.isoformat() / load_id),
    )
