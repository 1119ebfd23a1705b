"""The start page and the questionnaire wizard."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from formtools.wizard.views import NamedUrlWizardView

from assessment.assessments import services
from assessment.assessments.access import get_assessment_or_404, remember_creator, remembered_assessments
from assessment.assessments.history import display_value
from assessment.assessments.regimes import default_regime, regime_options
from assessment.catalogue import default_catalogue
from assessment.catalogue.flow import expected_steps, ready_to_complete, step_is_shown
from assessment.i18n import active_language
from assessment.organisations.access import editable_workspace, organisation_for_new_assessment
from assessment.organisations.prefill import step_one_answers

from .forms import StepForm, step_form_classes, to_form_value
from .storage import SEEN_FIELD, parse_seen, seen_value

KEEP_THEIRS_FIELD = "wizard_keep_theirs"


def start(request: HttpRequest) -> HttpResponse:
    """Explain the tool; start a new assessment (for a consultant: of which client) or reopen one."""
    editable = editable_workspace(request)
    own = [m for m in editable if m.organisation.managed_by_id is None]
    clients = [m for m in editable if m.organisation.managed_by_id is not None]  # a consultancy's clients
    requested = request.GET.get("organisation", "")
    chosen = next((m.organisation_id for m in editable if str(m.organisation_id) == requested), None)
    context = {
        "assessments": remembered_assessments(request),
        "editable": editable,
        "own_organisations": own,
        "client_organisations": clients,
        "chosen_organisation": chosen,
        "regimes": regime_options(active_language()),
    }
    return render(request, "wizard/start.html", context)


@require_POST
def new_assessment(request: HttpRequest) -> HttpResponse:
    regime = request.POST.get("regime", "")
    if regime not in default_catalogue().regime_ids:
        regime = default_regime()
    organisation = organisation_for_new_assessment(request, request.POST.get("organisation"))
    assessment, secret = services.create_assessment(regime, organisation, request.user)
    if assessment.organisation is None:
        remember_creator(request, assessment, secret)
    return redirect("assessment:resume", token=assessment.token)


def _step_applies(step_id: str, wizard: AssessmentWizard) -> bool:
    catalogue = default_catalogue()
    return step_is_shown(catalogue, catalogue.step(step_id), wizard.storage.answers)


class AssessmentWizard(NamedUrlWizardView):
    """One formtools wizard; steps, forms and branching all come from the catalogue."""

    storage_name = "assessment.wizard.storage.AssessmentStorage"
    template_name = "wizard/step.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Gone or not this visitor's: 404 alike, so that existence does not leak.
        self.assessment = get_assessment_or_404(request, kwargs["token"], edit=True)
        request.assessment = self.assessment  # type: ignore[attr-defined]  # read by the storage
        try:
            return super().dispatch(request, *args, **kwargs)
        except services.AssessmentGone:
            return _gone(request)

    def get_step_url(self, step: str) -> str:
        return reverse(self.url_name, kwargs={"token": self.assessment.token, "step": step})

    def get_form_kwargs(self, step: str | None = None) -> dict[str, Any]:
        return {"answers": self.storage.answers}

    def get_form_initial(self, step: str) -> dict[str, Any]:
        # Saved answers of an unfinished step show again, without error messages; the first step of
        # an organisation's assessment starts from its profile (the client's legal name, province).
        catalogue = default_catalogue()
        answers = dict(self.storage.answers)
        if step == catalogue.steps[0].id and not self.assessment.completed_steps:
            suggested = step_one_answers(self.assessment.organisation, active_language())
            answers = {**suggested, **{k: v for k, v in answers.items() if v not in ("", None)}}
        return {q.id: to_form_value(q, answers[q.id]) for q in catalogue.questions_in_step(step) if q.id in answers}

    def process_step(self, form: StepForm) -> dict[str, Any]:
        return self._without_kept_theirs(form.step_answers())

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        posted_step = self.request.POST.get(f"{self.prefix}-current_step", "")
        if posted_step not in self.get_form_list():
            # A stale tab, or a section a changed answer has since closed: never a KeyError.
            messages.warning(self.request, _("That section does not apply to your answers: continue here."))
            return redirect(self.get_step_url(self._resume_step()))
        self.storage.current_step = posted_step
        try:
            return self._post(*args, **kwargs)
        except services.StaleAnswers as conflict:
            return self._render_conflict(conflict)

    def _post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        language = self.request.POST.get("wizard_language")
        if language or "wizard_save_exit" in self.request.POST:
            self._save_typed_answers()
            if language:
                return self._switch_language(language)
            link = self.request.build_absolute_uri(reverse("assessment:resume", args=[self.assessment.token]))
            messages.success(
                self.request, _("Your answers are saved. To continue later, open this link: %(link)s") % {"link": link}
            )
            return redirect("assessment:start")
        return super().post(*args, **kwargs)

    def _resume_step(self) -> str:
        form_list = self.get_form_list()
        current = self.storage.current_step
        return current if current in form_list else next(iter(form_list))

    def _without_kept_theirs(self, answers: dict[str, Any]) -> dict[str, Any]:
        """After a conflict, "keep the saved answers" leaves those questions as stored."""
        kept = set(self.request.POST.get(KEEP_THEIRS_FIELD, "").split(","))
        return {qid: value for qid, value in answers.items() if qid not in kept}

    def _render_conflict(self, conflict: services.StaleAnswers) -> HttpResponse:
        """The page again with what this visitor typed, both values of each clash, and a choice."""
        step = self.steps.current
        seen = parse_seen(self.request.POST.get(SEEN_FIELD))
        was = dict(seen.answers) if seen else {}
        clashing = {c.question_id for c in conflict.conflicts}
        ids = [q.id for q in default_catalogue().questions_in_step(step)]
        for qid in clashing:
            was[qid] = conflict.stored.get(qid)
        answers = {qid: was[qid] for qid in ids if was.get(qid) is not None}
        form = self.get_form(data=self.request.POST)
        form.is_valid()
        return self.render(
            form,
            conflicts=self._conflict_rows(conflict),
            conflict_ids=",".join(sorted(clashing)),
            seen=json.dumps({"version": conflict.version, "answers": answers}, separators=(",", ":")),
        )

    def _conflict_rows(self, conflict: services.StaleAnswers) -> list[dict[str, str]]:
        catalogue = default_catalogue()
        language = active_language()
        questions = {q.id: q for q in catalogue.questions}
        return [
            {
                "label": questions[c.question_id].label.get(language),
                "mine": display_value(questions[c.question_id], c.mine, language) or _("(blank)"),
                "theirs": display_value(questions[c.question_id], c.theirs, language) or _("(blank)"),
            }
            for c in conflict.conflicts
        ]

    def render_goto_step(self, goto_step: str, **kwargs: Any) -> HttpResponse:
        # Going back keeps what was typed on this step, even if the step is not finished.
        self._save_typed_answers()
        return super().render_goto_step(goto_step, **kwargs)

    def _save_typed_answers(self) -> None:
        form = self.get_form(data=self.request.POST)
        typed = self._without_kept_theirs(form.valid_answers_so_far())
        if typed != {q: self.storage.answers.get(q) for q in typed}:
            self.storage.save_answers(self.steps.current, typed)

    def _switch_language(self, language: str) -> HttpResponse:
        response = HttpResponseRedirect(self.get_step_url(self.steps.current))
        if translation.check_for_language(language):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                # The setting is one of Lax/Strict/None (Django's own check); the stubs type it str.
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
            )
        return response

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
            seen_field=SEEN_FIELD,
            keep_theirs_field=KEEP_THEIRS_FIELD,
        )
        context.setdefault("seen", seen_value(self.assessment, current.id))
        return context

    def render_done(self, form: StepForm | None, **kwargs: Any) -> HttpResponse:
        # Each step's answers were validated when they were saved; while the stored answers are
        # still complete and valid, finish without building every step's form again (most of the
        # final request's time). Otherwise formtools revalidates and shows the step to fix.
        catalogue = default_catalogue()
        if kwargs.get("step") == self.done_step_name and ready_to_complete(
            catalogue, self.storage.answers, self.assessment.completed_steps
        ):
            return self.done([], form_dict={}, **kwargs)
        return super().render_done(form, **kwargs)

    def done(self, form_list: Any, **kwargs: Any) -> HttpResponse:
        # Completing queues the PDF renders (reports listens): a worker makes them, never this request.
        services.complete_assessment(self.assessment.pk, self.request.user, current=self.assessment)
        return redirect("reports:result", token=self.assessment.token)


def _gone(request: HttpRequest) -> HttpResponse:
    """A save that found the assessment deleted while it ran: said plainly, nothing saved or revived."""
    messages.error(request, _("This assessment no longer exists (it may have been deleted): nothing was saved."))
    return redirect("assessment:start")


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
