"""Errors a data engineer can act on: each names the night and what to fix."""

from __future__ import annotations

from datetime import date


class DropBlocked(Exception):
    """A night's drop may not be loaded (incomplete, corrupt or failing the gate).

    The published warehouse is left exactly as it was; the message says what
    to fix before the drop is re-delivered and the night re-run.
    """

    def __init__(self, extract_date: date, message: str) -> None:
        super().__init__(message)
        self.extract_date = extract_date
        self.message = message


class PublishRefused(Exception):
    """The candidate warehouse failed its audit (dbt tests) and was not published."""
