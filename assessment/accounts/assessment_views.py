"""The dashboard, and what members do to an assessment besides answering: history, reassess,
claim, download and delete. Every assessment is fetched through get_assessment_or_404."""

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
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from assessment.assessments.access import forget_assessments, get_assessment_or_404, may_access, remembered_assessments
from assessment.audit.record import history_rows
from assessment.organisations.access import (
    active_membership,
    editable_memberships,
    get_membership_or_404,
    workspace_memberships,
)

from .dashboard import DashboardFilterForm, dashboard_page, overdue_for, sort_headers
from .forms import ClaimForm
from .lifecycle import assessment_data, claim_assessments, delete_assessment, organisation_data, reassess

HISTORY_PAGE_SIZE = 100


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = workspace_memberships(request)  # own organisations and the consultancy's clients
    form = DashboardFilterForm(request.GET, memberships=memberships)
    context = {
        "form": form,
        "page": dashboard_page(memberships, form, request.GET.get("page")),
        "memberships": memberships,
        "active": active_membership(request),
        "claimable": remembered_assessments(request),
        "query": _query_without_page(request),
        "headers": sort_headers(request.GET, form),
        "overdue": overdue_for(memberships),
    }
    return render(request, "accounts/dashboard.html", context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def history(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token, need="view")
    events = assessment.audit_events.select_related("user").order_by("at", "id")
    page = Paginator(events, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "assessment": assessment,
        "page": page,
        "rows": history_rows(list(page.object_list), get_language() or "en"),
        "may_edit": may_access(request, assessment, "edit"),
        "may_delete": may_access(request, assessment, "own"),
    }
    return render(request, "accounts/history.html", context)


def reassess_view(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token, need="edit")
    if request.method == "POST" and assessment.is_complete:
        new = reassess(assessment, request.user if request.user.is_authenticated else None)
        messages.success(request, _("A new draft was made with the same answers: review them step by step."))
        return redirect("assessment:resume", token=new.token)
    return render(request, "accounts/reassess.html", {"assessment": assessment})


def delete_assessment_view(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token, need="own")
    if request.method == "POST":
        delete_assessment(assessment, request.user)
        messages.success(request, _("The assessment, its answers and its history were deleted."))
        return redirect("accounts:dashboard")
    return render(request, "accounts/assessment_delete.html", {"assessment": assessment})


def export_assessment_data(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token, need="view")
    prefetch_related_objects([assessment], "audit_events__user")
    return _json_download(assessment_data(assessment), f"assessment-{assessment.pk}")


@login_required
def export_organisation_data(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership_or_404(request, pk, need="own")
    return _json_download(organisation_data(membership.organisation), f"organisation-{pk}")


def _json_download(data: dict[str, object], name: str) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{name}-data-{stamp}.json"'
    return response


@login_required
def claim(request: HttpRequest) -> HttpResponse:
    """Offer the anonymous assessments this browser started, to add them to an organisation."""
    waiting = remembered_assessments(request)
    choices = [(a.token, f"{a.organisation_name} – {a.scenario_name}") for a in waiting]
    editable = editable_memberships(request)
    active = active_membership(request)
    initial = {"organisation": active.organisation_id if active in editable else None}
    form = ClaimForm(request.POST or None, choices=choices, memberships=editable, initial=initial)
    if request.method == "POST" and form.is_valid():
        membership = get_membership_or_404(request, form.cleaned_data["organisation"], need="edit")
        claimed = claim_assessments(form.cleaned_data["assessments"], membership.organisation, request.user)
        forget_assessments(request, [a.token for a in claimed])
        count = len(claimed)
        text = ngettext("%(count)d assessment added to %(name)s.", "%(count)d assessments added to %(name)s.", count)
        messages.success(request, text % {"count": count, "name": membership.organisation.name})
        return redirect("accounts:dashboard")
    return render(request, "accounts/claim.html", {"form": form, "waiting": waiting, "editable": editable})
