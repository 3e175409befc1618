"""Small-cell suppression for the pages.

A count of 1 or 2 services by one staff key in one office, or of 3 participants
missing an element, can point at a person. On LWDA pages a count from 1 to
``threshold - 1`` shows as ``<threshold``, and a rate over fewer than
``threshold`` cases is not shown. Zero is shown: it identifies nobody.
Totals are not adjusted (no complementary suppression): an LWDA total minus
the shown offices can narrow a suppressed cell down; the threshold is a guard
against the obvious, not a disclosure-control method.
"""

from __future__ import annotations

from dataclasses import dataclass

from onestop.reports.site.warehouse import Rate


@dataclass(frozen=True)
class SmallCells:
    threshold: int

    def shown(self, count: int) -> bool:
        return count == 0 or count >= self.threshold

    def count(self, value: int | None) -> str:
        if value is None:
            return "–"
        return f"{value:,}" if self.shown(value) else f"<{self.threshold}"

    def pct(self, rate: Rate) -> str:
        """A percentage, or a dash when there is nothing or too little behind it."""
        if not rate.total:
            return "–"
        if rate.total < self.threshold:
            return "suppressed"
        return f"{rate.pct:.1f}%"

    @staticmethod
    def pct_unsuppressed(rate: Rate) -> str:
        """Statewide figures on the home page: large by construction, never suppressed."""
        return "–" if not rate.total else f"{rate.pct:.1f}%"
