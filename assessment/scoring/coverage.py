"""What another finding already reports: covered rules, and draft topics carried by the law in force.

Pure, like the engine it serves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..catalogue.conditions import evaluate, question_ids
from ..catalogue.model import Catalogue, Condition, Rule
from .result import Covered, Finding, TopicCoverage

UNSURE = "unsure"


def covered_rules(
    catalogue: Catalogue, gaps: list[Rule], met: list[Rule], answers: Mapping[str, Any]
) -> tuple[Covered, ...]:
    """Rules another finding already reports: "covered by F<n>", never met nor not applicable.

    Three cases. A rule whose `covered_by` rule fires (the loader forbids chains): that finding
    reports the requirement, whether or not this rule's own gap condition holds. A rule that would
    be met while a finding on the same requirement (`duty`) stands. And a rule that would be met
    only because it read an "unsure" answer: the finding of the rule that `confirms` that answer
    covers it, so "unsure" never passes.
    """
    gap_ids = {rule.id for rule in gaps}
    met_ids = {rule.id for rule in met}
    firing = [rule for rule in gaps if not set(rule.covered_by) & gap_ids]
    firing_ids = {rule.id for rule in firing}
    covered = []
    for rule in catalogue.rules:
        if rule.id not in gap_ids | met_ids:
            continue
        by = tuple(other for other in rule.covered_by if other in firing_ids)
        if not by and rule.id in met_ids:
            by = _same_requirement(rule, firing) or _confirmed_by(catalogue, rule, firing, answers)
        if by:
            covered.append(Covered(rule, by, quote(catalogue, rule.fires_if, answers)))
    return tuple(covered)


def _same_requirement(rule: Rule, firing: list[Rule]) -> tuple[str, ...]:
    """Findings on the rule's own requirement (its `duty`): the requirement is not met."""
    return tuple(other.id for other in firing if other.requirement_id == rule.requirement_id and other.id != rule.id)


def _confirmed_by(catalogue: Catalogue, rule: Rule, firing: list[Rule], answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The firing confirm rules for the "unsure" answers on which this rule's verdict turns.

    An answer the verdict turns on: some definite answer (yes, no, a choice) in its place would
    make the rule's gap condition true. A rule met whatever that answer is stays met.
    """
    if rule.confirms:
        return ()
    turning = set()
    for question_id in question_ids(rule.fires_if, catalogue.conditions):
        if answers.get(question_id) != UNSURE:
            continue
        codes = [code for code in catalogue.question(question_id).choice_codes if code != UNSURE]
        if any(evaluate(rule.fires_if, {**answers, question_id: code}, catalogue.conditions) for code in codes):
            turning.add(question_id)
    return tuple(other.id for other in firing if set(other.confirms) & turning)


def topic_coverage(
    catalogue: Catalogue,
    regime_id: str,
    answers: Mapping[str, Any],
    findings: list[Finding],
    covered: tuple[Covered, ...],
) -> tuple[TopicCoverage, ...]:
    """For each draft topic this regime has no article for: the findings that carry it, or met."""
    resolved = []
    finding_ids = [f.rule.id for f in findings]
    covering = {c.rule.id: c.by for c in covered}
    for spec in catalogue.coverage:
        if spec.regime != regime_id or not evaluate(spec.applies_if, answers, catalogue.conditions):
            continue
        reported = {rule_id for rule_id in spec.rules if rule_id in finding_ids}
        reported |= {by for rule_id in spec.rules for by in covering.get(rule_id, ())}
        by = tuple(rule_id for rule_id in finding_ids if rule_id in reported)  # the report's order
        status = "covered" if by else "met"
        resolved.append(TopicCoverage(spec.topic, spec.replaces, status, by, spec.note))
    return tuple(resolved)


def quote(catalogue: Catalogue, condition: Condition, answers: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The answers a condition read, as (question id, answer); unanswered ones left out."""
    return tuple((qid, answers[qid]) for qid in question_ids(condition, catalogue.conditions) if qid in answers)
