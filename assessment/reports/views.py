"""The result page, the PDF download and the JSON and CSV exports: one context, four renderings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from assessment.actions.views import changes_context
from assessment.assessments.access import get_assessment_or_404, may_access
from assessment.catalogue import default_catalogue

from . import exports
from .context import EDITIONS, build_report_context, report_language
from .pdf import content_disposition, report_filenames, report_pdf


def chosen_regime(request: HttpRequest, default: str) -> str:
    regime = request.GET.get("regime", default)
    return regime if regime in default_catalogue().regime_ids else default


def chosen_edition(request: HttpRequest) -> str:
    """The PDF's language: en, zh-hans or bilingual; the page's language by default."""
    edition = request.GET.get("lang", "")
    return edition if edition in EDITIONS else report_language(get_language() or "en")


def regime_choices(current: str, language: str) -> list[dict[str, Any]]:
    """The regimes the page offers to switch between."""
    return [
        {"id": r.id, "name": r.name.get(language), "status": r.status.get(language), "current": r.id == current}
        for r in default_catalogue().regimes
    ]


def prepared_by(request: HttpRequest) -> str | None:
    """The signed-in user's name for the cover; an anonymous report names no one."""
    user = request.user
    if not user.is_authenticated:
        return None
    return user.get_full_name() or user.get_username()


def result(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token)
    regime = chosen_regime(request, assessment.regime)
    context = build_report_context(assessment, regime, get_language() or "en", prepared_by(request))
    page = {
        "assessment": assessment,
        "regimes": regime_choices(regime, context["language"]),
        "edition": context["language"],
        "may_edit": may_access(request, assessment, "edit"),
        "may_own": may_access(request, assessment, "own"),
        "changes": changes_context(assessment, context["language"]),  # None unless a reassessment
    }
    return render(request, "reports/result.html", {**context, **page})


@never_cache
def pdf(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token)
    regime = chosen_regime(request, assessment.regime)
    document = report_pdf(assessment, regime, chosen_edition(request), prepared_by(request))
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(*report_filenames(assessment, regime))
    return response


@never_cache
def export_json(request: HttpRequest, token: str) -> HttpResponse:
    return _export(request, token, exports.export_json, "application/json; charset=utf-8", "json")


@never_cache
def export_csv(request: HttpRequest, token: str) -> HttpResponse:
    return _export(request, token, exports.export_csv, "text/csv; charset=utf-8", "csv")


def _export(
    request: HttpRequest, token: str, write: Callable[[dict[str, Any]], Any], content_type: str, extension: str
) -> HttpResponse:
    """An export of the report context, downloaded under the report's file name."""
    assessment = get_assessment_or_404(request, token)
    regime = chosen_regime(request, assessment.regime)
    context = build_report_context(assessment, regime, get_language() or "en")
    response = HttpResponse(write(context), content_type=content_type)
    response["Content-Disposition"] = content_disposition(*_export_names(assessment, regime, extension))
    return response


def _export_names(assessment: Any, regime: str, extension: str) -> tuple[str, str]:
    return tuple(name.removesuffix(".pdf") + "." + extension for name in report_filenames(assessment, regime))  # type: ignore[return-value]
