"""Data integrity of the rules catalogue, checked the way a compiler would."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from assessment.catalogue import CatalogueError, default_catalogue, load_catalogue
from assessment.catalogue.conditions import question_ids
from assessment.catalogue.loader import QUESTIONNAIRE_FILE, RULES_FILE
from assessment.catalogue.model import Catalogue, Question, Rule
from assessment.scoring import score

INTEGER_PROBES = (0, 800, 10_001, 20_000, 100_000, 150_000, 1_000_000)


def test_there_are_enough_rules_for_each_regime() -> None:
    catalogue = default_catalogue()
    assert len(catalogue.rules_for("measures-2025")) >= 40
    assert len(catalogue.rules_for("draft-2023")) >= 30


def test_every_rule_cites_an_article_and_has_both_languages() -> None:
    for rule in default_catalogue().rules:
        assert rule.citations, rule.id
        for text in (rule.title, rule.requirement, rule.explanation, rule.remediation, *rule.evidence):
            assert text.en.strip() and text.zh.strip(), rule.id
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh), rule.id


def test_standard_only_duties_are_never_above_medium() -> None:
    for rule in default_catalogue().rules:
        if {c.instrument for c in rule.citations} <= {"gbt-41819-2022"}:
            assert rule.severity in ("medium", "low"), rule.id


def probe_values(question: Question) -> list[Any]:
    """Every answer worth trying for a question."""
    if question.type == "multiple":
        codes = [c for c in question.choice_codes if c != "none"]
        all_but_one = [[c for c in codes if c != left_out] for left_out in codes]
        return [[c] for c in question.choice_codes] + all_but_one + [codes]
    if question.type == "integer":
        return list(INTEGER_PROBES)
    if question.type in ("yes_no", "yes_no_unsure", "single"):
        return list(question.choice_codes)
    return ["2025-03-01"] if question.type == "date" else ["Example"]


def questions_behind(catalogue: Catalogue, rule: Rule) -> list[str]:
    """The questions a rule reads, with the questions that decide whether those are shown."""
    regime_scope = [catalogue.regime(r).in_scope_if for r in rule.regimes]
    # A rule may also be covered by a finding on the same requirement (its `duty`) or by a rule it
    # names in covered_by: what decides those findings decides whether this rule can be met.
    related = [
        other
        for other in catalogue.rules
        if other.id in rule.covered_by or (rule.duty and other.duty == rule.duty and other.id != rule.id)
    ]
    conditions = [rule.fires_if, *([rule.applies_if] if rule.applies_if else []), *regime_scope]
    conditions += [other.fires_if for other in related]
    ids = {qid for c in conditions for qid in question_ids(c, catalogue.conditions)}
    frontier = list(ids)
    while frontier:
        question = catalogue.question(frontier.pop())
        parents = []
        if question.show_if:
            parents += question_ids(question.show_if, catalogue.conditions)
        step = catalogue.step(question.step)
        if step.show_if:
            parents += question_ids(step.show_if, catalogue.conditions)
        for parent in parents:
            if parent not in ids:
                ids.add(parent)
                frontier.append(parent)
    order = {q.id: i for i, q in enumerate(catalogue.questions)}
    return sorted(ids, key=order.__getitem__)


def outcomes(catalogue: Catalogue, rule: Rule) -> set[str]:
    """Whether the rule fires / is met on some combination of answers to what it reads."""
    ids = questions_behind(catalogue, rule)
    seen: set[str] = set()
    for values in itertools.islice(itertools.product(*(probe_values(catalogue.question(q)) for q in ids)), 20_000):
        answers = dict(zip(ids, values, strict=True))
        for regime in rule.regimes:
            result = score(catalogue, regime, answers)
            if any(f.rule.id == rule.id for f in result.findings):
                seen.add("fires")
            elif any(r.id == rule.id for r in result.met):
                seen.add("met")
        if seen == {"fires", "met"}:
            break
    return seen


@pytest.mark.parametrize("rule", default_catalogue().rules, ids=lambda r: r.id)
def test_every_rule_can_both_fire_and_pass(rule: Rule) -> None:
    assert outcomes(default_catalogue(), rule) == {"fires", "met"}


def test_the_loader_refuses_an_unverified_draft_article_marked_verified(tmp_path: Path) -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    marker = 'instrument = "draft-2023", article = 15'
    assert marker in text
    (tmp_path / "rules.toml").write_text(text.replace(marker, 'instrument = "draft-2023", article = 16', 1), "utf-8")
    with pytest.raises(CatalogueError, match="2023 draft Art 16 is not a verified article number"):
        load_catalogue(QUESTIONNAIRE_FILE, tmp_path / "rules.toml")


def test_the_loader_refuses_a_rule_on_an_unknown_choice(tmp_path: Path) -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    marker = '{ q = "ps1_fr_private_space", equals = "yes" }'
    assert marker in text
    (tmp_path / "rules.toml").write_text(text.replace(marker, marker.replace('"yes"', '"perhaps"'), 1), "utf-8")
    with pytest.raises(CatalogueError, match="rules.toml: rule .* no choice perhaps"):
        load_catalogue(QUESTIONNAIRE_FILE, tmp_path / "rules.toml")


def test_passive_capture_is_never_reported_as_meeting_the_choice_of_method_rules() -> None:
    """Everyone entering is scanned and nobody chooses: the sole-method and default rules cannot
    be "met"; the gap is the passive-capture finding."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_scenarios import scenario_answers

    answers = scenario_answers("supermarket-scans-every-shopper")
    for regime in ("measures-2025", "draft-2023"):
        result = score(default_catalogue(), regime, answers)
        met = {rule.id for rule in result.met}
        fired = {f.rule.id for f in result.findings}
        assert "pipl-passive-capture-without-consent" in fired
        assert not met & {"pipl-fr-sole-method", "gbt-fr-offered-by-default"}, regime
