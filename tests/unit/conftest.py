"""Every test under tests/unit/ is marked ``unit``: ``pytest -m unit`` runs the fast room tests."""

from __future__ import annotations

from pathlib import Path

import pytest

UNIT_TESTS = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before ``-m`` selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if UNIT_TESTS in item.path.resolve().parents:
            item.add_marker(pytest.mark.unit)
