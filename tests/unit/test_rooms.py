"""The rooms of ``include/onestop`` and the one-way arrows between them.

``dags`` → ``nightly`` → ``contract``, ``privacy``; ``nightly`` never imports the
generator (``synthetic``), the reports or the operator tools (``ops``); reports
read the warehouse and never reach into the nightly steps that write it, except
the dbt runner (the site's dbt docs). A new import that crosses a line fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "include" / "onestop"
TOP = {"settings", "errors", "calendar", "sql"}
ROOMS = {"contract", "nightly", "privacy", "synthetic", "reports", "ops"}

#: room → the rooms (and top-level modules) it may import
ALLOWED = {
    "contract": {"contract", "errors"},
    "privacy": {"privacy", "contract", "sql", "settings", "errors"},
    "nightly": {"nightly", "contract", "privacy"} | TOP,
    "synthetic": {"synthetic", "contract", "calendar", "settings", "errors"},
    "reports": {"reports", "contract", "settings", "errors"},
    "ops": ROOMS | TOP,
    "top": {"calendar"},
    "dags": {"nightly", "ops", "privacy", "reports", "settings", "errors"},
}
#: the few imports across a line, each with its reason
EXCEPTIONS = {
    ("reports", "nightly.audit"): "the site and summary read the load audit's events",
    ("reports", "nightly.dbt_runner"): "the site's dbt docs run dbt the way the build does",
}


def _imports(path: Path) -> set[str]:
    """Dotted ``onestop`` modules a file imports (``from onestop.x.y import z`` → ``x.y``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("onestop"):
            rest = node.module.removeprefix("onestop").lstrip(".")
            if rest:
                found.add(rest)
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("onestop."):
                    found.add(alias.name.removeprefix("onestop."))
    return found


def _room_of(path: Path) -> str:
    if path.is_relative_to(PROJECT_ROOT / "dags"):
        return "dags"
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else "top"


FILES = sorted(PACKAGE.rglob("*.py")) + sorted((PROJECT_ROOT / "dags").glob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_imports_follow_the_arrows(path: Path) -> None:
    room = _room_of(path)
    crossing = []
    for module in _imports(path):
        target = module.split(".")[0]
        if target in ALLOWED[room] or (room, module) in EXCEPTIONS:
            continue
        crossing.append(module)
    assert not crossing, f"{room} must not import {crossing}"


def test_every_module_is_in_a_room_or_named_at_the_top() -> None:
    top_modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    rooms = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert top_modules == TOP
    assert rooms == ROOMS


def test_the_arrow_test_can_fail(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from onestop.synthetic.generate import generate\n", encoding="utf-8")
    assert "synthetic" not in ALLOWED["nightly"]
    assert _imports(module) == {"synthetic.generate"}
