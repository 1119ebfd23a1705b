"""The result page, the PDF download and the JSON and CSV exports: one context, four renderings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessment.assessments.access import get_assessment_or_404, may_access
from assessment.catalogue import default_catalogue
from assessment.i18n import active_language

from . import exports
from .comparison import changes_context
from .context import EDITIONS, build_report_context
from .models import ReportRender
from .pdf import cached_report_pdf, content_disposition, report_filenames
from .tasks import preparer_name, render_statuses, request_render

EDITION_LABELS = {"en": "English", "zh-hans": "简体中文", "bilingual": _("Bilingual (English and Chinese)")}
STATUS_LABELS = {
    "none": _("Not prepared yet"),
    ReportRender.Status.QUEUED: _("Queued"),
    ReportRender.Status.RENDERING: _("Being prepared"),
    ReportRender.Status.READY: _("Ready to download"),
    ReportRender.Status.FAILED: _("Could not be prepared"),
}


def chosen_regime(request: HttpRequest, default: str) -> str:
    regime = request.GET.get("regime", default)
    return regime if regime in default_catalogue().regime_ids else default


def chosen_edition(request: HttpRequest) -> str:
    """The PDF's language: en, zh-hans or bilingual; the page's language by default."""
    edition = request.GET.get("lang", "")
    return edition if edition in EDITIONS else active_language()


def regime_choices(current: str, language: str) -> list[dict[str, Any]]:
    """The regimes the page offers to switch between."""
    return [
        {"id": r.id, "name": r.name.get(language), "status": r.status.get(language), "current": r.id == current}
        for r in default_catalogue().regimes
    ]


def prepared_by(request: HttpRequest) -> str | None:
    """The signed-in user's name for the cover; an anonymous report names no one."""
    return preparer_name(request.user)


def chosen_answers(data: Any) -> bool:
    """Whether the PDF carries the answers appendix: yes unless answers=0 was asked for."""
    return str(data.get("answers", "1")) != "0"


def pdf_editions(request: HttpRequest, assessment: Any, regime: str) -> list[dict[str, Any]]:
    """Each edition's state for the result page and the status endpoint, with its download when ready."""
    rows = []
    name = prepared_by(request)
    base = reverse("reports:pdf", kwargs={"token": assessment.token})
    variants = [(edition, answers) for edition in EDITIONS for answers in (True, False)]
    statuses = render_statuses(assessment, regime, variants, name)
    for edition, answers in variants:
        status = statuses[(edition, answers)]
        if status == "none" and not answers:
            continue
        query = f"?regime={regime}&lang={edition}" + ("" if answers else "&answers=0")
        rows.append(
            {
                "edition": edition,
                "label": str(EDITION_LABELS[edition]),
                "answers": answers,
                "status": status,
                "status_label": str(STATUS_LABELS[status]),
                "url": base + query if status == ReportRender.Status.READY else "",
                "pending": status in (ReportRender.Status.QUEUED, ReportRender.Status.RENDERING),
            }
        )
    return rows


def result(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token)
    regime = chosen_regime(request, assessment.regime)
    context = build_report_context(assessment, regime, active_language(), prepared_by(request))
    editions = pdf_editions(request, assessment, regime)
    page = {
        "assessment": assessment,
        "regimes": regime_choices(regime, context["language"]),
        "edition": context["language"],
        "pdf_editions": editions,
        "pdf_pending": any(row["pending"] for row in editions),
        "may_edit": may_access(request, assessment, "edit"),
        "may_own": may_access(request, assessment, "own"),
        "changes": changes_context(assessment, context["language"]),  # None unless a reassessment
    }
    return render(request, "reports/result.html", {**context, **page})


@never_cache
def pdf(request: HttpRequest, token: str) -> HttpResponse:
    """A prepared PDF, from the cache; never rendered here: an edition not ready sends the reader back."""
    assessment = get_assessment_or_404(request, token)
    regime = chosen_regime(request, assessment.regime)
    edition = chosen_edition(request)
    document = cached_report_pdf(assessment, regime, edition, prepared_by(request), chosen_answers(request.GET))
    if document is None:
        return redirect(reverse("reports:result", kwargs={"token": token}) + f"?regime={regime}#pdf-status")
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(*report_filenames(assessment, regime, edition))
    return response


@require_POST
def request_pdf(request: HttpRequest, token: str) -> HttpResponse:
    """Queue an edition for a worker to render (POST), then show its state on the result page."""
    assessment = get_assessment_or_404(request, token)
    regime = request.POST.get("regime", assessment.regime)
    regime = regime if regime in default_catalogue().regime_ids else assessment.regime
    edition = request.POST.get("lang", "")
    edition = edition if edition in EDITIONS else active_language()
    request_render(assessment, regime, edition, prepared_by(request), chosen_answers(request.POST))
    if request.headers.get("Accept", "").startswith("application/json"):
        return pdf_status(request, token)
    return redirect(reverse("reports:result", kwargs={"token": token}) + f"?regime={regime}#pdf-status")


@never_cache
def pdf_status(request: HttpRequest, token: str) -> HttpResponse:
    """The editions' states as JSON, for the result page's small polling script."""
    assessment = get_assessment_or_404(request, token)
    regime = chosen_regime(request, assessment.regime) if request.method == "GET" else assessment.regime
    if request.method == "POST":
        regime = request.POST.get("regime", regime)
        regime = regime if regime in default_catalogue().regime_ids else assessment.regime
    return JsonResponse({"editions": pdf_editions(request, assessment, regime)})


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
    context = build_report_context(assessment, regime, active_language())
    response = HttpResponse(write(context), content_type=content_type)
    response["Content-Disposition"] = content_disposition(*_export_names(assessment, regime, extension))
    return response


def _export_names(assessment: Any, regime: str, extension: str) -> tuple[str, str]:
    name, ascii_name = report_filenames(assessment, regime)
    return name.removesuffix(".pdf") + "." + extension, ascii_name.removesuffix(".pdf") + "." + extension
