"""The report's findings: numbered, grouped by topic, with the answers behind each, and per-topic rows."""

from __future__ import annotations

from typing import Any

from assessment.catalogue import Catalogue
from assessment.catalogue.model import Citation
from assessment.scoring import SEVERITY_ORDER, Result
from assessment.scoring.citations import format_citation

from . import labels
from .plan import suggest_owner, suggest_time_frame


def cite(catalogue: Catalogue, citations: tuple[Citation, ...], language: str) -> list[str]:
    return [format_citation(catalogue, c, language) for c in citations]


def quotes(catalogue: Catalogue, pairs: tuple[tuple[str, Any], ...], language: str) -> list[dict[str, str]]:
    """Answers quoted as (question label, answer label)."""
    return [
        {
            "question": catalogue.question(qid).label.get(language),
            "answer": catalogue.question(qid).display_answer(value, language),
        }
        for qid, value in pairs
    ]


def build_findings(
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
                "citations": cite(catalogue, finding.citations, language),
                "requirement": rule.requirement.get(language),
                "explanation": rule.explanation.get(language),
                "note": finding.note.get(language) if finding.note else "",
                "triggered_by": quotes(catalogue, finding.triggered_by, language),
                "remediation": rule.remediation.get(language),
                "evidence": [item.get(language) for item in rule.evidence],
                "owner": suggest_owner(rule, language),
                "time_frame": suggest_time_frame(finding.severity, rule.topic, deadline),
            }
        )
    return findings


def group_by_topic(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for finding in findings:
        if not groups or groups[-1]["topic"] != finding["topic"]:
            groups.append({"topic": finding["topic"], "name": finding["topic_name"], "findings": []})
        groups[-1]["findings"].append(finding)
    return groups


def topic_rows(catalogue: Catalogue, result: Result, language: str) -> list[dict[str, Any]]:
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
