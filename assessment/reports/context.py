"""One function builds the report context; the result page, the PDF and the exports render it.

The context is plain data (dicts, lists, strings, numbers) in one language, so that the JSON
export can serialise it and the bilingual edition can merge an English and a Chinese one.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.assessments.models import Assessment
from assessment.catalogue import Catalogue, default_catalogue
from assessment.catalogue.flow import question_is_shown
from assessment.catalogue.model import Citation, Rule, Text
from assessment.organisations.branding import report_branding
from assessment.scoring import SEVERITY_ORDER, Result, score
from assessment.scoring.citations import format_citation
from assessment.scoring.result import Determination
from assessment.scoring.serialise import result_to_dict

from . import labels, legal
from .bilingual import LANG_ATTRIBUTES, merge_contexts, plain_text
from .chart import build_chart
from .parties import client_name, prepared_by_line
from .plan import build_action_plan, suggest_owner, suggest_time_frame

EDITIONS = ("en", "zh-hans", "bilingual")
URGENT_ACTIONS = 3
DATE_FORMATS = {"en": "j F Y", "zh-hans": "Y年n月j日"}


def report_language(language: str) -> str:
    """Django's language code for the report: "zh-hans" for any Chinese, else "en"."""
    return "zh-hans" if language.lower().startswith("zh") else "en"


def answer_sections(catalogue: Catalogue, answers: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """Every question asked and the answer given, by section, in wizard order."""
    sections = []
    for step in catalogue.steps:
        rows = [
            {"question": q.id, "label": q.label.get(language), "answer": q.display_answer(answers.get(q.id), language)}
            for q in catalogue.questions_in_step(step.id)
            if q.id in answers and question_is_shown(catalogue, q, answers)
        ]
        if rows:
            sections.append({"step": step.id, "title": step.title.get(language), "answers": rows})
    return sections


def assessment_date(assessment: Assessment) -> datetime.date:
    """The day the answers were last completed (or changed); today for an unsaved assessment."""
    moment = assessment.completed_at or assessment.updated_at
    return timezone.localdate(moment) if moment else timezone.localdate()


def report_reference(assessment: Assessment) -> str:
    """A stable reference number derived from the assessment's token: 0000-0000-00, digits in any language."""
    digest = int(hashlib.sha256(str(assessment.token or "unsaved").encode("utf-8")).hexdigest()[:12], 16)
    digits = f"{digest % 10**10:010d}"
    return f"{digits[:4]}-{digits[4:8]}-{digits[8:]}"


def build_report_context(
    assessment: Assessment, regime: str, language: str, prepared_by: str | None = None
) -> dict[str, Any]:
    """Everything the report renderings need, computed once, in `language` ("en" or "zh-hans")."""
    language = report_language(language)
    catalogue = default_catalogue()
    result = score(catalogue, regime, assessment.answers, as_of=assessment_date(assessment))
    with translation.override(language):
        return _build(catalogue, assessment, result, language, prepared_by)


def build_edition_context(
    assessment: Assessment, regime: str, edition: str, prepared_by: str | None = None
) -> dict[str, Any]:
    """The context of a PDF edition; the bilingual one merges the English and Chinese contexts."""
    if edition != "bilingual":
        return {**build_report_context(assessment, regime, edition, prepared_by), "edition": edition}
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
    return {**merged, "edition": "bilingual"}


def _build(
    catalogue: Catalogue, assessment: Assessment, result: Result, language: str, prepared_by: str | None
) -> dict[str, Any]:
    regime = catalogue.regime(result.regime)
    heading = labels.resolve(labels.HEADINGS)
    filing = _determination(catalogue, result.filing, language)
    findings = _findings(catalogue, result, language, filing)
    actions = build_action_plan(findings)
    topic_rows = _topic_rows(catalogue, result, language)
    day = assessment_date(assessment)
    cover = {
        "organisation": assessment.organisation_name,
        "scenario": assessment.scenario_name,
        "assessed_on": formats.date_format(day, DATE_FORMATS[language]),
        "assessed_on_iso": day.isoformat(),
        "regime_id": regime.id,
        "regime_name": regime.name.get(language),
        "regime_status": regime.status.get(language),
        "regime_in_force": regime.in_force,
        "catalogue_version": catalogue.version,
        "prepared_with": heading["prepared_with"],
        "prepared_by": prepared_by or "",
        "prepared_by_line": prepared_by_line(assessment, prepared_by, language),
        # The client named on the cover and in the sign-off: its legal name in this language.
        "prepared_for": client_name(assessment, language),
        "reference": report_reference(assessment),
        "generated_on": formats.date_format(timezone.localdate(), DATE_FORMATS[language]),
    }
    return {
        "language": language,
        "lang": LANG_ATTRIBUTES[language],
        "token": assessment.token,
        "labels": heading,
        "cover": cover,
        "running": _running(cover, heading),
        "applicable": result.applicable,
        "scope_note": "" if result.applicable else regime.out_of_scope_reason.get(language),
        "rating": {
            "code": result.rating,
            "label": str(labels.RATING_LABELS[result.rating]),
            "summary": str(labels.RATING_SUMMARIES[result.rating]),
        },
        "counts": [
            {"severity": s, "label": str(labels.SEVERITY_LABELS[s]), "count": n}
            for s, n in result.counts_by_severity().items()
        ],
        "finding_count": len(findings),
        "filing": filing,
        "impact_assessment": _determination(catalogue, result.impact_assessment, language),
        "urgent_actions": actions[:URGENT_ACTIONS],
        "topic_rows": topic_rows,
        "chart": build_chart(topic_rows),
        "topics": _group_by_topic(findings),
        "findings": findings,
        "actions": actions,
        "met": [_checked_rule(catalogue, rule, language) for rule in result.met],
        "not_applicable": _not_applicable_groups(catalogue, result, language),
        "covered": _covered(catalogue, result, findings, language),
        "missing": [
            {
                "question": qid,
                "label": catalogue.question(qid).label.get(language),
                "step": catalogue.question(qid).step,
                "step_title": catalogue.step(catalogue.question(qid).step).title.get(language),
            }
            for qid in result.missing_questions
        ],
        "answer_sections": answer_sections(catalogue, assessment.answers, language),
        "sources": _sources(catalogue, result.regime, language),
        "disclaimer": [text.get(language) for text in legal.DISCLAIMER],
        "penalty_intro": legal.PENALTY_INTRO.get(language),
        "penalties": [text.get(language) for text in legal.PENALTIES],
        "result_data": result_to_dict(catalogue, result, language),
        "answers": dict(assessment.answers),
        "branding": report_branding(assessment.organisation),  # the consultancy's logo: a fetcher URL
    }


def _running(cover: dict[str, Any], heading: dict[str, str]) -> dict[str, str]:
    """The strings the print CSS puts in every page's header and footer."""
    before, rest = _("Page {page} of {pages}").split("{page}", 1)
    middle, after = rest.split("{pages}", 1)
    return {
        "organisation": f"{cover['organisation']} · {cover['scenario']}",
        "regime": cover["regime_name"],
        "catalogue": f"{heading['catalogue_version']} {cover['catalogue_version']}",
        "generated": f"{heading['generated_on']} {cover['generated_on']}",
        "page_before": before,
        "page_middle": middle,
        "page_after": after,
    }


def _checked_rule(catalogue: Catalogue, rule: Rule, language: str) -> dict[str, Any]:
    """A rule that is met or does not apply, told by what it requires (its title names the gap)."""
    return {
        "rule": rule.id,
        "requirement": rule.requirement.get(language),
        "topic_name": catalogue.topic(rule.topic).name.get(language),
        "citations": _citations(catalogue, rule.citations, language),
    }


def _covered(
    catalogue: Catalogue, result: Result, findings: list[dict[str, Any]], language: str
) -> list[dict[str, Any]]:
    """Gaps already reported by another finding: each with the numbers (F<n>) of those findings."""
    numbers = {f["rule"]: f["number"] for f in findings}
    return [
        {**_checked_rule(catalogue, item.rule, language), "by": [numbers[rule_id] for rule_id in item.by]}
        for item in result.covered
    ]


def _not_applicable_groups(catalogue: Catalogue, result: Result, language: str) -> list[dict[str, Any]]:
    """Rules that do not apply, grouped by the reason and the answers behind it, so each is said once."""
    groups: dict[tuple[Text, str], dict[str, Any]] = {}
    for item in result.not_applicable:
        key = (item.reason, repr(item.gate))  # answers may be lists: not hashable as they are
        if key not in groups:
            groups[key] = {
                "reason": item.reason.get(language),
                "gate": _quotes(catalogue, item.gate, language),
                "rules": [],
            }
        groups[key]["rules"].append(_checked_rule(catalogue, item.rule, language))
    return list(groups.values())


def _citations(catalogue: Catalogue, citations: tuple[Citation, ...], language: str) -> list[str]:
    return [format_citation(catalogue, c, language) for c in citations]


def _quotes(catalogue: Catalogue, pairs: tuple[tuple[str, Any], ...], language: str) -> list[dict[str, str]]:
    """Answers quoted as (question label, answer label)."""
    return [
        {
            "question": catalogue.question(qid).label.get(language),
            "answer": catalogue.question(qid).display_answer(value, language),
        }
        for qid, value in pairs
    ]


def _determination(catalogue: Catalogue, determination: Determination | None, language: str) -> dict[str, Any] | None:
    if determination is None:
        return None
    years = determination.retain_years
    return {
        "required": determination.required,
        "status": _("Required") if determination.required else _("Not required"),
        "authority": determination.authority.get(language) if determination.authority else "",
        "deadline": _deadline(determination, language),
        "overdue": determination.overdue,
        "overdue_note": _(
            "Overdue: the deadline passed and, by the date of this assessment, the filing had not been made."
        )
        if determination.overdue
        else "",
        "reason": determination.reason.get(language),
        "citations": _citations(catalogue, determination.citations, language),
        "retain_years": years,
        "retention": ngettext(
            "Keep the assessment report and processing records for at least %(years)d year.",
            "Keep the assessment report and processing records for at least %(years)d years.",
            years,
        )
        % {"years": years}
        if years
        else "",
    }


def _deadline(determination: Determination, language: str) -> str:
    """The deadline in words, led by its date where the answers give one."""
    text = determination.deadline.get(language) if determination.deadline else ""
    if determination.due is None or determination.triggered_on is None:
        return text  # no date, or a fixed date the catalogue's wording already names
    due = formats.date_format(determination.due, DATE_FORMATS[language])
    if determination.due_estimated:
        due = _("%(date)s (estimated: the official holiday calendar for that year is not yet published)") % {
            "date": due
        }
    return f"{due} · {text}" if text else due


def _findings(
    catalogue: Catalogue, result: Result, language: str, filing: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Findings grouped by topic (the topic with the worst finding first), most severe first within."""
    deadline = filing["deadline"] if filing and filing["required"] else None
    topic_order = [t.id for t in catalogue.topics]
    worst: dict[str, int] = {}
    for finding in result.findings:  # already most severe first
        worst.setdefault(finding.rule.topic, SEVERITY_ORDER.index(finding.severity))
    ordered = sorted(
        enumerate(result.findings),
        key=lambda pair: (worst[pair[1].rule.topic], topic_order.index(pair[1].rule.topic), pair[0]),
    )
    findings = []
    for number, (position, finding) in enumerate(ordered, start=1):
        rule = finding.rule
        findings.append(
            {
                "number": f"F{number}",
                "position": position,
                "rule": rule.id,
                "topic": rule.topic,
                "topic_name": catalogue.topic(rule.topic).name.get(language),
                "severity": finding.severity,
                "severity_label": str(labels.SEVERITY_LABELS[finding.severity]),
                "title": rule.title.get(language),
                "citations": _citations(catalogue, finding.citations, language),
                "requirement": rule.requirement.get(language),
                "explanation": rule.explanation.get(language),
                "note": finding.note.get(language) if finding.note else "",
                "triggered_by": _quotes(catalogue, finding.triggered_by, language),
                "remediation": rule.remediation.get(language),
                "evidence": [item.get(language) for item in rule.evidence],
                "owner": suggest_owner(rule, language),
                "time_frame": suggest_time_frame(finding.severity, rule.topic, deadline),
            }
        )
    return findings


def _group_by_topic(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for finding in findings:
        if not groups or groups[-1]["topic"] != finding["topic"]:
            groups.append({"topic": finding["topic"], "name": finding["topic_name"], "findings": []})
        groups[-1]["findings"].append(finding)
    return groups


def _topic_rows(catalogue: Catalogue, result: Result, language: str) -> list[dict[str, Any]]:
    """Per topic: findings by severity and requirements met, in catalogue order."""
    rows = []
    for rating in result.topics:
        counts = dict.fromkeys(SEVERITY_ORDER, 0)
        for finding in result.findings:
            if finding.rule.topic == rating.topic:
                counts[finding.severity] += 1
        rows.append(
            {
                "topic": rating.topic,
                "name": catalogue.topic(rating.topic).name.get(language),
                "rating": rating.rating,
                "rating_label": str(labels.RATING_LABELS[rating.rating]),
                "counts": counts,
                "cells": [counts[s] for s in SEVERITY_ORDER],
                "total": rating.findings,
                "met": rating.met,
            }
        )
    return rows


def _sources(catalogue: Catalogue, regime_id: str, language: str) -> list[dict[str, str]]:
    """The instruments this regime's rules and determinations cite, in catalogue order."""
    cited = {catalogue.regime(regime_id).instrument}
    for rule in catalogue.rules_for(regime_id):
        cited.update(c.instrument for c in rule.citations)
    for determination in catalogue.determinations:
        if determination.regime == regime_id:
            cited.update(c.instrument for o in determination.outcomes for c in o.citations)
    return [
        {
            "short": i.short.get(language),
            "name": i.name.get(language),
            "status": i.status.get(language),
            "issued": i.issued,
        }
        for i in catalogue.instruments
        if i.id in cited
    ]
