"""Write docs/answers.schema.json from the questionnaire (a test checks it is current)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from assessment.catalogue import default_catalogue
from assessment.catalogue.schema import SCHEMA_PATH, answers_schema_json


class Command(BaseCommand):
    help = "Write the JSON Schema of the answers document to docs/answers.schema.json."

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(settings.BASE_DIR) / SCHEMA_PATH
        path.write_text(answers_schema_json(default_catalogue()), encoding="utf-8")
        self.stdout.write(f"wrote {path}")
