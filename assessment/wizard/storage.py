"""Wizard storage kept in the Assessment row, not in the session, written only through services.

django-formtools keeps wizard state in the session under one prefix per wizard class, so two
assessments open in two tabs would overwrite each other, and a user could not resume on
another device. Here the state *is* the assessment: its answers, its completed steps and its
current step. The storage never saves the row: a valid step goes to services.record_answers,
which merges it into what is stored now, with what the page was loaded with (the hidden
"seen" field) so that a stale page cannot overwrite a newer answer.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from formtools.wizard.storage.base import BaseStorage

from assessment.assessments import services
from assessment.assessments.models import Assessment
from assessment.catalogue import Catalogue, default_catalogue

from .forms import to_form_value

SEEN_FIELD = "wizard_seen"


def seen_value(assessment: Assessment, step: str) -> str:
    """The hidden field's value: the version and the step's stored answers this page shows."""
    ids = [q.id for q in default_catalogue().questions_in_step(step)]
    answers = {qid: assessment.answers[qid] for qid in ids if qid in assessment.answers}
    return json.dumps({"version": assessment.version, "answers": answers}, separators=(",", ":"))


def step_form_data(catalogue: Catalogue, step: str, answers: dict[str, Any]) -> MultiValueDict[str, Any]:
    """A step's form data (prefixed with the step, as formtools posts it) rebuilt from stored answers."""
    data: MultiValueDict[str, Any] = MultiValueDict()
    for question in catalogue.questions_in_step(step):
        value = answers.get(question.id)
        if value is None:
            continue
        form_value = to_form_value(question, value)
        data.setlist(f"{step}-{question.id}", form_value if isinstance(form_value, list) else [form_value])
    return data


def parse_seen(raw: str | None) -> services.Seen | None:
    """What a posted page says it was loaded with; None when absent or malformed."""
    try:
        data = json.loads(raw or "")
        version, answers = data["version"], data["answers"]
    except (ValueError, TypeError, KeyError):
        return None
    if not isinstance(version, int) or not isinstance(answers, dict):
        return None
    return services.Seen(version=version, answers=answers)


class AssessmentStorage(BaseStorage):
    """The formtools storage API over one Assessment (set on the request by the view)."""

    def __init__(self, prefix: str, request: HttpRequest | None = None, file_storage: Any = None) -> None:
        super().__init__(prefix, request, file_storage)
        self.assessment: Assessment = request.assessment  # type: ignore[union-attr]
        self.catalogue: Catalogue = default_catalogue()
        self.seen = parse_seen(request.POST.get(SEEN_FIELD)) if request is not None else None
        self.position: str | None = None
        self.init_data()

    def init_data(self) -> None:
        super().init_data()
        self.data[self.step_key] = self.assessment.current_step or None

    def reset(self) -> None:
        # formtools resets after done(); the answers belong to the assessment and stay.
        pass

    def _set_current_step(self, step: str | None) -> None:
        super()._set_current_step(step)
        # The position is written once, at the end of the request (update_response).
        if step:
            self.position = step

    @property
    def answers(self) -> dict[str, Any]:
        return self.assessment.answers

    def get_step_data(self, step: str) -> MultiValueDict[str, Any] | None:
        """Form data for a completed step, rebuilt from the stored answers."""
        if step not in self.assessment.completed_steps:
            return None
        return step_form_data(self.catalogue, step, self.answers)

    def set_step_data(self, step: str, cleaned_data: dict[str, Any]) -> None:
        """Record a valid step's answers and mark it completed (may raise StaleAnswers)."""
        self.save_answers(step, cleaned_data, finished_step=True)

    def save_answers(self, step: str, step_answers: dict[str, Any], finished_step: bool = False) -> None:
        """Send the step's answers to the one write path, then show what is stored now."""
        user = getattr(self.request, "user", None)
        stored = services.record_answers(
            self.assessment.pk,
            step,
            step_answers,
            user,
            self.seen,
            finished_step=finished_step,
            current=self.assessment,
        )
        self.adopt(stored)
        # The page's answers are now stored: later writes in this request start from them.
        self.seen = None

    def adopt(self, stored: Assessment) -> None:
        for field in Assessment._meta.concrete_fields:
            setattr(self.assessment, field.attname, getattr(stored, field.attname))

    def set_step_files(self, step: str, files: Any) -> None:
        # The questionnaire has no file questions.
        return None

    def get_step_files(self, step: str) -> None:
        return None

    def update_response(self, response: Any) -> None:
        # Answers were written as they came, each in its own transaction; now where to resume.
        if self.position and self.position != self.assessment.current_step:
            services.note_position(self.assessment.pk, self.position)
            self.assessment.current_step = self.position
