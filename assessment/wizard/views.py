"""The start page and the questionnaire wizard."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from formtools.wizard.views import NamedUrlWizardView

from assessment.accounts.access import editable_memberships, organisation_for_new_assessment
from assessment.assessments.access import get_assessment_or_404, remember_assessment, remembered_assessments
from assessment.assessments.models import Assessment
from assessment.audit.models import AuditEvent
from assessment.catalogue import default_catalogue
from assessment.catalogue.flow import expected_steps, step_is_shown
from assessment.reports.tasks import enqueue_report_renders

from .forms import StepForm, step_form_classes, to_form_value


def start(request: HttpRequest) -> HttpResponse:
    """Explain the tool; start a new assessment or reopen one of this visitor's."""
    context = {"assessments": remembered_assessments(request), "editable": editable_memberships(request)}
    return render(request, "wizard/start.html", context)


@require_POST
def new_assessment(request: HttpRequest) -> HttpResponse:
    regime = request.POST.get("regime", "measures-2025")
    if regime not in default_catalogue().regime_ids:
        regime = "measures-2025"
    user = request.user if request.user.is_authenticated else None
    assessment = Assessment.objects.create(
        regime=regime,
        catalogue_version=default_catalogue().version,
        organisation=organisation_for_new_assessment(request, request.POST.get("organisation")),
        created_by=user,
        updated_by=user,
    )
    if assessment.organisation is None:
        remember_assessment(request, assessment)
    return redirect("assessment:resume", token=assessment.token)


def _step_applies(step_id: str, wizard: AssessmentWizard) -> bool:
    catalogue = default_catalogue()
    return step_is_shown(catalogue, catalogue.step(step_id), wizard.storage.answers)


class AssessmentWizard(NamedUrlWizardView):
    """One formtools wizard; steps, forms and branching all come from the catalogue."""

    storage_name = "assessment.wizard.storage.AssessmentStorage"
    template_name = "wizard/step.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.assessment = get_assessment_or_404(request, kwargs["token"], edit=True)
        request.assessment = self.assessment  # type: ignore[attr-defined]  # read by the storage
        return super().dispatch(request, *args, **kwargs)

    def get_step_url(self, step: str) -> str:
        return reverse(self.url_name, kwargs={"token": self.assessment.token, "step": step})

    def get_form_kwargs(self, step: str | None = None) -> dict[str, Any]:
        return {"answers": self.storage.answers}

    def get_form_initial(self, step: str) -> dict[str, Any]:
        # Saved answers of an unfinished step show again, without error messages.
        catalogue = default_catalogue()
        return {
            q.id: to_form_value(q, self.storage.answers[q.id])
            for q in catalogue.questions_in_step(step)
            if q.id in self.storage.answers
        }

    def process_step(self, form: StepForm) -> dict[str, Any]:
        self._reopen_if_complete()
        return form.step_answers()

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        language = self.request.POST.get("wizard_language")
        if language or "wizard_save_exit" in self.request.POST:
            self._save_typed_answers()
            self.storage.update_response(None)
            if language:
                return self._switch_language(language)
            messages.success(self.request, _("Your answers are saved. Reopen the assessment to continue."))
            return redirect("assessment:start")
        return super().post(*args, **kwargs)

    def render_goto_step(self, goto_step: str, **kwargs: Any) -> HttpResponse:
        # Going back keeps what was typed on this step, even if the step is not finished.
        self._save_typed_answers()
        return super().render_goto_step(goto_step, **kwargs)

    def _save_typed_answers(self) -> None:
        form = self.get_form(data=self.request.POST)
        typed = form.valid_answers_so_far()
        if typed != {q: self.storage.answers.get(q) for q in typed}:
            self._reopen_if_complete()
            self.storage.save_answers(typed)

    def _switch_language(self, language: str) -> HttpResponse:
        response = HttpResponseRedirect(self.get_step_url(self.steps.current))
        if translation.check_for_language(language):
            response.set_cookie("django_language", language, samesite="Lax", max_age=365 * 24 * 3600)
        return response

    def _reopen_if_complete(self) -> None:
        if self.assessment.is_complete:
            self.assessment.status = Assessment.Status.DRAFT
            self.assessment.completed_at = None
            self.storage.note_event(AuditEvent.Kind.REOPENED)

    def get_context_data(self, form: StepForm, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        catalogue = default_catalogue()
        steps = expected_steps(catalogue, self.storage.answers)
        current = catalogue.step(self.steps.current)
        index = next((i for i, s in enumerate(steps) if s.id == current.id), 0)
        context.update(
            assessment=self.assessment,
            step=current,
            shown_steps=steps,
            step_number=index + 1,
            step_count=len(steps),
            is_last_step=steps[-1].id == current.id,
            percent=round(100 * index / max(len(steps), 1)),
            completed_steps=self.assessment.completed_steps,
            client_conditions=_client_conditions(form),
        )
        return context

    def done(self, form_list: Any, **kwargs: Any) -> HttpResponse:
        self.assessment.status = Assessment.Status.COMPLETE
        self.assessment.completed_at = timezone.now()
        self.assessment.catalogue_version = default_catalogue().version
        self.storage.note_event(AuditEvent.Kind.COMPLETED)
        enqueue_report_renders(self.assessment, self.request.user)  # PDFs rendered by a worker (issue 15)
        return redirect("reports:result", token=self.assessment.token)


def _client_conditions(form: StepForm) -> dict[str, Any]:
    """What the page's script needs to hide follow-ups until they apply (an enhancement only)."""
    catalogue = default_catalogue()
    return {
        "conditions": {q.id: q.show_if for q in form.questions if form.depends_on_this_step(q)},
        "named": catalogue.conditions,
        "answers": form.earlier_answers,
        "prefix": form.prefix,
    }


def wizard_view() -> Any:
    catalogue = default_catalogue()
    return AssessmentWizard.as_view(
        step_form_classes(catalogue),
        condition_dict={step.id: partial(_step_applies, step.id) for step in catalogue.steps},
        url_name="assessment:step",
        done_step_name="finish",
    )
