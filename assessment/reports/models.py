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
