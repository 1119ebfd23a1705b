"""What the filing determination needs beyond the answers: the handler's own figures and dates."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HandlerFiling(models.Model):
    """The handler-level facts: the de-duplicated count across scenarios and the filing dates."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="filing", verbose_name=_("organisation")
    )
    deduplicated_people = models.PositiveIntegerField(_("distinct people across all scenarios"), null=True, blank=True)
    reached_on = models.DateField(_("day the count reached 100,000"), null=True, blank=True)
    filed_on = models.DateField(_("day the filing was made"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("handler filing")
        verbose_name_plural = _("handler filings")

    def __str__(self) -> str:
        return f"{self.organisation} filing"


class ScenarioEvent(models.Model):
    """A scenario's substantive change or end, which a filed handler must report."""

    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="filing_event", verbose_name=_("assessment")
    )
    changed_on = models.DateField(_("day of a substantive change"), null=True, blank=True)
    ended_on = models.DateField(_("day facial recognition use ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("scenario event")
        verbose_name_plural = _("scenario events")

    def __str__(self) -> str:
        return f"{self.assessment_id} events"


class FilingRender(models.Model):
    """One filing-pack document in one format, rendered by a background worker and kept with its bytes.

    Keyed on what the document says (tasks.document_key: the drafted content, the renderer and the
    template version), so an unchanged document is downloaded from here at once and a document whose
    inputs changed has a new key: its old render is stale and a new one is queued.
    """

    class Status(models.TextChoices):
        QUEUED = "queued"
        RENDERING = "rendering"
        READY = "ready"
        FAILED = "failed"

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="filing_renders"
    )
    # The scenario of a per-scenario document (PIA report, processing rules); none for the handler's.
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="filing_renders", null=True, blank=True
    )
    document = models.CharField(max_length=40)
    fmt = models.CharField(max_length=4)
    key = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    body = models.BinaryField(null=True, blank=True)
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="filing_render_unique_key")]

    def __str__(self) -> str:
        return f"{self.document}.{self.fmt} of organisation {self.organisation_id}: {self.status}"
