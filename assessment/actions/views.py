"""Comparison pages (Measures vs draft; changes since the assessment a reassessment came from) and
the action-plan exports. Every view reaches its assessment through get_assessment_or_404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from assessment.assessments.access import get_assessment_or_404, may_access
from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.catalogue.model import Catalogue, Citation
from assessment.reports.labels import RATING_LABELS, SEVERITY_LABELS
from assessment.scoring import score
from assessment.scoring.citations import format_citation
from assessment.scoring.compare import compare_assessments, compare_regimes
from assessment.scoring.result import Finding

from .exports import actions_csv, actions_xlsx
from .services import sync_actions

MEASURES, DRAFT = "measures-2025", "draft-2023"


def _language() -> str:
    return "zh" if (get_language() or "en").startswith("zh") else "en"


def _cite(catalogue: Catalogue, citations: tuple[Citation, ...], language: str) -> list[str]:
    return [format_citation(catalogue, c, language) for c in citations]


def _finding(catalogue: Catalogue, finding: Finding, language: str) -> dict[str, Any]:
    return {
        "rule_id": finding.rule.id,
        "title": finding.rule.title.get(language),
        "severity": str(SEVERITY_LABELS[finding.severity]),
        "citations": _cite(catalogue, finding.citations, language),
    }


def regime_comparison_context(assessment: Assessment, language: str) -> dict[str, Any]:
    """The same answers under the 2025 Measures (left) and the 2023 draft (right), ready to render."""
    catalogue = default_catalogue()
    comparison = compare_regimes(
        score(catalogue, MEASURES, assessment.answers), score(catalogue, DRAFT, assessment.answers)
    )
    return {
        "measures_rating": str(RATING_LABELS[comparison.left_rating]),
        "draft_rating": str(RATING_LABELS[comparison.right_rating]),
        "only_measures": [_finding(catalogue, f, language) for f in comparison.only_left],
        "only_draft": [_finding(catalogue, f, language) for f in comparison.only_right],
        "severity_differs": [
            {
                "rule_id": c.rule_id,
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
                "before": str(SEVERITY_LABELS[c.before]),
                "after": str(SEVERITY_LABELS[c.after]),
                "worse": c.worse,
            }
            for c in changes.severity_changed
        ],
        "answers": [
            {
                "question": questions[a.question_id].label.get(language)
                if a.question_id in questions
                else a.question_id,
                "before": a.before,
                "after": a.after,
            }
            for a in changes.answers_changed
        ],
        "determinations": changes.determinations_changed,
        "any": changes.any,
    }


def regimes(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token)
    context = regime_comparison_context(assessment, _language())
    return render(request, "actions/regimes.html", {"assessment": assessment, **context})


def changes(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token)
    context = changes_context(assessment, _language())  # None: a first assessment, nothing to compare
    return render(request, "actions/changes.html", {"assessment": assessment, "changes": context})


def _plan(request: HttpRequest, token: str) -> tuple[Assessment, Any, list[Any]]:
    assessment = get_assessment_or_404(request, token)
    result = score(default_catalogue(), assessment.regime, assessment.answers)
    # Viewers may export, but only members who may edit create the tracked actions rows.
    actions = (
        sync_actions(assessment, result) if may_access(request, assessment, "edit") else list(assessment.actions.all())
    )
    return assessment, result, actions


@never_cache
def export_xlsx(request: HttpRequest, token: str) -> HttpResponse:
    assessment, result, actions = _plan(request, token)
    body = actions_xlsx(default_catalogue(), result, actions, _language())
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="action-plan-{assessment.pk}.xlsx"'
    return response


@never_cache
def export_csv(request: HttpRequest, token: str) -> HttpResponse:
    assessment, result, actions = _plan(request, token)
    response = HttpResponse(
        actions_csv(default_catalogue(), result, actions, _language()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="action-plan-{assessment.pk}.csv"'
    return response
