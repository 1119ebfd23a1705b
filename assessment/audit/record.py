"""Writing the audit trail from plain values: ids and answer documents, never a request or a page.

The services of the assessments app call these inside the transaction that stores the change,
with what was stored before and what is stored now, so the trail records only what was stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from assessment.catalogue import Catalogue, default_catalogue

from .models import AuditEvent

# Status changes of one write: a reopening is recorded before its answer changes, others after.
BEFORE_ANSWERS = (AuditEvent.Kind.REOPENED,)


def changed_answers(
    catalogue: Catalogue, before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[tuple[str, Any, Any]]:
    """(question id, old, new) for every answer that differs, in questionnaire order."""
    order = {q.id: index for index, q in enumerate(catalogue.questions)}
    ids = sorted(set(before) | set(after), key=lambda qid: (order.get(qid, len(order)), qid))
    return [(qid, before.get(qid), after.get(qid)) for qid in ids if before.get(qid) != after.get(qid)]


def record_assessment_changes(
    assessment_id: int,
    user_id: int | None,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    kinds: Iterable[str] = (),
) -> list[AuditEvent]:
    """One event per changed answer, framed by the status changes given, in a single INSERT."""
    catalogue = default_catalogue()
    steps = {q.id: q.step for q in catalogue.questions}
    noted = list(kinds)
    common = {"assessment_id": assessment_id, "user_id": user_id}
    events = [AuditEvent(kind=kind, **common) for kind in noted if kind in BEFORE_ANSWERS]
    events += [
        AuditEvent(
            kind=AuditEvent.Kind.ANSWER_CHANGED,
            step=steps.get(qid, ""),
            question_id=qid,
            old_value=old,
            new_value=new,
            **common,
        )
        for qid, old, new in changed_answers(catalogue, before, after)
    ]
    events += [AuditEvent(kind=kind, **common) for kind in noted if kind not in BEFORE_ANSWERS]
    return AuditEvent.objects.bulk_create(events) if events else []


def record_event(
    kind: str, user_id: int | None, assessment_id: int | None = None, organisation_id: int | None = None
) -> AuditEvent:
    return AuditEvent.objects.create(
        kind=kind, user_id=user_id, assessment_id=assessment_id, organisation_id=organisation_id
    )
