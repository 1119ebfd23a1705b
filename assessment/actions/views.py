"""Comparison pages (Measures vs draft; changes since the assessment a reassessment came from), the
action-plan page where members track each finding's action, and its exports. Every view reaches
its assessment through get_assessment_or_404; every change goes through actions.services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessment.assessments.access import get_assessment_or_404, may_access
from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.i18n import active_language
from assessment.reports.comparison import changes_context, regime_comparison_context
from assessment.scoring import score

from .exports import actions_csv, actions_xlsx
from .forms import ActionForm, CommentForm
from .models import Action
from .plan import plan_rows, status_counts
from .services import StaleAction, add_comment, owner_candidates, sync_actions, update_action


def regimes(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token)
    context = regime_comparison_context(assessment, active_language())
    return render(request, "actions/regimes.html", {"assessment": assessment, **context})


def changes(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token)
    context = changes_context(assessment, active_language())  # None: a first assessment, nothing to compare
    return render(request, "actions/changes.html", {"assessment": assessment, "changes": context})


def _plan(request: HttpRequest, token: str) -> tuple[Assessment, Any, list[Any]]:
    return _plan_of(request, get_assessment_or_404(request, token))


def _plan_of(request: HttpRequest, assessment: Assessment) -> tuple[Assessment, Any, list[Any]]:
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


def _signed_in(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


def _render_plan(
    request: HttpRequest, assessment: Assessment, bound: dict[int, Any] | None = None, status: int = 200
) -> HttpResponse:
    assessment, result, actions = _plan_of(request, assessment)
    prefetch_related_objects(actions, "owner", "comments__author")
    may_edit = may_access(request, assessment, "edit")
    candidates = owner_candidates(assessment.organisation) if may_edit else None
    rows = plan_rows(default_catalogue(), result, actions, active_language(), candidates, bound, timezone.localdate())
    context = {"assessment": assessment, "rows": rows, "may_edit": may_edit, "counts": status_counts(rows)}
    return render(request, "actions/plan.html", context, status=status)


@never_cache
def plan(request: HttpRequest, token: str) -> HttpResponse:
    return _render_plan(request, get_assessment_or_404(request, token))


def _back_to(token: str, action: Action) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("actions:plan", args=[token]) + f"#action-{action.pk}")


@require_POST
def update(request: HttpRequest, token: str, action_id: int) -> HttpResponse:
    assessment = get_assessment_or_404(request, token, need="edit")
    action = get_object_or_404(Action, pk=action_id, assessment=assessment)
    candidates = owner_candidates(assessment.organisation)
    form = ActionForm(request.POST, action=action, candidates=candidates)
    if form.is_valid():
        try:
            update_action(action, _signed_in(request), form.cleaned_data["version"], **form.changes())
        except StaleAction as stale:
            # Keep what this visitor typed, against the version now stored: saving again is a
            # deliberate choice made after seeing the other person's change, never a silent one.
            data = request.POST.copy()
            data[f"{form.prefix}-version"] = str(stale.stored.version)
            form = ActionForm(data, action=stale.stored, candidates=candidates)
            form.is_valid()
            return _render_plan(request, assessment, {action.pk: {"form": form, "conflict": stale.stored}}, 409)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action is saved."))
            return _back_to(token, action)
    return _render_plan(request, assessment, {action.pk: {"form": form}})


@require_POST
def comment(request: HttpRequest, token: str, action_id: int) -> HttpResponse:
    assessment = get_assessment_or_404(request, token, need="edit")
    action = get_object_or_404(Action, pk=action_id, assessment=assessment)
    form = CommentForm(request.POST, action=action)
    if form.is_valid():
        try:
            add_comment(action, _signed_in(request), form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The comment is added."))
            return _back_to(token, action)
    return _render_plan(request, assessment, {action.pk: {"comment_form": form}})
