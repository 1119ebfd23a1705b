"""One function builds the report context; the result page, the PDF and the exports render it.

The context is plain data (dicts, lists, strings, numbers) in one language, so that the JSON
export can serialise it and the bilingual edition can merge an English and a Chinese one.
The parts live beside this module: cover.py (cover, running header, dates), findings.py,
determinations.py and checked.py (met, not applicable, covered, missing, answers, sources).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation

from assessment.assessments.models import Assessment
from assessment.catalogue import Catalogue, default_catalogue
from assessment.catalogue.language import language_code
from assessment.catalogue.model import Regime
from assessment.organisations.branding import report_branding
from assessment.scoring import Result, score
from assessment.scoring.serialise import result_to_dict

from . import checked, labels, legal
from .bilingual import LANG_ATTRIBUTES, merge_contexts, plain_text
from .chart import build_chart
from .checked import answer_sections
from .cover import DATE_FORMATS, assessment_date, build_cover, build_running, report_reference
from .determinations import build_determination
from .findings import build_findings, group_by_topic, topic_rows
from .plan import build_action_plan

__all__ = [
    "DATE_FORMATS",
    "EDITIONS",
    "answer_sections",
    "assessment_date",
    "build_edition_context",
    "build_report_context",
    "report_reference",
]

EDITIONS = ("en", "zh-hans", "bilingual")
URGENT_ACTIONS = 3


def build_report_context(
    assessment: Assessment, regime: str, language: str, prepared_by: str | None = None
) -> dict[str, Any]:
    """Everything the report renderings need, computed once, in `language` ("en" or "zh-hans")."""
    language = language_code(language)
    catalogue = default_catalogue()
    result = score(catalogue, regime, assessment.answers, as_of=assessment_date(assessment))
    with translation.override(language):
        return _build(catalogue, assessment, result, language, prepared_by)


def build_edition_context(
    assessment: Assessment, regime: str, edition: str, prepared_by: str | None = None
) -> dict[str, Any]:
    """The context of a PDF edition; the bilingual one merges the English and Chinese contexts.

    `per_language` keeps each language's own context, so what the PDF adds (pdf_sections) reads
    it instead of building the report a second time."""
    if edition != "bilingual":
        single = build_report_context(assessment, regime, edition, prepared_by)
        return {**single, "edition": edition, "per_language": {edition: single}}
    english = build_report_context(assessment, regime, "en", prepared_by)
    chinese = build_report_context(assessment, regime, "zh-hans", prepared_by)
    merged = merge_contexts(english, chinese, ("en", "zh-hans"))
    merged.update(language="en", lang="en")  # the document's own language; passages carry theirs
    merged["chart"] = build_chart(merged["topic_rows"], bilingual=True)
    # Running headers and footers are CSS strings: plain text, and short, so labels are paired
    # once and the date is given in the form both readers know.
    merged["running"] = {key: plain_text(value) for key, value in merged["running"].items()}
    merged["running"]["catalogue"] = (
        f"{plain_text(merged['labels']['catalogue_version'])} {english['cover']['catalogue_version']}"
    )
    merged["running"]["generated"] = (
        f"{plain_text(merged['labels']['generated_on'])} {timezone.localdate().isoformat()}"
    )
    return {**merged, "edition": "bilingual", "per_language": {"en": english, "zh-hans": chinese}}


def _build(
    catalogue: Catalogue, assessment: Assessment, result: Result, language: str, prepared_by: str | None
) -> dict[str, Any]:
    regime = catalogue.regime(result.regime)
    heading = labels.resolve(labels.HEADINGS)
    data = result_to_dict(catalogue, result, language)  # the one serialisation, as the JSON export has it
    filing = build_determination(data["filing"], language)
    findings = build_findings(catalogue, data, language, filing)
    actions = build_action_plan(findings)
    rows = topic_rows(catalogue, data, language)
    cover = build_cover(catalogue, assessment, regime, heading, language, prepared_by)
    return {
        "language": language,
        "lang": LANG_ATTRIBUTES[language],
        "token": assessment.token,
        "labels": heading,
        "cover": cover,
        "running": build_running(cover, heading),
        **_summary(data, regime, language),
        "finding_count": len(findings),
        "filing": filing,
        "impact_assessment": build_determination(data["impact_assessment"], language),
        "urgent_actions": actions[:URGENT_ACTIONS],
        "topic_rows": rows,
        "chart": build_chart(rows),
        "topics": group_by_topic(findings),
        "findings": findings,
        "actions": actions,
        **_appendices(catalogue, assessment, result, data, findings, language),
        "result_data": data,
        "answers": dict(assessment.answers),
        "branding": report_branding(assessment.organisation),  # the consultancy's logo: a fetcher URL
    }


def _summary(data: dict[str, Any], regime: Regime, language: str) -> dict[str, Any]:
    """The executive summary's verdict: scope, overall rating and findings by severity."""
    return {
        "applicable": data["applicable"],
        "scope_note": "" if data["applicable"] else regime.out_of_scope_reason.get(language),
        "rating": {
            "code": data["rating"],
            "label": str(labels.RATING_LABELS[data["rating"]]),
            "summary": str(labels.RATING_SUMMARIES[data["rating"]]),
        },
        "counts": [
            {"severity": s, "label": str(labels.SEVERITY_LABELS[s]), "count": n} for s, n in data["counts"].items()
        ],
    }


def _appendices(
    catalogue: Catalogue,
    assessment: Assessment,
    result: Result,
    data: dict[str, Any],
    findings: list[dict[str, Any]],
    language: str,
) -> dict[str, Any]:
    """What follows the findings: the rest of the rule set, the questions left, answers, sources, legal text."""
    return {
        "met": checked.met(catalogue, data, language),
        # The serialisation names the rules that do not apply; their reasons and gates are the Result's.
        "not_applicable": checked.not_applicable_groups(catalogue, result, language),
        "covered": checked.covered(catalogue, data, findings, language),
        "coverage": checked.coverage(catalogue, data, findings, language),
        "missing": checked.missing(catalogue, data, language),
        "answer_sections": answer_sections(catalogue, assessment.answers, language),
        "sources": checked.sources(catalogue, data["regime"], language),
        "disclaimer": [text.get(language) for text in legal.DISCLAIMER],
        "penalty_intro": legal.PENALTY_INTRO.get(language),
        "penalties": [text.get(language) for text in legal.PENALTIES],
    }
