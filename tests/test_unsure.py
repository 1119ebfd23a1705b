"""不确定 / unsure is its own "confirm this" finding: never a pass, never a gap.

Every question offering "unsure" has a rule that `confirms` it in each regime whose rules read the
question (the loader refuses a catalogue without one). Over the scenario corpus, answering
"unsure" makes that rule fire, no rule is met on the strength of the unsure answer (it is listed
as covered by the confirm finding instead), and no other rule's gap condition is true on "unsure"
unless it is equally true with the question unanswered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assessment.catalogue import CatalogueError, default_catalogue, load_catalogue
from assessment.catalogue.conditions import evaluate, question_ids
from assessment.catalogue.flow import prune_hidden
from assessment.catalogue.loader import QUESTIONNAIRE_FILE, RULES_FILE
from assessment.catalogue.model import Catalogue, Question, Rule
from assessment.scoring import score
from tests.test_scenarios import SCENARIOS, scenario_answers

CATALOGUE = default_catalogue()
UNSURE_QUESTIONS = [q for q in CATALOGUE.questions if "unsure" in q.choice_codes]
CORPUS = {path.stem: scenario_answers(path.stem) for path in SCENARIOS}


def reads(rule: Rule, question: Question) -> bool:
    conditions = [rule.fires_if, *([rule.applies_if] if rule.applies_if else [])]
    return any(question.id in question_ids(c, CATALOGUE.conditions) for c in conditions)


def asked_under() -> list[tuple[str, str]]:
    """(question, regime) for every unsure-capable question a regime's rules read."""
    return [
        (q.id, regime)
        for q in UNSURE_QUESTIONS
        for regime in CATALOGUE.regime_ids
        if any(reads(rule, q) for rule in CATALOGUE.rules_for(regime))
    ]


def unsure_variants(question_id: str) -> list[tuple[str, dict[str, Any]]]:
    """Each corpus scenario with this question answered unsure, where the question is then asked."""
    variants = []
    for stem, answers in CORPUS.items():
        changed = {**answers, question_id: "unsure"}
        if question_id in prune_hidden(CATALOGUE, changed):
            variants.append((stem, changed))
    return variants


def test_every_unsure_question_is_read_by_some_regime() -> None:
    """A question offering unsure that no rule reads would be asked for nothing."""
    assert {q for q, _ in asked_under()} == {q.id for q in UNSURE_QUESTIONS}
    assert len(UNSURE_QUESTIONS) >= 18


@pytest.mark.parametrize(("question_id", "regime"), asked_under())
def test_an_unsure_answer_yields_its_own_confirm_finding(question_id: str, regime: str) -> None:
    confirming = [r.id for r in CATALOGUE.rules_for(regime) if question_id in r.confirms]
    assert confirming, f"no rule of {regime} confirms {question_id}"
    variants = unsure_variants(question_id)
    assert variants, f"no scenario asks {question_id}: add one"
    fired_somewhere = False
    for _stem, answers in variants:
        result = score(CATALOGUE, regime, answers)
        reported = {f.rule.id for f in result.findings} | {c.rule.id for c in result.covered}
        fired_somewhere |= bool(reported & set(confirming))
    assert fired_somewhere, f"{confirming} never fire for {question_id} = unsure under {regime}"


def turns_on(rule: Rule, question_id: str, answers: dict[str, Any]) -> bool:
    """Whether some definite answer in place of "unsure" would make the rule's gap condition true."""
    codes = [c for c in CATALOGUE.question(question_id).choice_codes if c != "unsure"]
    return any(evaluate(rule.fires_if, {**answers, question_id: code}, CATALOGUE.conditions) for code in codes)


@pytest.mark.parametrize(("question_id", "regime"), asked_under())
def test_an_unsure_answer_is_never_a_pass(question_id: str, regime: str) -> None:
    """A rule whose verdict turns on the unsure answer is not met: the confirm finding covers it."""
    for stem, answers in unsure_variants(question_id):
        result = score(CATALOGUE, regime, answers)
        kept = prune_hidden(CATALOGUE, answers)
        met_on_unsure = [r.id for r in result.met if not r.confirms and turns_on(r, question_id, kept)]
        assert not met_on_unsure, f"{stem}: {met_on_unsure} met on {question_id} = unsure"


@pytest.mark.parametrize(("question_id", "regime"), asked_under())
def test_an_unsure_answer_is_never_a_gap(question_id: str, regime: str) -> None:
    """No rule but a confirm rule has its gap condition true on unsure and false when unanswered."""
    for stem, answers in unsure_variants(question_id):
        kept = prune_hidden(CATALOGUE, answers)
        unanswered = {k: v for k, v in kept.items() if k != question_id}
        for rule in CATALOGUE.rules_for(regime):
            if rule.confirms or question_id not in question_ids(rule.fires_if, CATALOGUE.conditions):
                continue
            on_unsure = evaluate(rule.fires_if, kept, CATALOGUE.conditions)
            assert not on_unsure or evaluate(rule.fires_if, unanswered, CATALOGUE.conditions), (
                f"{stem}: {rule.id} is a gap because {question_id} is unsure"
            )


def rules_with(old: str, new: str, tmp_path: Path) -> Catalogue:
    text = RULES_FILE.read_text(encoding="utf-8")
    assert old in text, old
    (tmp_path / "rules.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_catalogue(QUESTIONNAIRE_FILE, tmp_path / "rules.toml")


def test_the_loader_refuses_an_unsure_question_no_rule_confirms(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="reads 'se2_mlps', which may be answered unsure, but no rule"):
        rules_with('confirms = ["se2_mlps"]\n', "", tmp_path)


def test_the_loader_refuses_a_confirm_of_a_question_without_unsure(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="confirms names 'pl3_signage', which is not a question"):
        rules_with('confirms = ["se2_mlps"]', 'confirms = ["se2_mlps", "pl3_signage"]', tmp_path)


def test_unsure_of_the_mlps_grading_is_confirmed_not_scored_as_a_gap() -> None:
    answers = {**CORPUS["weak-security-controls"], "se2_mlps": "unsure"}
    result = score(CATALOGUE, "measures-2025", answers)
    assert "m25-mlps-confirm" in [f.rule.id for f in result.findings]
    assert "m25-mlps" not in [f.rule.id for f in result.findings] + [r.id for r in result.met]
    assert {c.rule.id: c.by for c in result.covered}["m25-mlps"] == ("m25-mlps-confirm",)


def test_the_loader_refuses_a_confirm_rule_that_does_not_read_its_question(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="confirms 'mn1_under14' but its fires_if does not read it"):
        rules_with('confirms = ["se2_mlps"]', 'confirms = ["se2_mlps", "mn1_under14"]', tmp_path)
