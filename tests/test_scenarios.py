"""Plain-language business scenarios, scored under both regimes (tests/scenarios/*.toml).

Each file names a situation, gives the answers (optionally on top of another scenario's) and
says what a careful compliance reviewer expects: the rating, findings that must and must not
appear, and whether filing is required. A scenario may give `as_of` (the assessment's date) and
expect the filing's `filing_deadline`, `filing_overdue` and words of its reason
(`filing_reason_includes`, English). `covered` maps a rule to the rules whose findings cover it
("covered by F<n>"), `met` lists rules that must be met, and `coverage` maps a draft topic the
regime has no article for to the findings that must carry it (an empty list: the topic is met).
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assessment.catalogue import default_catalogue
from assessment.scoring import SEVERITY_ORDER, score

SCENARIO_DIR = Path(__file__).parent / "scenarios"
SCENARIOS = sorted(SCENARIO_DIR.glob("*.toml"))


def load_scenario(stem: str) -> dict[str, Any]:
    with (SCENARIO_DIR / f"{stem}.toml").open("rb") as handle:
        return tomllib.load(handle)


def scenario_answers(stem: str) -> dict[str, Any]:
    """The scenario's answers laid over those of the scenario it extends."""
    scenario = load_scenario(stem)
    answers = scenario_answers(scenario["extends"]) if "extends" in scenario else {}
    for question_id in scenario.get("remove", []):
        answers.pop(question_id, None)
    answers.update(scenario.get("answers", {}))
    return answers


def test_there_are_enough_scenarios() -> None:
    assert len(SCENARIOS) >= 25


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
@pytest.mark.parametrize("regime", ["measures-2025", "draft-2023"])
def test_scenario(path: Path, regime: str) -> None:
    scenario = load_scenario(path.stem)
    expect = scenario.get("expect", {}).get(regime)
    if expect is None:
        pytest.skip(f"{path.stem} states no expectation under {regime}")
    as_of = scenario.get("as_of")
    result = score(default_catalogue(), regime, scenario_answers(path.stem), as_of=as_of)
    fired = [f.rule.id for f in result.findings]
    story = f"{scenario['title']} ({regime}): findings {fired}, missing {list(result.missing_questions)}"
    if "rating" in expect:
        assert result.rating == expect["rating"], story
    if "applicable" in expect:
        assert result.applicable == expect["applicable"], story
    for rule_id in expect.get("findings", []):
        assert rule_id in fired, f"expected {rule_id}: {story}"
    for rule_id in expect.get("not_findings", []):
        assert rule_id not in fired, f"did not expect {rule_id}: {story}"
    if "max_severity" in expect:
        allowed = SEVERITY_ORDER[SEVERITY_ORDER.index(expect["max_severity"]) :]
        assert all(f.severity in allowed for f in result.findings), story
    if "filing_required" in expect:
        assert result.filing is not None and result.filing.required == expect["filing_required"], story
    if "filing_deadline" in expect:
        assert result.filing is not None and result.filing.due == expect["filing_deadline"], story
    if "filing_overdue" in expect:
        assert result.filing is not None and result.filing.overdue == expect["filing_overdue"], story
    covered = {c.rule.id: list(c.by) for c in result.covered}
    for rule_id, by in expect.get("covered", {}).items():
        assert covered.get(rule_id) == by, f"{rule_id} covered by {covered.get(rule_id)}, not {by}: {story}"
    met = [rule.id for rule in result.met]
    for rule_id in expect.get("met", []):
        assert rule_id in met, f"expected {rule_id} met: {story}"
    coverage = {c.topic: c for c in result.coverage}
    for topic, by in expect.get("coverage", {}).items():
        assert topic in coverage, f"topic {topic} vanished: {story}"
        assert coverage[topic].status == ("covered" if by else "met"), story
        assert set(by) <= set(coverage[topic].by), f"{topic} carried by {coverage[topic].by}: {story}"
    for words in expect.get("filing_reason_includes", []):
        assert result.filing is not None and words in result.filing.reason.en, f"reason lacks {words!r}: {story}"


def test_scenario_dates_are_dates() -> None:
    """TOML reads `as_of = 2026-01-10` as a date: the engine gets a date, never a string."""
    for path in SCENARIOS:
        as_of = load_scenario(path.stem).get("as_of")
        assert as_of is None or isinstance(as_of, date), path.stem
