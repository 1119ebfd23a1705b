"""The handler view: one filing determination across an organisation's scenarios, and the filing pack."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from assessment.i18n import active_language
from assessment.organisations.access import get_membership_or_404
from assessment.reports.pdf import content_disposition

from . import documents
from .facts import Handler, load_handler
from .forms import HandlerFilingForm
from .models import HandlerFiling, ScenarioEvent
from .render import to_docx, to_pdf

HANDLER_DOCUMENTS: dict[str, Callable[[Handler], documents.Document]] = {
    "handler-info": documents.handler_info_form,
    "frt-filing-form": documents.frt_filing_form,
    "checklist": documents.checklist,
}
SCENARIO_DOCUMENTS = {"pia-report": documents.pia_report, "processing-rules": documents.processing_rules}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
@never_cache
def handler(request: HttpRequest, org_id: int) -> HttpResponse:
    membership = get_membership_or_404(request, org_id, "view")
    current = load_handler(membership.organisation)
    record = current.record
    initial = {
        "deduplicated_people": record.deduplicated_people,
        "reached_on": record.reached_on,
        "filed_on": record.filed_on,
    }
    for scenario in current.scenarios:
        event = current.events.get(scenario.pk)
        initial[f"changed_{scenario.pk}"] = event.changed_on if event else None
        initial[f"ended_{scenario.pk}"] = event.ended_on if event else None
    if request.method == "POST":
        get_membership_or_404(request, org_id, "edit")
        form = HandlerFilingForm(request.POST, scenarios=current.scenarios, initial=initial)
        if form.is_valid():
            data = form.cleaned_data
            HandlerFiling.objects.update_or_create(
                organisation=membership.organisation,
                defaults={k: data[k] for k in ("deduplicated_people", "reached_on", "filed_on")},
            )
            for scenario in current.scenarios:
                ScenarioEvent.objects.update_or_create(
                    assessment=scenario,
                    defaults={"changed_on": data[f"changed_{scenario.pk}"], "ended_on": data[f"ended_{scenario.pk}"]},
                )
            return redirect("filing:handler", org_id=org_id)
    else:
        form = HandlerFilingForm(scenarios=current.scenarios, initial=initial)
    index = 0 if active_language() == "zh-hans" else 1
    return render(
        request,
        "filing/handler.html",
        {
            "organisation": membership.organisation,
            "handler": current,
            "determination": current.determination,
            "people": f"{current.determination.people:,}",
            "upper_bound": f"{current.determination.upper_bound:,}",
            "form": form,
            "may_edit": membership.allows("edit"),
            "handler_documents": [
                ("handler-info", _("Handler basic-information form")),
                ("frt-filing-form", _("Facial recognition application filing form")),
                ("checklist", _("Checklist of the filing documents")),
            ],
            "scenario_rows": list(zip(form.scenario_rows(), current.facts.scenarios, strict=True)),
            "obligations": [
                [cell[index] for cell in row] for row in documents.obligation_rows(current.determination.obligations)
            ],
        },
    )


def _download(document: documents.Document, fmt: str, stem: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    body = to_docx(document) if fmt == "docx" else to_pdf(document)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"{document.title[0]}-{stem}.{fmt}"
    response["Content-Disposition"] = content_disposition(name, f"{document.slug}-{stem}.{fmt}")
    return response


@login_required
@never_cache
def handler_document(request: HttpRequest, org_id: int, name: str, fmt: str) -> HttpResponse:
    membership = get_membership_or_404(request, org_id, "view")
    if name not in HANDLER_DOCUMENTS:
        raise Http404("No such document")
    return _download(HANDLER_DOCUMENTS[name](load_handler(membership.organisation)), fmt, str(org_id))


@login_required
@never_cache
def scenario_document(request: HttpRequest, org_id: int, assessment_id: int, name: str, fmt: str) -> HttpResponse:
    membership = get_membership_or_404(request, org_id, "view")
    if name not in SCENARIO_DOCUMENTS:
        raise Http404("No such document")
    current = load_handler(membership.organisation)
    scenario = next((s for s in current.scenarios if s.pk == assessment_id), None)
    if scenario is None:
        raise Http404("No such scenario")
    return _download(SCENARIO_DOCUMENTS[name](current, scenario), fmt, str(assessment_id))
