"""Everything kept about an assessment or an organisation, for its owner to download (read-only)."""

from __future__ import annotations

from typing import Any

from assessment.audit.models import AuditEvent
from assessment.organisations.models import Organisation

from .models import Assessment


def assessment_data(assessment: Assessment) -> dict[str, Any]:
    """Everything kept about one assessment, for the owner to download before deleting it."""
    return {
        "organisation": assessment.organisation.name if assessment.organisation else None,
        "scenario": assessment.scenario_name,
        "status": assessment.status,
        "regime": assessment.regime,
        "catalogue_version": assessment.catalogue_version,
        "rating": assessment.rating or None,
        "filing_required": assessment.filing_required,
        "created_at": assessment.created_at,
        "updated_at": assessment.updated_at,
        "completed_at": assessment.completed_at,
        "reassessed_from": assessment.reassessed_from.token if assessment.reassessed_from else None,
        "answers": assessment.answers,
        "history": [_event_data(event, people_shown(assessment)) for event in assessment.audit_events.all()],
    }


def people_shown(assessment: Assessment) -> bool:
    """Who edited is shown only on an organisation's assessment, which only its members reach: the
    holder of an anonymous assessment's link must not learn the names and e-mails of signed-in editors."""
    return assessment.organisation_id is not None


def organisation_data(organisation: Organisation) -> dict[str, Any]:
    """Everything kept about an organisation: members, assessments with answers and history, events."""
    assessments = organisation.assessments.select_related("organisation", "reassessed_from").prefetch_related(
        "audit_events__user"
    )
    return {
        "organisation": organisation.name,
        "created_at": organisation.created_at,
        "members": [
            {"email": m.user.email, "role": m.role, "joined_at": m.joined_at}
            for m in organisation.memberships.select_related("user")
        ],
        "assessments": [assessment_data(a) for a in assessments],
        "events": [_event_data(e, True) for e in organisation.audit_events.select_related("user")],
    }


def _event_data(event: AuditEvent, show_people: bool) -> dict[str, Any]:
    return {
        "at": event.at,
        "user": (event.user.email if show_people else "signed-in user") if event.user else None,
        "event": event.kind,
        "step": event.step or None,
        "question": event.question_id or None,
        "old_value": event.old_value,
        "new_value": event.new_value,
    }
