"""'Not applicable' means the requirement cannot apply; a gap another finding already reports is
'covered by F<n>', never 'met' nor 'not applicable'."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from assessment.catalogue import CatalogueError, default_catalogue, load_catalogue
from assessment.catalogue.conditions import evaluate
from assessment.catalogue.flow import prune_hidden
from assessment.catalogue.loader import QUESTIONNAIRE_FILE, RULES_FILE
from assessment.catalogue.model import Catalogue
from assessment.scoring import score
from assessment.scoring.serialise import result_to_dict
from tests.answer_strategies import ANSWERS
from tests.test_scenarios import SCENARIOS, scenario_answers

RULES = RULES_FILE.read_text(encoding="utf-8")
COVERED = 'id = "m25-storage-in-device"'


def catalogue_with(tmp_path: Path, old: str, new: str) -> Catalogue:
    assert old in RULES, old
    (tmp_path / "rules.toml").write_text(RULES.replace(old, new, 1), encoding="utf-8")
    return load_catalogue(QUESTIONNAIRE_FILE, tmp_path / "rules.toml")


def test_a_gap_covered_by_another_finding_is_listed_as_covered_with_its_finding_number(tmp_path: Path) -> None:
    catalogue = catalogue_with(tmp_path, COVERED, COVERED + '\ncovered_by = ["m25-no-internet-transfer"]')
    answers = scenario_answers("cloud-templates-without-consent")
    result = score(catalogue, "measures-2025", answers)
    ids = {"findings": [f.rule.id for f in result.findings], "met": [r.id for r in result.met]}
    assert "m25-no-internet-transfer" in ids["findings"]
    assert "m25-storage-in-device" not in ids["findings"] + ids["met"]
    assert "m25-storage-in-device" not in [n.rule.id for n in result.not_applicable]
    (covered,) = result.covered
    assert (covered.rule.id, covered.by) == ("m25-storage-in-device", ("m25-no-internet-transfer",))
    data = result_to_dict(catalogue, result)
    assert data["covered"][0]["covered_by"] == ["m25-no-internet-transfer"]
    covering = next(f for f in data["findings"] if f["rule"] == "m25-no-internet-transfer")
    assert covering["covers"] == ["m25-storage-in-device"]


def test_a_covered_rule_whose_covering_rule_does_not_fire_is_a_finding_of_its_own(tmp_path: Path) -> None:
    catalogue = catalogue_with(tmp_path, COVERED, COVERED + '\ncovered_by = ["m25-private-space-fr-devices"]')
    result = score(catalogue, "measures-2025", scenario_answers("cloud-templates-without-consent"))
    assert "m25-storage-in-device" in [f.rule.id for f in result.findings]
    assert result.covered == ()


@pytest.mark.parametrize(
    ("covered_by", "problem"),
    [
        ('["no-such-rule"]', "covered_by names unknown rule 'no-such-rule'"),
        ('["d23-filing"]', "covered_by rule 'd23-filing' shares no regime"),
    ],
)
def test_the_loader_refuses_a_bad_covered_by(tmp_path: Path, covered_by: str, problem: str) -> None:
    with pytest.raises(CatalogueError, match=rf"rules.toml: rule 'm25-storage-in-device': ({problem})"):
        catalogue_with(tmp_path, COVERED, COVERED + f"\ncovered_by = {covered_by}")


def assert_no_contradictions(catalogue: Catalogue, answers: dict[str, Any]) -> None:
    """Not applicable: the gate is false; met: the gap condition is false; no rule in two lists."""
    kept = prune_hidden(catalogue, answers)
    for regime_id in catalogue.regime_ids:
        result = score(catalogue, regime_id, answers)
        regime = catalogue.regime(regime_id)
        in_scope = evaluate(regime.in_scope_if, kept, catalogue.conditions)
        for entry in result.not_applicable:
            rule = entry.rule
            gate = rule.applies_if is None or evaluate(rule.applies_if, kept, catalogue.conditions)
            assert not (gate and (in_scope or not rule.within_regime_scope)), rule.id
        found = {f.rule.id for f in result.findings}
        # "Same requirement" is data: rules sharing a `duty` (a rule without one is its own).
        reported = {f.rule.requirement_id for f in result.findings} | {c.rule.requirement_id for c in result.covered}
        for rule in result.met:
            assert not evaluate(rule.fires_if, kept, catalogue.conditions), rule.id
            assert rule.id not in found
            assert rule.requirement_id not in reported, f"{rule.id} met beside a finding on {rule.requirement_id}"
        lists = [
            *found,
            *(r.id for r in result.met),
            *(n.rule.id for n in result.not_applicable),
            *(c.rule.id for c in result.covered),
        ]
        assert sorted(lists) == sorted(r.id for r in catalogue.rules_for(regime_id))
        for entry in result.covered:
            assert set(entry.by) <= found, entry.rule.id


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_no_scenario_lists_a_rule_as_not_applicable_or_met_against_its_own_conditions(path: Path) -> None:
    assert_no_contradictions(default_catalogue(), scenario_answers(path.stem))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_generated_answers_never_contradict_themselves(answers: dict[str, Any]) -> None:
    assert_no_contradictions(default_catalogue(), answers)


def test_remote_identification_under_the_measures_names_the_findings_that_carry_it() -> None:
    """The Measures have no remote-identification article; the topic is carried, never silent."""
    catalogue = default_catalogue()
    result = score(catalogue, "measures-2025", scenario_answers("supermarket-scans-every-shopper"))
    (coverage,) = result.coverage
    assert (coverage.topic, coverage.replaces, coverage.status) == (
        "remote_identification",
        "d23-remote-identification",
        "covered",
    )
    finding_ids = [f.rule.id for f in result.findings]
    assert list(coverage.by) == [r for r in finding_ids if r in coverage.by]  # the report's order
    assert "pipl-passive-capture-without-consent" in coverage.by
    data = result_to_dict(catalogue, result, "zh")
    assert data["coverage"][0]["covered_by"] == list(coverage.by)
    assert "远距离" in data["coverage"][0]["note"]
    assert score(catalogue, "draft-2023", scenario_answers("supermarket-scans-every-shopper")).coverage == ()


def test_remote_identification_with_every_carrying_rule_met_is_met() -> None:
    answers = {
        **scenario_answers("supermarket-scans-every-shopper"),
        "cn1_legal_basis": "statutory",
        "cn1_statutory_covers": "yes",
        "sa4_watchlist_basis": "yes",
        "pl2_public_security_necessary": "yes",
        "pl5_other_uses": "no",
    }
    result = score(default_catalogue(), "measures-2025", answers)
    (coverage,) = result.coverage
    assert (coverage.status, coverage.by) == ("met", ())


def test_no_coverage_where_nobody_is_identified_remotely() -> None:
    result = score(default_catalogue(), "measures-2025", scenario_answers("well-run-gym-member-entry"))
    assert result.coverage == ()


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('replaces = "d23-remote-identification"', 'replaces = "m25-filing"', "replaces must name a rule not scored"),
        ('  "m25-public-place-other-use",\n]', '  "d23-filing",\n]', "coverage rule 'd23-filing' is not a rule of"),
    ],
)
def test_the_loader_refuses_a_bad_coverage(tmp_path: Path, old: str, new: str, problem: str) -> None:
    with pytest.raises(CatalogueError, match=problem):
        catalogue_with(tmp_path, old, new)
