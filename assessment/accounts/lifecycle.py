"""What happens to assessments over their life: claimed, reassessed, exported, deleted."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from assessment.assessments.models import Assessment
from assessment.assessments.summary import refresh_summary
from assessment.audit.models import AuditEvent
from assessment.audit.record import record_event
from assessment.catalogue import default_catalogue
from assessment.catalogue.flow import prune_hidden
from assessment.organisations.models import Organisation

logger = logging.getLogger(__name__)


def claim_assessments(tokens: list[str], organisation: Organisation, user: Any) -> list[Assessment]:
    """Move anonymous assessments into an organisation; from then on only its members reach them."""
    claimed = []
    for assessment in Assessment.objects.filter(token__in=tokens, organisation__isnull=True):
        with transaction.atomic():
            # Conditional UPDATE: if two people claim the same link at once, one of them wins.
            if Assessment.objects.filter(pk=assessment.pk, organisation__isnull=True).update(organisation=organisation):
                record_event(AuditEvent.Kind.CLAIMED, user, assessment=assessment)
                claimed.append(assessment)
    return claimed


@transaction.atomic
def reassess(assessment: Assessment, user: Any) -> Assessment:
    """A new draft of the same scenario with the answers carried over, linked to the original."""
    catalogue = default_catalogue()
    new = Assessment(
        organisation=assessment.organisation,
        regime=assessment.regime,
        catalogue_version=catalogue.version,
        answers=prune_hidden(catalogue, dict(assessment.answers)),
        completed_steps=list(assessment.completed_steps),
        created_by=user,
        updated_by=user,
        reassessed_from=assessment,
    )
    refresh_summary(new)
    new.save()
    record_event(AuditEvent.Kind.REASSESSED, user, assessment=new)
    return new


@transaction.atomic
def delete_assessment(assessment: Assessment, user: Any) -> None:
    """Delete the assessment with its answers, history and cached reports (all by CASCADE).

    The organisation keeps one event saying that an assessment was deleted, by whom and when,
    and nothing of what it contained.
    """
    if assessment.organisation_id is not None:
        record_event(AuditEvent.Kind.DELETED, user, organisation=assessment.organisation)
    assessment.delete()


@transaction.atomic
def delete_organisation(organisation: Organisation, user: Any) -> None:
    """Delete the organisation, its memberships, invitations, assessments and all their history."""
    logger.info("organisation %s deleted by user %s", organisation.pk, getattr(user, "pk", None))
    organisation.delete()


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
        "history": [_event_data(event) for event in assessment.audit_events.all()],
    }


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
        "events": [_event_data(e) for e in organisation.audit_events.select_related("user")],
    }


def _event_data(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.at,
        "user": event.user.email if event.user else None,
        "event": event.kind,
        "step": event.step or None,
        "question": event.question_id or None,
        "old_value": event.old_value,
        "new_value": event.new_value,
    }
