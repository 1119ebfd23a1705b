"""The report's findings: numbered, grouped by topic, with the answers behind each, and per-topic rows."""

from __future__ import annotations

from typing import Any

from assessment.catalogue import Catalogue
from assessment.catalogue.model import Citation, Rule
from assessment.scoring import SEVERITY_ORDER
from assessment.scoring.citations import format_citation

from . import labels
from .plan import suggest_owner, suggest_time_frame


def cite(catalogue: Catalogue, citations: tuple[Citation, ...], language: str) -> list[str]:
    return [format_citation(catalogue, c, language) for c in citations]


def rule_index(catalogue: Catalogue) -> dict[str, Rule]:
    """The catalogue's rules by id: the serialised result names rules, the report shows them."""
    return {rule.id: rule for rule in catalogue.rules}


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
    catalogue: Catalogue, data: dict[str, Any], language: str, filing: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """The serialised result's findings for the report: grouped by topic (the topic with the worst
    finding first), most severe first within, numbered F1, F2 ... in that order."""
    deadline = filing["deadline"] if filing and filing["required"] else None
    topic_order = [t.id for t in catalogue.topics]
    worst: dict[str, int] = {}
    for finding in data["findings"]:  # already most severe first
        worst.setdefault(finding["topic"], SEVERITY_ORDER.index(finding["severity"]))
    ordered = sorted(
        enumerate(data["findings"]),
        key=lambda pair: (worst[pair[1]["topic"]], topic_order.index(pair[1]["topic"]), pair[0]),
    )
    rules = rule_index(catalogue)
    return [
        {
            "number": f"F{number}",
            "position": position,
            **_finding(catalogue, finding, language),
            "owner": suggest_owner(rules[finding["rule"]], language),
            "time_frame": suggest_time_frame(finding["severity"], finding["topic"], deadline),
        }
        for number, (position, finding) in enumerate(ordered, start=1)
    ]


def _finding(catalogue: Catalogue, finding: dict[str, Any], language: str) -> dict[str, Any]:
    """One serialised finding as the report shows it: its texts as they are, labels and quotes added."""
    return {
        "rule": finding["rule"],
        "topic": finding["topic"],
        "topic_name": catalogue.topic(finding["topic"]).name.get(language),
        "severity": finding["severity"],
        "severity_label": str(labels.SEVERITY_LABELS[finding["severity"]]),
        "title": finding["title"],
        "citations": finding["cited_as"],
        "requirement": finding["requirement"],
        "explanation": finding["explanation"],
        "note": finding.get("note", ""),
        "triggered_by": quotes(catalogue, tuple(finding["triggered_by"].items()), language),
        "remediation": finding["remediation"],
        "evidence": finding["evidence"],
    }


def group_by_topic(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for finding in findings:
        if not groups or groups[-1]["topic"] != finding["topic"]:
            groups.append({"topic": finding["topic"], "name": finding["topic_name"], "findings": []})
        groups[-1]["findings"].append(finding)
    return groups


def topic_rows(catalogue: Catalogue, data: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """Per topic of the serialised result: findings by severity and requirements met, in catalogue order."""
    rows = []
    for topic, rating in data["topics"].items():
        counts = dict.fromkeys(SEVERITY_ORDER, 0)
        for finding in data["findings"]:
            if finding["topic"] == topic:
                counts[finding["severity"]] += 1
        rows.append(
            {
                "topic": topic,
                "name": catalogue.topic(topic).name.get(language),
                "rating": rating["rating"],
                "rating_label": str(labels.RATING_LABELS[rating["rating"]]),
                "counts": counts,
                "cells": [counts[s] for s in SEVERITY_ORDER],
                "total": rating["findings"],
                "met": rating["met"],
            }
        )
    return rows
