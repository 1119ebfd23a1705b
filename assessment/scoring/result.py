"""What scoring returns: frozen, language-neutral, ready to serialise or to render."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..catalogue.model import Citation, Rule, Text

# Most severe first; "compliant" and "incomplete" are ratings, never finding severities.
SEVERITY_ORDER = ("prohibited", "high", "medium", "low")
RATINGS = (*SEVERITY_ORDER, "compliant", "incomplete")


@dataclass(frozen=True)
class Finding:
    """A rule whose gap condition holds for these answers."""

    rule: Rule
    triggered_by: tuple[tuple[str, Any], ...]  # (question id, answer) in order of mention
    citations: tuple[Citation, ...]  # the rule's citations that count under this regime
    note: Text | None = None  # a fact computed for this assessment, e.g. since when a filing is overdue

    @property
    def severity(self) -> str:
        return self.rule.severity


@dataclass(frozen=True)
class NotApplicable:
    """A rule that does not apply, and why (the regime's scope or a gate answer)."""

    rule: Rule
    reason: Text
    gate: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Covered:
    """A rule whose gap holds but is already reported by another finding: "covered by F<n>".

    Not a finding of its own (it adds no severity) and never "met" nor "not applicable".
    """

    rule: Rule
    by: tuple[str, ...]  # the ids of the rules whose findings cover it, in catalogue order
    triggered_by: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class TopicCoverage:
    """A topic the 2023 draft had an article for and this regime does not (remote identification):
    which findings carry it under this regime ("covered under the law in force by F3, F7"), or
    `met` when none of the rules that carry it found a gap. Listed only where the topic applies."""

    topic: str
    replaces: str  # the draft rule whose article the regime lacks
    status: str  # "covered" or "met"
    by: tuple[str, ...]  # ids of the findings that carry it, most severe first (the findings' order)
    note: Text


@dataclass(frozen=True)
class TopicRating:
    topic: str
    rating: str
    findings: int
    met: int


@dataclass(frozen=True)
class Determination:
    """An informational outcome: filing or impact assessment required, where and by when."""

    kind: str
    required: bool
    reason: Text
    authority: Text | None
    deadline: Text | None
    retain_years: int | None
    citations: tuple[Citation, ...]
    # The deadline as a date, where the answers give one: `due_estimated` when it was counted past
    # the official calendar's last year; `as_of` is the assessment's date, given by the caller;
    # `overdue` when the deadline passed before `as_of` and the duty is not done.
    triggered_on: date | None = None
    due: date | None = None
    due_estimated: bool = False
    as_of: date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class Result:
    regime: str
    catalogue_version: str
    rating: str
    applicable: bool
    findings: tuple[Finding, ...]  # most severe first, then in catalogue order
    met: tuple[Rule, ...]
    not_applicable: tuple[NotApplicable, ...]
    topics: tuple[TopicRating, ...]
    filing: Determination | None
    impact_assessment: Determination | None
    missing_questions: tuple[str, ...]  # required questions that apply but are unanswered
    covered: tuple[Covered, ...] = ()
    coverage: tuple[TopicCoverage, ...] = ()

    def counts_by_severity(self) -> dict[str, int]:
        """Number of findings per severity, every severity present."""
        counts = dict.fromkeys(SEVERITY_ORDER, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts
