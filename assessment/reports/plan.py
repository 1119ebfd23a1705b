"""The action plan: who should act on each finding, and by when."""

from __future__ import annotations

import re
from typing import Any

from assessment.catalogue.model import Rule
from assessment.scoring import SEVERITY_ORDER

from .labels import DEFAULT_OWNERS, FALLBACK_OWNER, TIME_FRAMES

FILING_TOPIC = "filing"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(“\"])|(?<=[。！？])")


def first_sentence(text: str) -> str:
    """The first sentence of a remediation, for the one-page summary (the plan keeps the whole text)."""
    return SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def suggest_owner(rule: Rule, language: str) -> str:
    """The rule's own owner role if it names one, else a sensible role for its topic."""
    if rule.owner is not None:
        return rule.owner.get(language)
    return str(DEFAULT_OWNERS.get(rule.topic, FALLBACK_OWNER))


def suggest_time_frame(severity: str, topic: str, filing_deadline: str | None) -> str:
    """By severity; a filing gap gets the legal filing deadline instead."""
    if topic == FILING_TOPIC and filing_deadline:
        return filing_deadline
    return str(TIME_FRAMES[severity])


def build_action_plan(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One action per finding, most severe first, a filing gap ahead of others of its severity."""
    ordered = sorted(
        findings,
        key=lambda f: (SEVERITY_ORDER.index(f["severity"]), f["topic"] != FILING_TOPIC, f["position"]),
    )
    return [
        {
            "priority": index,
            "action": finding["remediation"],
            "headline": first_sentence(finding["remediation"]),
            "finding_number": finding["number"],
            "finding_title": finding["title"],
            "severity": finding["severity"],
            "severity_label": finding["severity_label"],
            "owner": finding["owner"],
            "time_frame": finding["time_frame"],
        }
        for index, finding in enumerate(ordered, start=1)
    ]
