"""The audit trail of an assessment read back as rows a person can follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from assessment.audit.models import AuditEvent
from assessment.catalogue import default_catalogue


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    who: str
    event: str
    step: str
    question: str
    old: str
    new: str


def history_rows(events: list[AuditEvent], language: str, show_people: bool) -> list[HistoryRow]:
    """The events as a table: question labels and answer labels, not ids and codes."""
    catalogue = default_catalogue()
    questions = {q.id: q for q in catalogue.questions}
    steps = {s.id: s.title.get(language) for s in catalogue.steps}
    rows = []
    for event in events:
        question = questions.get(event.question_id)
        rows.append(
            HistoryRow(
                at=event.at,
                who=describe_user(event.user) if show_people else _signed_in_or_anonymous(event.user),
                event=event.get_kind_display(),
                step=steps.get(event.step, event.step),
                question=question.label.get(language) if question else event.question_id,
                old=display_value(question, event.old_value, language),
                new=display_value(question, event.new_value, language),
            )
        )
    return rows


def _signed_in_or_anonymous(user: Any) -> str:
    return _("A signed-in user") if user is not None else _("Anonymous visitor")


def describe_user(user: Any) -> str:
    if user is None:
        return _("Anonymous visitor")
    return str(user.get_full_name() or user.email or user.get_username())


def display_value(question: Any, value: Any, language: str) -> str:
    """An answer as a reader sees it (choice labels); the raw value for a question no longer asked."""
    if value is None:
        return ""
    return question.display_answer(value, language) if question else str(value)
