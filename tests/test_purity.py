"""The catalogue and the engine are pure Python: no Django, no clock, no settings."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PURE_PACKAGES = [Path("assessment/catalogue"), Path("assessment/scoring")]
ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("django", "formtools", "weasyprint", "time", "random")
# Dates may be computed with (a deadline from a trigger date the caller gives) but never read.
CLOCK_READS = ("now", "today", "utcnow", "fromtimestamp")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "path",
    [p for pkg in PURE_PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_pure_modules_import_nothing_from_django_or_the_clock(path: Path) -> None:
    assert imported_modules(path).isdisjoint(FORBIDDEN)


@pytest.mark.parametrize(
    "path",
    [p for pkg in PURE_PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_pure_modules_never_read_the_clock(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    reads = [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in CLOCK_READS]
    assert reads == []
