"""Comparisons of two scorings: a reassessment against the assessment it came from, and the same
answers under the 2025 Measures and the 2023 draft. Pure: results and answers in, a diff out.

Citations are carried through as the engine produced them (with their `verified` flag), so a view
that renders them shows an unverified 2023-draft article exactly as the report does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..catalogue.model import Citation
from .result import RATINGS, SEVERITY_ORDER, Finding, Result


@dataclass(frozen=True)
class SeverityChange:
    rule_id: str
    before: str
    after: str
    before_citations: tuple[Citation, ...]
    after_citations: tuple[Citation, ...]

    @property
    def worse(self) -> bool:
        return SEVERITY_ORDER.index(self.after) < SEVERITY_ORDER.index(self.before)


@dataclass(frozen=True)
class AnswerChange:
    question_id: str
    before: Any  # None: not answered (or not applicable) before
    after: Any  # None: no longer answered


@dataclass(frozen=True)
class DeterminationChange:
    kind: str  # "filing" or "impact_assessment"
    before: bool | None  # None: not determined (the regime has no such duty, or not applicable)
    after: bool | None


@dataclass(frozen=True)
class Changes:
    """What changed between an assessment and its reassessment."""

    rating_before: str
    rating_after: str
    closed: tuple[Finding, ...]  # findings of the earlier assessment that no longer fire
    new: tuple[Finding, ...]  # findings that fire only now
    severity_changed: tuple[SeverityChange, ...]
    answers_changed: tuple[AnswerChange, ...]
    determinations_changed: tuple[DeterminationChange, ...]

    @property
    def any(self) -> bool:
        return bool(
            self.closed
            or self.new
            or self.severity_changed
            or self.answers_changed
            or self.determinations_changed
            or self.rating_before != self.rating_after
        )


@dataclass(frozen=True)
class RegimeComparison:
    """The same answers under two regimes: findings only under one, and severity differences."""

    left_regime: str
    right_regime: str
    left_rating: str
    right_rating: str
    only_left: tuple[Finding, ...]
    only_right: tuple[Finding, ...]
    severity_differs: tuple[SeverityChange, ...]  # before = left, after = right
    same: tuple[tuple[Finding, Finding], ...]  # under both with the same severity (both citations)


def _by_rule(findings: tuple[Finding, ...]) -> dict[str, Finding]:
    return {finding.rule.id: finding for finding in findings}


def _split(
    left: tuple[Finding, ...], right: tuple[Finding, ...]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...], tuple[SeverityChange, ...], tuple[tuple[Finding, Finding], ...]]:
    left_by, right_by = _by_rule(left), _by_rule(right)
    only_left = tuple(f for f in left if f.rule.id not in right_by)
    only_right = tuple(f for f in right if f.rule.id not in left_by)
    changed: list[SeverityChange] = []
    same: list[tuple[Finding, Finding]] = []
    for finding in left:
        other = right_by.get(finding.rule.id)
        if other is None:
            continue
        if other.severity != finding.severity:
            changed.append(
                SeverityChange(finding.rule.id, finding.severity, other.severity, finding.citations, other.citations)
            )
        else:
            same.append((finding, other))
    return only_left, only_right, tuple(changed), tuple(same)


def _determination(result: Result, kind: str) -> bool | None:
    determination = result.filing if kind == "filing" else result.impact_assessment
    return None if determination is None else determination.required


def answer_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[AnswerChange, ...]:
    """Every question whose answer differs, in the order of the later answers, then removed ones."""
    changes = [
        AnswerChange(qid, before.get(qid), value)
        for qid, value in after.items()
        if _normal(before.get(qid)) != _normal(value)
    ]
    changes += [
        AnswerChange(qid, value, None)
        for qid, value in before.items()
        if qid not in after and _normal(value) is not None
    ]
    return tuple(changes)


def _normal(value: Any) -> Any:
    # A multiple choice compares as a set: ticking the same boxes in another order is no change.
    if isinstance(value, list):
        return tuple(sorted(str(v) for v in value)) or None
    if value == "":
        return None
    return value


def compare_assessments(
    before: Result, after: Result, before_answers: Mapping[str, Any], after_answers: Mapping[str, Any]
) -> Changes:
    """What a reassessment (`after`) changed against the assessment it came from (`before`)."""
    closed, new, changed, _same = _split(before.findings, after.findings)
    determinations = tuple(
        DeterminationChange(kind, _determination(before, kind), _determination(after, kind))
        for kind in ("filing", "impact_assessment")
        if _determination(before, kind) != _determination(after, kind)
    )
    return Changes(
        rating_before=before.rating,
        rating_after=after.rating,
        closed=closed,
        new=new,
        severity_changed=changed,
        answers_changed=answer_changes(before_answers, after_answers),
        determinations_changed=determinations,
    )


def compare_regimes(left: Result, right: Result) -> RegimeComparison:
    """The same answers scored under two regimes (e.g. the 2025 Measures and the 2023 draft)."""
    only_left, only_right, differs, same = _split(left.findings, right.findings)
    return RegimeComparison(
        left_regime=left.regime,
        right_regime=right.regime,
        left_rating=left.rating,
        right_rating=right.rating,
        only_left=only_left,
        only_right=only_right,
        severity_differs=differs,
        same=same,
    )


def rating_trend(ratings: list[str]) -> str:
    """The direction of a scenario's ratings, oldest first: "better", "worse", "same" or "" (one or none).

    Ratings order from most severe ("prohibited") to "compliant"; "incomplete" counts as unknown and
    is skipped."""
    known = [r for r in ratings if r in RATINGS and r != "incomplete"]
    if len(known) < 2:
        return ""
    first, last = RATINGS.index(known[-2]), RATINGS.index(known[-1])
    return "better" if last > first else "worse" if last < first else "same"
