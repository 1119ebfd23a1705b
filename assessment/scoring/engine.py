"""The scoring engine: (catalogue, regime, answers) -> Result. Pure and deterministic."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..catalogue.conditions import evaluate, question_ids
from ..catalogue.flow import missing_required, prune_hidden
from ..catalogue.model import Catalogue, Citation, Condition, Rule, Text
from ..catalogue.model import Determination as DeterminationSpec
from .result import SEVERITY_ORDER, Covered, Determination, Finding, NotApplicable, Result, TopicRating

GATE_REASON = Text(
    en="Does not apply to the answers given.",
    zh="根据所填答案，该项要求不适用。",
)


class UnknownRegime(ValueError):
    """The regime asked for is not in the catalogue."""


def score(catalogue: Catalogue, regime_id: str, answers: Mapping[str, Any]) -> Result:
    """Evaluate every rule of a regime against the answers (hidden answers are ignored)."""
    if regime_id not in catalogue.regime_ids:
        raise UnknownRegime(f"unknown regime '{regime_id}' (one of {', '.join(catalogue.regime_ids)})")
    answers = prune_hidden(catalogue, answers)
    regime = catalogue.regime(regime_id)
    in_scope = evaluate(regime.in_scope_if, answers, catalogue.conditions)
    gaps, met, not_applicable = _classify(catalogue, regime_id, in_scope, answers)
    findings: list[Finding] = []
    covered = _covered(catalogue, gaps, answers)
    covered_ids = {c.rule.id for c in covered}
    for rule in gaps:
        if rule.id not in covered_ids:
            cited = _citations_under(catalogue, rule, regime_id, in_scope)
            findings.append(Finding(rule, _quote(catalogue, rule.fires_if, answers), cited))
    findings.sort(key=lambda f: SEVERITY_ORDER.index(f.severity))  # stable: catalogue order within
    missing = tuple(q.id for q in missing_required(catalogue, answers))
    return Result(
        regime=regime_id,
        catalogue_version=catalogue.version,
        rating=_overall_rating(findings, missing),
        applicable=in_scope,
        findings=tuple(findings),
        met=tuple(met),
        not_applicable=tuple(not_applicable),
        topics=_topic_ratings(catalogue, findings, met),
        filing=_determine(catalogue, "filing", regime_id, answers),
        impact_assessment=_determine(catalogue, "impact_assessment", regime_id, answers),
        missing_questions=missing,
        covered=covered,
    )


def _classify(
    catalogue: Catalogue, regime_id: str, in_scope: bool, answers: Mapping[str, Any]
) -> tuple[list[Rule], list[Rule], list[NotApplicable]]:
    """Each rule of the regime as a gap (its gap condition holds), met, or not applicable."""
    regime = catalogue.regime(regime_id)
    met: list[Rule] = []
    not_applicable: list[NotApplicable] = []
    gaps: list[Rule] = []
    for rule in catalogue.rules_for(regime_id):
        if rule.within_regime_scope and not in_scope:
            gate = _quote(catalogue, regime.in_scope_if, answers)
            not_applicable.append(NotApplicable(rule, regime.out_of_scope_reason, gate))
        elif rule.applies_if is not None and not evaluate(rule.applies_if, answers, catalogue.conditions):
            not_applicable.append(NotApplicable(rule, GATE_REASON, _quote(catalogue, rule.applies_if, answers)))
        elif evaluate(rule.fires_if, answers, catalogue.conditions):
            gaps.append(rule)
        else:
            met.append(rule)
    return gaps, met, not_applicable


def _covered(catalogue: Catalogue, gaps: list[Rule], answers: Mapping[str, Any]) -> tuple[Covered, ...]:
    """Gaps already reported by a finding of a covering rule (the loader forbids chains)."""
    firing = {rule.id for rule in gaps if not rule.covered_by}
    covered = []
    for rule in gaps:
        by = tuple(other for other in rule.covered_by if other in firing)
        if by:
            covered.append(Covered(rule, by, _quote(catalogue, rule.fires_if, answers)))
    return tuple(covered)


def _quote(catalogue: Catalogue, condition: Condition, answers: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The answers a condition read, as (question id, answer); unanswered ones left out."""
    return tuple((qid, answers[qid]) for qid in question_ids(condition, catalogue.conditions) if qid in answers)


def _citations_under(catalogue: Catalogue, rule: Rule, regime_id: str, in_scope: bool) -> tuple[Citation, ...]:
    """What a finding cites in this regime's report.

    A report against the Measures does not cite the 2023 draft, which never took effect, and a
    report against the draft does not cite the Measures; where the regime itself does not apply
    (a duty that rests on PIPL or the SPC Interpretation alone), its own articles are left out
    too. A rule whose every citation would go keeps them all rather than cite nothing.
    """
    excluded = {r.instrument for r in catalogue.regimes if r.id != regime_id}
    if not in_scope:
        excluded.add(catalogue.regime(regime_id).instrument)
    kept = tuple(c for c in rule.citations if c.instrument not in excluded)
    return kept or rule.citations


def _overall_rating(findings: list[Finding], missing: tuple[str, ...]) -> str:
    # A prohibited practice is reported even on an unfinished assessment: it means stop now.
    if any(f.severity == "prohibited" for f in findings):
        return "prohibited"
    if missing:
        return "incomplete"
    return _worst(findings)


def _worst(findings: list[Finding]) -> str:
    for severity in SEVERITY_ORDER:
        if any(f.severity == severity for f in findings):
            return severity
    return "compliant"


def _topic_ratings(catalogue: Catalogue, findings: list[Finding], met: list[Rule]) -> tuple[TopicRating, ...]:
    ratings = []
    for topic in catalogue.topics:
        topic_findings = [f for f in findings if f.rule.topic == topic.id]
        topic_met = sum(1 for rule in met if rule.topic == topic.id)
        if topic_findings or topic_met:
            ratings.append(TopicRating(topic.id, _worst(topic_findings), len(topic_findings), topic_met))
    return tuple(ratings)


def _determine(catalogue: Catalogue, kind: str, regime_id: str, answers: Mapping[str, Any]) -> Determination | None:
    spec = next((d for d in catalogue.determinations if d.kind == kind and d.regime == regime_id), None)
    return None if spec is None else _first_outcome(catalogue, spec, answers)


def _first_outcome(catalogue: Catalogue, spec: DeterminationSpec, answers: Mapping[str, Any]) -> Determination:
    for outcome in spec.outcomes:
        if outcome.when is None or evaluate(outcome.when, answers, catalogue.conditions):
            return Determination(
                kind=spec.kind,
                required=outcome.required,
                reason=outcome.reason,
                authority=outcome.authority,
                deadline=outcome.deadline,
                retain_years=outcome.retain_years,
                citations=outcome.citations,
            )
    raise AssertionError("the loader guarantees a default outcome")
