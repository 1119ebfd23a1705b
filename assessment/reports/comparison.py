"""The comparisons a report shows: changes since the assessment a reassessment came from, and the
same answers under the 2025 Measures and the 2023 draft side by side (scoring.compare does the work)."""

from __future__ import annotations

from typing import Any

from assessment.assessments.history import display_value
from assessment.assessments.models import Assessment
from assessment.assessments.regimes import regime_in_force
from assessment.catalogue import default_catalogue
from assessment.catalogue.model import Catalogue, Citation, Question, Regime
from assessment.scoring import score
from assessment.scoring.citations import format_citation
from assessment.scoring.compare import AnswerChange, compare_assessments, compare_regimes
from assessment.scoring.result import Finding

from .labels import RATING_LABELS, SEVERITY_LABELS


def compared_regimes(catalogue: Catalogue) -> tuple[Regime, Regime]:
    """The regime in force (left) and the catalogue's other regime, the draft (right)."""
    in_force = regime_in_force(catalogue)
    return in_force, next(r for r in catalogue.regimes if r.id != in_force.id)


def _cite(catalogue: Catalogue, citations: tuple[Citation, ...], language: str) -> list[str]:
    return [format_citation(catalogue, c, language) for c in citations]


def _finding(catalogue: Catalogue, finding: Finding, language: str) -> dict[str, Any]:
    return {
        "rule_id": finding.rule.id,
        "title": finding.rule.title.get(language),
        "severity": str(SEVERITY_LABELS[finding.severity]),
        "citations": _cite(catalogue, finding.citations, language),
    }


def _rule_title(catalogue: Catalogue, rule_id: str, language: str) -> str:
    """A rule's title for a reader: the page never shows a bare rule id."""
    return next((r.title.get(language) for r in catalogue.rules if r.id == rule_id), rule_id)


def regime_comparison_context(assessment: Assessment, language: str) -> dict[str, Any]:
    """The same answers under the regime in force (left) and the draft (right), ready to render."""
    catalogue = default_catalogue()
    measures, draft = compared_regimes(catalogue)
    comparison = compare_regimes(
        score(catalogue, measures.id, assessment.answers), score(catalogue, draft.id, assessment.answers)
    )
    return {
        "measures_name": measures.name.get(language),
        "draft_name": draft.name.get(language),
        "measures_rating": str(RATING_LABELS[comparison.left_rating]),
        "draft_rating": str(RATING_LABELS[comparison.right_rating]),
        "only_measures": [_finding(catalogue, f, language) for f in comparison.only_left],
        "only_draft": [_finding(catalogue, f, language) for f in comparison.only_right],
        "severity_differs": [
            {
                "rule_id": c.rule_id,
                "title": _rule_title(catalogue, c.rule_id, language),
                "measures": str(SEVERITY_LABELS[c.before]),
                "draft": str(SEVERITY_LABELS[c.after]),
                "measures_citations": _cite(catalogue, c.before_citations, language),
                "draft_citations": _cite(catalogue, c.after_citations, language),
            }
            for c in comparison.severity_differs
        ],
        "both": [
            {
                **_finding(catalogue, a, language),
                "measures_citations": _cite(catalogue, a.citations, language),
                "draft_citations": _cite(catalogue, b.citations, language),
            }
            for a, b in comparison.same
        ],
    }


def changes_context(assessment: Assessment, language: str) -> dict[str, Any] | None:
    """ "Changes since <date>" for a reassessment, against the assessment it came from; None otherwise."""
    previous = assessment.reassessed_from
    if previous is None:
        return None
    catalogue = default_catalogue()
    changes = compare_assessments(
        score(catalogue, previous.regime, previous.answers),
        score(catalogue, assessment.regime, assessment.answers),
        previous.answers,
        assessment.answers,
    )
    questions = {q.id: q for q in catalogue.questions}
    return {
        "since": previous.completed_at or previous.created_at,
        "rating_before": str(RATING_LABELS[changes.rating_before]),
        "rating_after": str(RATING_LABELS[changes.rating_after]),
        "closed": [_finding(catalogue, f, language) for f in changes.closed],
        "new": [_finding(catalogue, f, language) for f in changes.new],
        "severity_changed": [
            {
                "rule_id": c.rule_id,
                "title": _rule_title(catalogue, c.rule_id, language),
                "before": str(SEVERITY_LABELS[c.before]),
                "after": str(SEVERITY_LABELS[c.after]),
                "worse": c.worse,
            }
            for c in changes.severity_changed
        ],
        "answers": [_answer_change(questions, a, language) for a in changes.answers_changed],
        "determinations": changes.determinations_changed,
        "any": changes.any,
    }


def _answer_change(questions: dict[str, Question], change: AnswerChange, language: str) -> dict[str, str]:
    """A changed answer: its question (the id of one the catalogue no longer has) and both values."""
    question = questions.get(change.question_id)
    return {
        "question": question.label.get(language) if question else change.question_id,
        "before": display_value(question, change.before, language),
        "after": display_value(question, change.after, language),
    }
