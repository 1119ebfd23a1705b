"""Writing the audit trail, and reading it back as rows a person can follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _

from assessment.accounts.models import Organisation
from assessment.assessments.models import Assessment
from assessment.catalogue import Catalogue, default_catalogue

from .models import AuditEvent

# Status changes noted during a request, written around its answer changes in this order.
BEFORE_ANSWERS = (AuditEvent.Kind.REOPENED,)
AFTER_ANSWERS = (AuditEvent.Kind.COMPLETED,)


def acting_user(request: HttpRequest | None) -> Any:
    """The signed-in user behind a request, or None for an anonymous visitor."""
    user: AbstractBaseUser | AnonymousUser | None = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def changed_answers(catalogue: Catalogue, before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(question id, old, new) for every answer that differs, in questionnaire order."""
    order = {q.id: index for index, q in enumerate(catalogue.questions)}
    ids = sorted(set(before) | set(after), key=lambda qid: (order.get(qid, len(order)), qid))
    return [(qid, before.get(qid), after.get(qid)) for qid in ids if before.get(qid) != after.get(qid)]


def record_assessment_changes(
    assessment: Assessment, user: Any, before: dict[str, Any], noted: list[str]
) -> list[AuditEvent]:
    """One event per changed answer, framed by the status changes noted, in a single INSERT."""
    catalogue = default_catalogue()
    steps = {q.id: q.step for q in catalogue.questions}
    events = [AuditEvent(assessment=assessment, user=user, kind=kind) for kind in BEFORE_ANSWERS if kind in noted]
    events += [
        AuditEvent(
            assessment=assessment,
            user=user,
            kind=AuditEvent.Kind.ANSWER_CHANGED,
            step=steps.get(qid, ""),
            question_id=qid,
            old_value=old,
            new_value=new,
        )
        for qid, old, new in changed_answers(catalogue, before, assessment.answers)
    ]
    events += [AuditEvent(assessment=assessment, user=user, kind=kind) for kind in AFTER_ANSWERS if kind in noted]
    return AuditEvent.objects.bulk_create(events) if events else []


def record_event(
    kind: str, user: Any, assessment: Assessment | None = None, organisation: Organisation | None = None
) -> AuditEvent:
    return AuditEvent.objects.create(kind=kind, user=user, assessment=assessment, organisation=organisation)


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    who: str
    event: str
    step: str
    question: str
    old: str
    new: str


def history_rows(events: list[AuditEvent], language: str) -> list[HistoryRow]:
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
                who=describe_user(event.user),
                event=event.get_kind_display(),
                step=steps.get(event.step, event.step),
                question=question.label.get(language) if question else event.question_id,
                old=_display(question, event.old_value, language),
                new=_display(question, event.new_value, language),
            )
        )
    return rows


def describe_user(user: Any) -> str:
    if user is None:
        return _("Anonymous visitor")
    return str(user.get_full_name() or user.email or user.get_username())


def _display(question: Any, value: Any, language: str) -> str:
    if value is None:
        return ""
    return question.display_answer(value, language) if question else str(value)
