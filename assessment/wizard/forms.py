"""Wizard forms built from the catalogue: one form class per step, one field per question.

A question hidden by earlier steps' answers gets no field. A follow-up that depends on an
answer in the same step is shown (no JavaScript needed) and required only when its condition
holds; JavaScript merely hides it until then.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, assert_never

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.catalogue.conditions import is_answered, question_ids
from assessment.catalogue.flow import question_is_shown
from assessment.catalogue.model import YES_NO_LABELS, Catalogue, Question, Step
from assessment.i18n import active_language

REQUIRED_MESSAGE = _("Please answer this question.")
NONE_CODE = "none"


def _choices(question: Question) -> Callable[[], list[tuple[str, str]]]:
    """The choices in the active language, as a callable: Django then takes them as they are
    instead of normalising every pair again, in the field and in its widget, for each form."""
    language = active_language()
    if question.type in ("yes_no", "yes_no_unsure"):
        pairs = [(code, YES_NO_LABELS[code].get(language)) for code in question.choice_codes]
    else:
        pairs = [(choice.code, choice.label.get(language)) for choice in question.choices]
    return lambda: pairs


def field_for(question: Question) -> forms.Field:
    """The form field that asks `question`; requiredness is checked in the form's clean()."""
    language = active_language()
    common: dict[str, Any] = {
        "label": question.label.get(language),
        "help_text": question.help.get(language) if question.help else "",
        "required": False,
    }
    match question.type:
        case "yes_no" | "yes_no_unsure" | "single":
            return forms.ChoiceField(choices=_choices(question), widget=forms.RadioSelect, **common)
        case "multiple":
            return forms.MultipleChoiceField(choices=_choices(question), widget=forms.CheckboxSelectMultiple, **common)
        case "integer":
            return forms.IntegerField(
                min_value=question.min_value,
                max_value=question.max_value,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                **common,
            )
        case "date":
            return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common)
        case "text":
            widget = forms.Textarea(attrs={"rows": 4}) if question.multiline else forms.TextInput
            return forms.CharField(max_length=question.max_length, widget=widget, **common)
        case _:
            assert_never(question.type)


def to_answer(question: Question, value: Any) -> Any:
    """A cleaned form value as the answers document stores it (None when blank)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        value = value.strip()
    return value if is_answered(value) else None


def to_form_value(question: Question, value: Any) -> Any:
    """An answer as form data or initial data."""
    if question.type == "multiple":
        return list(value)
    return str(value)


class StepForm(forms.Form):
    """The form of one step; subclasses set `step` and `catalogue`."""

    step: Step
    catalogue: Catalogue

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.earlier_answers = {
            qid: value for qid, value in (answers or {}).items() if self.catalogue.question(qid).step != self.step.id
        }
        self.questions = [q for q in self.catalogue.questions_in_step(self.step.id) if self._may_apply(q)]
        for question in self.questions:
            self.fields[question.id] = field_for(question)
            self.fields[question.id].question = question  # type: ignore[attr-defined]

    def _may_apply(self, question: Question) -> bool:
        """Shown now, or depends on an answer in this very step (then decided on submit)."""
        if question.show_if is None:
            return True
        return self.depends_on_this_step(question) or question_is_shown(self.catalogue, question, self.earlier_answers)

    def depends_on_this_step(self, question: Question) -> bool:
        """Whether the question's condition reads an answer given in this same step."""
        if question.show_if is None:
            return False
        return any(
            self.catalogue.question(qid).step == self.step.id
            for qid in question_ids(question.show_if, self.catalogue.conditions)
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answers = dict(self.earlier_answers)
        for question in self.questions:
            value = to_answer(question, cleaned.get(question.id))
            if not question_is_shown(self.catalogue, question, answers):
                cleaned[question.id] = None  # a follow-up whose condition does not hold
                continue
            if value is None and question.required and question.id not in self.errors:
                self.add_error(question.id, REQUIRED_MESSAGE)
            if question.type == "multiple" and value and NONE_CODE in value and len(value) > 1:
                self.add_error(question.id, _("“None of these” cannot be combined with other choices."))
            answers[question.id] = value
            cleaned[question.id] = value
        return cleaned

    def step_answers(self) -> dict[str, Any]:
        """The valid answers of this step, as the answers document stores them."""
        return {q.id: self.cleaned_data.get(q.id) for q in self.questions}

    def valid_answers_so_far(self) -> dict[str, Any]:
        """Whatever the user typed that is valid on its own, for saving an unfinished step."""
        self.is_valid()
        return {
            q.id: to_answer(q, self.cleaned_data.get(q.id))
            for q in self.questions
            if q.id not in self.errors and q.id in self.cleaned_data
        }


def step_form_classes(catalogue: Catalogue) -> list[tuple[str, type[StepForm]]]:
    """One form class per step, in wizard order, as django-formtools expects."""
    return [
        (step.id, type(f"{step.id.title().replace('_', '')}Form", (StepForm,), {"step": step, "catalogue": catalogue}))
        for step in catalogue.steps
    ]
