"""Every module under assessment/ stays readable: none over 300 lines, no function over 40 (issue 11).

A few modules were over the limits when the rule was extended from the pure packages to the whole
tree; they are listed below, each with its size then, and the list may only shrink: an entry that
is no longer over its limit fails the test too, so it is removed when its module is split.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "assessment"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.relative_to(PACKAGE).parts)

# Known to be over, owned elsewhere and waiting for their split: path -> lines then.
LONG_MODULES = {
    "assessments/services.py": 396,
    "filing/documents.py": 499,
    "settings.py": 305,  # configuration, one setting after another
}
# path::function -> lines then.
LONG_FUNCTIONS = {
    "filing/documents.py::pia_report": 167,
    "filing/documents.py::processing_rules": 77,
    "filing/checklist.py::checklist": 53,
    "filing/gap_report.py::gap_report_document": 57,
    "filing/views.py::handler": 53,
}


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _function_lengths(source: str) -> dict[str, int]:
    return {
        node.name: node.end_lineno - node.lineno + 1
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None
    }


def test_the_check_sees_the_whole_tree() -> None:
    names = {_name(p) for p in MODULES}
    assert {"reports/context.py", "catalogue/loader.py", "scoring/engine.py", "wizard/views.py"} <= names
    assert not any("/migrations/" in name for name in names)


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_module_and_function_sizes(path: Path) -> None:
    name = _name(path)
    source = path.read_text(encoding="utf-8")
    lines = len(source.splitlines())
    limit = LONG_MODULES.get(name, MAX_MODULE_LINES)
    assert lines <= limit, f"{name} has {lines} lines (limit {limit}): split it"
    long = {
        f"{name}::{function}": length
        for function, length in _function_lengths(source).items()
        if length > MAX_FUNCTION_LINES
    }
    over = {key: length for key, length in long.items() if length > LONG_FUNCTIONS.get(key, MAX_FUNCTION_LINES)}
    assert over == {}, f"functions over {MAX_FUNCTION_LINES} lines: {over}"


@pytest.mark.parametrize("name", sorted(LONG_MODULES))
def test_a_listed_long_module_is_still_long(name: str) -> None:
    lines = len((PACKAGE / name).read_text(encoding="utf-8").splitlines())
    assert lines > MAX_MODULE_LINES, f"{name} is now {lines} lines: remove it from LONG_MODULES"


@pytest.mark.parametrize("key", sorted(LONG_FUNCTIONS))
def test_a_listed_long_function_is_still_long(key: str) -> None:
    name, function = key.split("::")
    length = _function_lengths((PACKAGE / name).read_text(encoding="utf-8")).get(function, 0)
    assert length > MAX_FUNCTION_LINES, f"{key} is now {length} lines: remove it from LONG_FUNCTIONS"
