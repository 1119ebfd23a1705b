"""One file of condition cases runs against both evaluators: Python (catalogue/conditions.py) and
the wizard's JavaScript (static/js/conditions.js, under Node). They must agree with the cases."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from assessment.catalogue.conditions import evaluate

ROOT = Path(__file__).resolve().parent.parent
CASES = json.loads((ROOT / "tests" / "conditions_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: json.dumps(c["condition"])[:60])
def test_python_evaluator_meets_every_shared_case(case: dict) -> None:
    assert evaluate(case["condition"], case["answers"], CASES["named"]) is case["expected"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_evaluator_agrees_with_every_shared_case() -> None:
    run = subprocess.run(
        ["node", str(ROOT / "tests" / "js" / "run_conditions.mjs")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    results = json.loads(run.stdout)["results"]
    expected = [case["expected"] for case in CASES["cases"]]
    disagreements = [
        (case["condition"], case["answers"], got)
        for case, got, want in zip(CASES["cases"], results, expected, strict=True)
        if got is not want
    ]
    assert disagreements == []
