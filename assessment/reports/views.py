"""The result page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from assessment.catalogue import default_catalogue
from assessment.wizard.access import get_assessment_or_404

from .context import build_report_context


def chosen_regime(request: HttpRequest, default: str) -> str:
    regime = request.GET.get("regime", default)
    return regime if regime in default_catalogue().regime_ids else default


def result(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token)
    regime = chosen_regime(request, assessment.regime)
    context = build_report_context(assessment, regime, get_language() or "en")
    return render(request, "reports/result.html", context)
