"""Benchmark: median time to score one assessment, over 1,000 varied answer sets.

Run: .venv/bin/python bench/scoring.py [--count 1000]
Target: well under 5 ms per assessment. A figure to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assessment.catalogue import Catalogue, default_catalogue  # noqa: E402
from assessment.catalogue.flow import question_is_shown  # noqa: E402
from assessment.scoring import score  # noqa: E402

TEXT = {"text": "Example", "date": "2025-03-01"}


def random_answers(catalogue: Catalogue, rng: random.Random) -> dict[str, Any]:
    """A complete, valid answers document with every choice drawn at random (branches included)."""
    answers: dict[str, Any] = {}
    for question in catalogue.questions:
        if not question_is_shown(catalogue, question, answers):
            continue
        codes = list(question.choice_codes)
        if question.type in ("yes_no", "yes_no_unsure", "single"):
            answers[question.id] = rng.choice(codes)
        elif question.type == "multiple":
            picked = rng.sample([c for c in codes if c != "none"], rng.randint(1, max(1, len(codes) - 1)))
            answers[question.id] = picked
        elif question.type == "integer":
            answers[question.id] = rng.choice([0, 500, 9_999, 10_001, 20_000, 99_999, 100_000, 150_000, 2_000_000])
        else:
            answers[question.id] = TEXT[question.type]
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    catalogue = default_catalogue()
    rng = random.Random(20251)  # fixed: the same 1,000 answer sets every run
    answer_sets = [random_answers(catalogue, rng) for _ in range(args.count)]
    for regime in catalogue.regime_ids:
        for answers in answer_sets[:50]:  # warm up
            score(catalogue, regime, answers)
        timings, findings = [], []
        for answers in answer_sets:
            start = time.perf_counter()
            result = score(catalogue, regime, answers)
            timings.append(time.perf_counter() - start)
            findings.append(len(result.findings))
        median = statistics.median(timings) * 1000
        p95 = sorted(timings)[int(len(timings) * 0.95)] * 1000
        print(
            f"{regime:14} {len(catalogue.rules_for(regime))} rules, {args.count} answer sets "
            f"({min(findings)}-{max(findings)} findings, median {statistics.median(findings):g}): "
            f"median {median:.3f} ms, p95 {p95:.3f} ms per assessment (target < 5 ms: {median / 5:.2f} of it)"
        )


if __name__ == "__main__":
    main()
