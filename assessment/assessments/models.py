"""An assessment: one facial recognition scenario of one organisation, and its answers."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .regimes import default_regime, regime_choices


def new_token() -> str:
    # 128 bits: the link alone grants access to an anonymous assessment, so it must be unguessable.
    return secrets.token_urlsafe(16)


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETE = "complete", _("Complete")

    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    # The answers document (question id -> value), kept pruned of questions that do not apply.
    answers = models.JSONField(default=dict, blank=True)
    completed_steps = models.JSONField(default=list, blank=True)
    current_step = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    # The catalogue's regimes, read when shown: a regime added to the catalogue needs no migration.
    regime = models.CharField(max_length=32, choices=regime_choices, default=default_regime)
    catalogue_version = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Null for an anonymous quick assessment: its unguessable link is then the only key to it.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reassessed_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reassessments"
    )
    # Denormalised by refresh_summary() whenever answers are saved, so that a dashboard of
    # thousands of rows never scores them at request time. Empty rating: not scored yet.
    rating = models.CharField(max_length=16, blank=True)
    filing_required = models.BooleanField(null=True, blank=True)
    # Incremented by every write (services.py): a write compares and swaps it, so no change made
    # since the row was read is ever overwritten, and a page knows which state it was built from.
    version = models.PositiveIntegerField(default=0, editable=False)
    # SHA-256 of the secret kept in the creating browser's session: only that visitor may claim
    # an anonymous assessment into an organisation (holding the link lets one view and edit).
    creator_secret_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        # The table keeps the name it had when the model lived in the wizard app.
        db_table = "wizard_assessment"
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["organisation", "-updated_at"], name="assessment_org_updated")]

    def __str__(self) -> str:
        return f"{self.organisation_name} – {self.scenario_name}"

    @property
    def organisation_name(self) -> str:
        return str(self.answers.get("org_name", "")) or str(_("Unnamed organisation"))

    @property
    def scenario_name(self) -> str:
        return str(self.answers.get("scenario_name", "")) or str(_("Unnamed scenario"))

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE

    def answer(self, question_id: str) -> Any:
        return self.answers.get(question_id)
