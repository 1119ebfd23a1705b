"""What members do to an assessment besides answering: history, reassess, download and delete.

Every assessment is fetched through get_assessment_or_404; every change goes through services.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.i18n import active_language
from assessment.organisations.access import organisation_access

from . import data_export, services
from .access import get_assessment_or_404, may_access, remember_creator
from .history import history_rows

HISTORY_PAGE_SIZE = 100


def history(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token, need="view")
    events = assessment.audit_events.select_related("user").order_by("at", "id")
    page = Paginator(events, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "assessment": assessment,
        "page": page,
        "rows": history_rows(list(page.object_list), active_language(), data_export.people_shown(assessment)),
        "may_edit": may_access(request, assessment, "edit"),
        "may_delete": may_access(request, assessment, "own"),
    }
    return render(request, "accounts/history.html", context)


def reassess_view(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token, need="edit")
    if request.method == "POST" and assessment.is_complete:
        new, secret = services.reassess(assessment, request.user)
        if new.organisation_id is None:
            remember_creator(request, new, secret)
        messages.success(request, _("A new draft was made with the same answers: review them step by step."))
        return redirect("assessment:resume", token=new.token)
    return render(request, "accounts/reassess.html", {"assessment": assessment})


def delete_assessment_view(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token, need="own")
    if request.method == "POST":
        services.delete_assessment(assessment.pk, request.user)
        messages.success(request, _("The assessment, its answers and its history were deleted."))
        return redirect("accounts:dashboard")
    return render(request, "accounts/assessment_delete.html", {"assessment": assessment})


def export_assessment_data(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token, need="view")
    prefetch_related_objects([assessment], "audit_events__user")
    return _json_download(data_export.assessment_data(assessment), f"assessment-{assessment.pk}")


@login_required
def export_organisation_data(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_access(request, pk, need="own").organisation  # a client's consultancy owners too
    return _json_download(data_export.organisation_data(organisation), f"organisation-{pk}")


def _json_download(data: dict[str, object], name: str) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{name}-data-{stamp}.json"'
    return response
