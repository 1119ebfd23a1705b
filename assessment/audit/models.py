"""The audit trail: who changed which answer of an assessment, and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One event, about an assessment (deleted with it) or, once it is gone, about its organisation.

    An event about a deleted assessment keeps no answers and no link to it, only that it was
    deleted, by whom and when: deleting an assessment must leave none of its data behind.
    """

    class Kind(models.TextChoices):
        ANSWER_CHANGED = "answer_changed", _("Answer changed")
        COMPLETED = "completed", _("Completed")
        REOPENED = "reopened", _("Reopened")
        REASSESSED = "reassessed", _("Started as a reassessment")
        CLAIMED = "claimed", _("Claimed into the organisation")
        DELETED = "deleted", _("Assessment deleted")

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, null=True, blank=True, related_name="audit_events"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="audit_events"
    )
    # Null: an anonymous visitor holding the link (or a user since deleted).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    step = models.CharField(_("step"), max_length=64, blank=True)
    question_id = models.CharField(_("question"), max_length=64, blank=True)
    old_value = models.JSONField(_("old value"), null=True, blank=True)
    new_value = models.JSONField(_("new value"), null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["assessment", "at"], name="audit_assessment_at")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.question_id}".strip()
