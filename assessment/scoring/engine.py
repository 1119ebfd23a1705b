"""The scoring engine: (catalogue, regime, answers) -> Result. Pure and deterministic."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from ..catalogue.conditions import evaluate, question_ids
from ..catalogue.flow import missing_required, prune_hidden
from ..catalogue.model import Catalogue, Citation, Condition, Rule, Text
from ..catalogue.model import Outcome as DeterminationOutcome
from .coverage import covered_rules, topic_coverage
from .result import SEVERITY_ORDER, Determination, Finding, NotApplicable, Result, TopicRating
from .workdays import add_working_days

GATE_REASON = Text(
    en="Does not apply to the answers given.",
    zh="根据所填答案，该项要求不适用。",
)


class UnknownRegime(ValueError):
    """The regime asked for is not in the catalogue."""


def score(catalogue: Catalogue, regime_id: str, answers: Mapping[str, Any], as_of: date | None = None) -> Result:
    """Evaluate every rule of a regime against the answers (hidden answers are ignored).

    `as_of` is the assessment's date, given by the caller (the engine never reads the clock): with
    it, a deadline that has passed without the duty being done is reported as overdue.
    """
    if regime_id not in catalogue.regime_ids:
        raise UnknownRegime(f"unknown regime '{regime_id}' (one of {', '.join(catalogue.regime_ids)})")
    answers = prune_hidden(catalogue, answers)
    regime = catalogue.regime(regime_id)
    in_scope = evaluate(regime.in_scope_if, answers, catalogue.conditions)
    gaps, met, not_applicable = _classify(catalogue, regime_id, in_scope, answers)
    covered = covered_rules(catalogue, gaps, met, answers)
    covered_ids = {c.rule.id for c in covered}
    met = [rule for rule in met if rule.id not in covered_ids]
    findings = [
        Finding(rule, _quote(catalogue, rule.fires_if, answers), _citations_under(catalogue, rule, regime_id, in_scope))
        for rule in gaps
        if rule.id not in covered_ids
    ]
    filing, overdue_rule = _determine(catalogue, "filing", regime_id, answers, as_of)
    impact_assessment, _ = _determine(catalogue, "impact_assessment", regime_id, answers, as_of)
    findings = _with_overdue_note(findings, filing, overdue_rule)
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
        filing=filing,
        impact_assessment=impact_assessment,
        missing_questions=missing,
        covered=covered,
        coverage=topic_coverage(catalogue, regime_id, answers, findings, covered),
    )


def _with_overdue_note(findings: list[Finding], filing: Determination | None, rule_id: str | None) -> list[Finding]:
    """The findings, the one reporting an overdue filing saying since when."""
    if filing is None or not filing.overdue or rule_id is None:
        return findings
    note = _overdue_note(filing)
    return [dataclasses.replace(f, note=note) if f.rule.id == rule_id else f for f in findings]


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


def _determine(
    catalogue: Catalogue, kind: str, regime_id: str, answers: Mapping[str, Any], as_of: date | None
) -> tuple[Determination | None, str | None]:
    """The regime's determination of this kind, and the rule that reports it when overdue."""
    spec = next((d for d in catalogue.determinations if d.kind == kind and d.regime == regime_id), None)
    if spec is None:
        return None, None
    for outcome in spec.outcomes:
        if outcome.when is None or evaluate(outcome.when, answers, catalogue.conditions):
            triggered_on, due, estimated = _due(outcome, answers)
            done = outcome.done_if is not None and evaluate(outcome.done_if, answers, catalogue.conditions)
            overdue = bool(outcome.required and due and as_of and as_of > due and not done)
            determination = Determination(
                kind=spec.kind,
                required=outcome.required,
                reason=outcome.reason,
                authority=outcome.authority,
                deadline=outcome.deadline,
                retain_years=outcome.retain_years,
                citations=outcome.citations,
                triggered_on=triggered_on,
                due=due,
                due_estimated=estimated,
                as_of=as_of,
                overdue=overdue,
            )
            return determination, outcome.overdue_rule
    raise AssertionError("the loader guarantees a default outcome")


def _due(outcome: DeterminationOutcome, answers: Mapping[str, Any]) -> tuple[date | None, date | None, bool]:
    """(trigger day, deadline, estimated?) where the outcome and the answers give a date."""
    if outcome.due_date is not None:
        return None, date.fromisoformat(outcome.due_date), False
    if outcome.due_working_days is None or outcome.counted_from is None:
        return None, None, False
    answered = answers.get(outcome.counted_from)
    try:
        trigger = date.fromisoformat(answered) if isinstance(answered, str) else None
    except ValueError:
        trigger = None
    if trigger is None:
        return None, None, False
    deadline = add_working_days(trigger, outcome.due_working_days)
    return trigger, deadline.due, deadline.estimated


def _overdue_note(filing: Determination) -> Text:
    """Since when the duty is overdue, in words, for the finding that reports it."""
    assert filing.due is not None and filing.as_of is not None
    since = filing.due + timedelta(days=1)
    counted_en = counted_zh = ""
    if filing.triggered_on is not None:
        counted_en = f", 30 working days after the count reached 100,000 on {filing.triggered_on.isoformat()}"
        counted_zh = f"（自{_zh_date(filing.triggered_on)}达到10万人之日起30个工作日）"
    estimate_en = estimate_zh = ""
    if filing.due_estimated:
        estimate_en = (
            " The deadline is an estimate: the official holiday calendar for that year is not yet"
            " published, so only weekdays were counted."
        )
        estimate_zh = "该期限为估算值：当年的法定节假日安排尚未公布，仅按周一至周五计算。"
    return Text(
        en=f"Overdue since {since.isoformat()}: the filing was due by {filing.due.isoformat()}{counted_en} "
        f"and had not been made by {filing.as_of.isoformat()}, the date of this assessment.{estimate_en}",
        zh=f"自{_zh_date(since)}起已逾期：备案期限为{_zh_date(filing.due)}{counted_zh}，"
        f"截至本次评估之日（{_zh_date(filing.as_of)}）仍未备案。{estimate_zh}",
    )


def _zh_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
