"""The action plan as tracked work: one action per finding of an assessment, by rule id."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        RISK_ACCEPTED = "risk_accepted", _("Risk accepted")

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="actions", verbose_name=_("assessment")
    )
    rule_id = models.CharField(_("rule"), max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    justification = models.TextField(_("justification"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    # Bumped by every change (services.update_action swaps it): a page built from an older version
    # gets a conflict instead of overwriting what someone else saved meanwhile.
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "rule_id"], name="one_action_per_finding")]
        ordering = ["assessment", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"{self.rule_id} ({self.status})"

    def clean(self) -> None:
        # Accepting a risk is a decision someone must be able to defend: it needs its reasons in writing.
        if self.status == self.Status.RISK_ACCEPTED and not self.justification.strip():
            raise ValidationError(
                {"justification": _("Accepting a risk needs a written justification.")}, code="no_justification"
            )

    def is_overdue(self, today: date) -> bool:
        return (
            self.due_date is not None
            and self.due_date < today
            and self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)
        )


class Comment(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="comments", verbose_name=_("action"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"), blank=True)
    # Set on the note that services.update_action writes for each change: {field: [before, after]},
    # values as stored (status codes, ISO dates, the owner's name), rendered in the reader's language.
    changes = models.JSONField(_("changes"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:40]
