"""The JSON and CSV exports, made from the same report context as the page and the PDF."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

# Excel reads a UTF-8 CSV as the local code page (GBK in mainland China) unless it starts with a BOM.
UTF8_BOM = "\ufeff"
# A cell starting with one of these is a formula to Excel: prefix it so it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_document(context: dict[str, Any]) -> dict[str, Any]:
    """The result and the answers as plain data, in the context's language."""
    cover = context["cover"]
    return {
        "organisation": cover["organisation"],
        "scenario": cover["scenario"],
        "assessed_on": cover["assessed_on_iso"],
        "regime": cover["regime_id"],
        "regime_name": cover["regime_name"],
        "regime_status": cover["regime_status"],
        "result": context["result_data"],
        "answers": context["answers"],
        "answer_sections": context["answer_sections"],
    }


def export_json(context: dict[str, Any]) -> str:
    """The export document as JSON: stable key order, UTF-8 text."""
    return json.dumps(export_document(context), ensure_ascii=False, indent=2) + "\n"


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_csv(context: dict[str, Any]) -> str:
    """One row per finding, in report order, with a BOM so Excel opens Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    with translation.override(context["language"]):
        header = [
            "#",  # the finding's number in the report (F1, F2 ...): the same in both languages
            _("Rule"),
            _("Topic"),
            _("Severity"),
            _("Finding"),
            _("Legal basis"),
            _("What the rule requires"),
            _("Your answers that triggered it"),
            _("What to do"),
            _("Evidence to keep"),
            _("Suggested owner"),
            _("Time frame"),
        ]
    writer.writerow(header)
    for f in context["findings"]:
        answers = "; ".join(f"{q['question']}: {q['answer']}" for q in f["triggered_by"])
        row = [
            f["number"],
            f["rule"],
            f["topic_name"],
            f["severity_label"],
            f["title"],
            "; ".join(f["citations"]),
            f["requirement"],
            answers,
            f["remediation"],
            "; ".join(f["evidence"]),
            f["owner"],
            f["time_frame"],
        ]
        writer.writerow([_cell(str(value)) for value in row])
    return UTF8_BOM + buffer.getvalue()
