"""The dashboard, and claiming this browser's anonymous assessments into an organisation.

History, reassess, download and delete live with the assessment (assessment.assessments.views)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from assessment.assessments.access import claimable_assessments, creator_secrets, forget_assessments
from assessment.assessments.services import claim_assessments
from assessment.organisations.access import (
    active_membership,
    editable_memberships,
    get_membership_or_404,
    workspace_memberships,
)

from .dashboard import DashboardFilterForm, dashboard_page, overdue_for, sort_headers
from .forms import ClaimForm


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = workspace_memberships(request)  # own organisations and the consultancy's clients
    form = DashboardFilterForm(request.GET, memberships=memberships)
    active = active_membership(request)
    context = {
        "form": form,
        "page": dashboard_page(memberships, form, request.GET.get("page")),
        "memberships": memberships,
        "active": active,
        "may_start_in_active": active is not None and active.allows("edit"),
        "claimable": claimable_assessments(request),
        "query": _query_without_page(request),
        "headers": sort_headers(request.GET, form),
        "overdue": overdue_for(memberships),
    }
    return render(request, "accounts/dashboard.html", context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def claim(request: HttpRequest) -> HttpResponse:
    """Offer the anonymous assessments this browser created (not merely opened) to an organisation."""
    waiting = claimable_assessments(request)
    choices = [(a.token, f"{a.organisation_name} – {a.scenario_name}") for a in waiting]
    editable = editable_memberships(request)
    active = active_membership(request)
    initial = {"organisation": active.organisation_id if active in editable else None}
    form = ClaimForm(request.POST or None, choices=choices, memberships=editable, initial=initial)
    if request.method == "POST" and form.is_valid():
        membership = get_membership_or_404(request, form.cleaned_data["organisation"], need="edit")
        claimed = claim_assessments(
            form.cleaned_data["assessments"], membership.organisation, request.user, creator_secrets(request)
        )
        forget_assessments(request, [a.token for a in claimed])
        count = len(claimed)
        text = ngettext("%(count)d assessment added to %(name)s.", "%(count)d assessments added to %(name)s.", count)
        messages.success(request, text % {"count": count, "name": membership.organisation.name})
        return redirect("accounts:dashboard")
    return render(request, "accounts/claim.html", {"form": form, "waiting": waiting, "editable": editable})
