"""Comparison pages (Measures vs draft; changes since the assessment a reassessment came from) and
the action-plan exports. Every view reaches its assessment through get_assessment_or_404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from assessment.assessments.access import get_assessment_or_404, may_access
from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.i18n import active_language
from assessment.reports.comparison import changes_context, regime_comparison_context
from assessment.scoring import score

from .exports import actions_csv, actions_xlsx
from .services import sync_actions


def regimes(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token)
    context = regime_comparison_context(assessment, active_language())
    return render(request, "actions/regimes.html", {"assessment": assessment, **context})


def changes(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token)
    context = changes_context(assessment, active_language())  # None: a first assessment, nothing to compare
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
    body = actions_xlsx(default_catalogue(), result, actions, active_language())
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="action-plan-{assessment.pk}.xlsx"'
    return response


@never_cache
def export_csv(request: HttpRequest, token: str) -> HttpResponse:
    assessment, result, actions = _plan(request, token)
    response = HttpResponse(
        actions_csv(default_catalogue(), result, actions, active_language()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="action-plan-{assessment.pk}.csv"'
    return response
