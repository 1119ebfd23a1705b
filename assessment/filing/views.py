"""The handler view: one filing determination across an organisation's scenarios, and the filing pack."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessment.i18n import active_language
from assessment.organisations.access import get_membership_or_404
from assessment.reports.pdf import content_disposition
from assessment.reports.views import STATUS_LABELS

from . import documents, tasks
from .facts import Handler, load_handler
from .forms import HandlerFilingForm
from .models import HandlerFiling, ScenarioEvent
from .tasks import Slot

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
            "pack": pack_rows(current),
            "scenario_rows": list(zip(form.scenario_rows(), current.facts.scenarios, strict=True)),
            "obligations": [
                [cell[index] for cell in row] for row in documents.obligation_rows(current.determination.obligations)
            ],
        },
    )


def document_label(slot: Slot) -> str:
    labels = {
        "handler-info": _("Handler basic-information form"),
        "frt-filing-form": _("Facial recognition application filing form"),
        "checklist": _("Checklist of the filing documents"),
        "pia-report": _("Impact assessment report"),
        "processing-rules": _("Processing rules"),
    }
    return labels[slot.name]


def pack_rows(handler: Handler) -> dict[str, Any]:
    """The pack table: each document with its DOCX and PDF state, and whether anything is under way."""
    org_id = handler.organisation.pk
    rows: list[dict[str, Any]] = []
    pending = False
    for state in tasks.pack_states(handler):
        slot = state.slot
        if slot.scenario is None:
            kwargs: dict[str, Any] = {"org_id": org_id, "name": slot.name}
            route = "filing:document"
        else:
            kwargs = {"org_id": org_id, "assessment_id": slot.scenario_id, "name": slot.name}
            route = "filing:scenario_document"
        files = []
        for fmt, file in state.files.items():
            pending = pending or file.pending
            files.append(
                {
                    "fmt": fmt,
                    "status": file.status,
                    "status_label": str(STATUS_LABELS[file.status]),
                    "render_id": file.render_id,
                    "pending": file.pending,
                    "stale": file.stale,
                    "url": reverse(route, kwargs={**kwargs, "fmt": fmt}),
                    "value": f"{slot.value}:{fmt}",
                }
            )
        rows.append({"label": document_label(slot), "scenario": slot.scenario, "files": files})
    return {"rows": rows, "pending": pending}


def _document_response(request: HttpRequest, handler: Handler, slot: Slot | None, fmt: str) -> HttpResponse:
    """The rendered file when it is ready; never rendered here: otherwise queued, and back to the page."""
    if slot is None or fmt not in CONTENT_TYPES:
        raise Http404("No such document")
    document = slot.build(handler)
    body = tasks.ready_body(handler, slot, fmt, document)
    if body is None:
        tasks.request_render(handler, slot, fmt, document)
        return redirect(reverse("filing:handler", kwargs={"org_id": handler.organisation.pk}) + "#pack-heading")
    stem = str(slot.scenario_id or handler.organisation.pk)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"{document.title[0]}-{stem}.{fmt}"
    response["Content-Disposition"] = content_disposition(name, f"{document.slug}-{stem}.{fmt}")
    return response


@login_required
@never_cache
def handler_document(request: HttpRequest, org_id: int, name: str, fmt: str) -> HttpResponse:
    membership = get_membership_or_404(request, org_id, "view")
    current = load_handler(membership.organisation)
    return _document_response(request, current, tasks.find_slot(current, name, None), fmt)


@login_required
@never_cache
def scenario_document(request: HttpRequest, org_id: int, assessment_id: int, name: str, fmt: str) -> HttpResponse:
    membership = get_membership_or_404(request, org_id, "view")
    current = load_handler(membership.organisation)
    return _document_response(request, current, tasks.find_slot(current, name, assessment_id), fmt)


@login_required
@require_POST
def prepare(request: HttpRequest, org_id: int) -> HttpResponse:
    """Queue one document in one format, or every PDF of the pack, for the worker; then back to the page."""
    membership = get_membership_or_404(request, org_id, "view")
    current = load_handler(membership.organisation)
    chosen = request.POST.get("document", "")
    if chosen == "all-pdf":
        tasks.request_pack_pdfs(current)
    else:
        name, _sep, rest = chosen.partition(":")
        scenario, _sep, fmt = rest.partition(":")
        slot = tasks.find_slot(current, name, int(scenario) if scenario.isdigit() else None)
        if slot is None or fmt not in CONTENT_TYPES:
            raise Http404("No such document")
        tasks.request_render(current, slot, fmt)
    return redirect(reverse("filing:handler", kwargs={"org_id": org_id}) + "#pack-heading")


@login_required
@never_cache
def pack_status(request: HttpRequest, org_id: int) -> HttpResponse:
    """The states of the renders the page is waiting for (?ids=3,4), for its small polling script."""
    membership = get_membership_or_404(request, org_id, "view")
    ids = [int(i) for i in request.GET.get("ids", "").split(",") if i.isdigit()][:50]
    found = tasks.render_statuses(load_handler(membership.organisation), ids)
    return JsonResponse(
        {
            "renders": [
                {
                    "id": pk,
                    "status": found.get(pk, "gone"),
                    "status_label": str(STATUS_LABELS.get(found.get(pk, "none"), STATUS_LABELS["none"])),
                    "pending": found.get(pk) in tasks.PENDING,
                }
                for pk in ids
            ]
        }
    )
