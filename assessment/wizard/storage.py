"""Wizard storage kept in the Assessment row, not in the session.

django-formtools keeps wizard state in the session under one prefix per wizard class, so two
assessments open in two tabs would overwrite each other, and a user could not resume on
another device. Here the state *is* the assessment: its answers, its completed steps and its
current step. Every valid step is written at once, in one UPDATE at the end of the request.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from formtools.wizard.storage.base import BaseStorage

from assessment.assessments.models import Assessment
from assessment.assessments.summary import refresh_summary
from assessment.audit.record import acting_user, record_assessment_changes
from assessment.catalogue import Catalogue, default_catalogue
from assessment.catalogue.flow import prune_hidden, step_is_shown

from .forms import to_form_value


class AssessmentStorage(BaseStorage):
    """The formtools storage API over one Assessment (set on the request by the view)."""

    def __init__(self, prefix: str, request: HttpRequest | None = None, file_storage: Any = None) -> None:
        super().__init__(prefix, request, file_storage)
        self.assessment: Assessment = request.assessment  # type: ignore[union-attr]
        self.catalogue: Catalogue = default_catalogue()
        self.changed = False
        # What the answers were when the request began, and status changes noted since:
        # the audit trail is written from the difference when the row is saved.
        self.answers_before: dict[str, Any] = dict(self.assessment.answers)
        self.noted_events: list[str] = []
        self.init_data()

    def init_data(self) -> None:
        super().init_data()
        self.data[self.step_key] = self.assessment.current_step or None

    def reset(self) -> None:
        # formtools resets after done(); the answers belong to the assessment and stay.
        pass

    def _set_current_step(self, step: str | None) -> None:
        super()._set_current_step(step)
        if step and step != self.assessment.current_step:
            self.assessment.current_step = step
            self.changed = True

    @property
    def answers(self) -> dict[str, Any]:
        return self.assessment.answers

    def get_step_data(self, step: str) -> MultiValueDict[str, Any] | None:
        """Form data for a completed step, rebuilt from the stored answers."""
        if step not in self.assessment.completed_steps:
            return None
        data: MultiValueDict[str, Any] = MultiValueDict()
        for question in self.catalogue.questions_in_step(step):
            value = self.answers.get(question.id)
            if value is None:
                continue
            form_value = to_form_value(question, value)
            data.setlist(f"{step}-{question.id}", form_value if isinstance(form_value, list) else [form_value])
        return data

    def set_step_data(self, step: str, cleaned_data: dict[str, Any]) -> None:
        """Record a valid step's answers and mark it completed."""
        self.save_answers(cleaned_data)
        if step not in self.assessment.completed_steps:
            self.assessment.completed_steps = [*self.assessment.completed_steps, step]

    def save_answers(self, step_answers: dict[str, Any]) -> None:
        """Merge answers in, then drop every answer that no longer applies."""
        merged = {**self.answers, **{qid: v for qid, v in step_answers.items() if v is not None}}
        for qid, value in step_answers.items():
            if value is None:
                merged.pop(qid, None)
        self.assessment.answers = prune_hidden(self.catalogue, merged)
        shown = {s.id for s in self.catalogue.steps if step_is_shown(self.catalogue, s, self.assessment.answers)}
        self.assessment.completed_steps = [s for s in self.assessment.completed_steps if s in shown]
        self.changed = True

    def set_step_files(self, step: str, files: Any) -> None:
        # The questionnaire has no file questions.
        return None

    def get_step_files(self, step: str) -> None:
        return None

    def note_event(self, kind: str) -> None:
        """Remember a status change (completed, reopened) for the audit trail."""
        self.noted_events.append(kind)
        self.changed = True

    def update_response(self, response: Any) -> None:
        if self.changed:
            user = acting_user(self.request)
            self.assessment.updated_by = user
            refresh_summary(self.assessment)
            with transaction.atomic():  # no saved answer without its audit trail
                self.assessment.save()
                record_assessment_changes(self.assessment, user, self.answers_before, self.noted_events)
            self.answers_before = dict(self.assessment.answers)
            self.noted_events = []
            self.changed = False
