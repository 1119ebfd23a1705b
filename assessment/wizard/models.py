"""An assessment: one facial recognition scenario of one organisation, and its answers."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

REGIME_CHOICES = [
    ("measures-2025", _("2025 Measures (in force)")),
    ("draft-2023", _("2023 draft (never in force)")),
]


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
    regime = models.CharField(max_length=32, choices=REGIME_CHOICES, default="measures-2025")
    catalogue_version = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]

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
