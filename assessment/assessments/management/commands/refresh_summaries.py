"""Re-score every assessment's stored rating and filing determination, after the rules change."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from assessment.assessments.summary import refresh_summaries


class Command(BaseCommand):
    help = "Recompute the stored rating and filing-required of every assessment (after a catalogue update)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{refresh_summaries()} assessment summaries updated")
