"""`manage.py assess ANSWERS.json`: score an answers document without the web app, for batches."""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string
from django.utils import timezone, translation

from assessment.assessments.models import Assessment
from assessment.assessments.regimes import default_regime
from assessment.catalogue import default_catalogue
from assessment.catalogue.validate import validate_answers
from assessment.reports.context import build_report_context
from assessment.reports.pdf import report_pdf
from assessment.scoring import score
from assessment.scoring.serialise import result_to_json


class Command(BaseCommand):
    help = (
        "Score an answers document (docs/answers.schema.json) and print the result as JSON or text, or write the PDF."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("answers", help="the answers document, a JSON file")
        parser.add_argument("--regime", default=default_regime(), choices=default_catalogue().regime_ids)
        parser.add_argument("--format", default="json", choices=["json", "text", "pdf"])
        parser.add_argument(
            "--lang",
            default="en",
            choices=["en", "zh-hans", "bilingual"],
            help="language of the texts; bilingual is a PDF edition only",
        )
        parser.add_argument("--output", help="write to this file instead of standard output (required for pdf)")
        parser.add_argument(
            "--as-of",
            type=as_of_date,
            default=None,
            help="the assessment's date, YYYY-MM-DD, for filing deadlines (default: today in Asia/Shanghai)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fmt, language, output = options["format"], options["lang"], options["output"]
        if fmt == "pdf" and not output:
            raise CommandError("--format pdf writes a binary file: give --output FILE")
        if language == "bilingual" and fmt != "pdf":
            raise CommandError("--lang bilingual is a PDF edition: use it with --format pdf")
        answers = read_answers(Path(options["answers"]))
        as_of = options["as_of"] or timezone.localdate()
        # Never saved: the command scores a document, it does not store one. Its date is --as-of.
        moment = timezone.make_aware(datetime.datetime.combine(as_of, datetime.time(12)))
        assessment = Assessment(answers=answers, regime=options["regime"], updated_at=moment)
        if fmt == "pdf":
            Path(output).write_bytes(report_pdf(assessment, options["regime"], language))
            return
        text = assessment_text(assessment, options["regime"], language, fmt, as_of)
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")


def read_answers(path: Path) -> dict[str, Any]:
    """The answers document, validated; CommandError names each problem."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"{path}: cannot read the file ({error.strerror})") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CommandError(f"{path}: not valid JSON ({error})") from error
    problems = validate_answers(default_catalogue(), document)
    if problems:
        raise CommandError(f"{path}: invalid answers\n  " + "\n  ".join(problems))
    return dict(document)


def as_of_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


def assessment_text(
    assessment: Assessment, regime: str, language: str, fmt: str, as_of: datetime.date | None = None
) -> str:
    """The result as deterministic JSON (the engine's) or as a readable summary (the report's context)."""
    if fmt == "json":
        result = score(default_catalogue(), regime, assessment.answers, as_of=as_of)
        return result_to_json(default_catalogue(), result, language) + "\n"
    context = build_report_context(assessment, regime, language)
    with translation.override(context["language"]):
        return render_to_string("reports/summary.txt", context)
