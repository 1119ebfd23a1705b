"""Rendered PDFs, cached in the database so a repeated download of an unchanged assessment costs no render.

Kept with the assessment (deleting it deletes them) and in the database rather than on disk, so
that every web worker on every host sees the same cache and an organisation's data lives in one place.
"""

from __future__ import annotations

from django.db import models

from assessment.assessments.models import Assessment


class CachedReport(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="cached_reports")
    # sha256 of (answers, regime, catalogue version, edition, template version ...): see pdf.report_cache_key.
    key = models.CharField(max_length=64)
    pdf = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "key"], name="cached_report_unique_key")]

    def __str__(self) -> str:
        return f"PDF {self.key[:12]} of assessment {self.assessment_id}"


class ReportRender(models.Model):
    """One edition of one assessment's report, queued for (or done by) a background worker.

    Keyed like the cache (pdf.report_cache_key), so a request for an edition whose answers did not
    change finds the render it already asked for; the PDF itself lives in CachedReport.
    """

    class Status(models.TextChoices):
        QUEUED = "queued"
        RENDERING = "rendering"
        READY = "ready"
        FAILED = "failed"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="report_renders")
    key = models.CharField(max_length=64)
    regime = models.CharField(max_length=40)
    edition = models.CharField(max_length=10)
    include_answers = models.BooleanField(default=True)
    prepared_by = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "key"], name="report_render_unique_key")]

    def __str__(self) -> str:
        return f"{self.edition} render of assessment {self.assessment_id}: {self.status}"
