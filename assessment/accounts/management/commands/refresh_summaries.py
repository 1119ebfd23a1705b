"""Re-score every assessment's stored rating and filing determination, after the rules change."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from assessment.assessments.models import Assessment
from assessment.assessments.summary import refresh_summary

BATCH = 500


class Command(BaseCommand):
    help = "Recompute the stored rating and filing-required of every assessment (after a catalogue update)."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = []
        for assessment in Assessment.objects.only("pk", "answers", "regime", "rating", "filing_required").iterator(
            chunk_size=BATCH
        ):
            before = (assessment.rating, assessment.filing_required)
            refresh_summary(assessment)
            if (assessment.rating, assessment.filing_required) != before:
                changed.append(assessment)
        # bulk_update leaves updated_at alone: re-scoring is not an edit by anyone.
        Assessment.objects.bulk_update(changed, ["rating", "filing_required"], batch_size=BATCH)
        self.stdout.write(f"{len(changed)} assessment summaries updated")
