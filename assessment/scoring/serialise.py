"""A Result as the JSON document of `manage.py assess --format json` and the JSON export."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..catalogue.language import language_code
from ..catalogue.model import Catalogue
from .citations import citation_data, format_citation
from .result import Determination, Finding, Result


def result_to_dict(catalogue: Catalogue, result: Result, language: str = "en") -> dict[str, Any]:
    """The result as plain data, texts in `language`; key order is fixed."""
    return {
        "regime": result.regime,
        "catalogue_version": result.catalogue_version,
        "language": language_code(language),
        "rating": result.rating,
        "applicable": result.applicable,
        "filing": _determination(catalogue, result.filing, language),
        "impact_assessment": _determination(catalogue, result.impact_assessment, language),
        "counts": result.counts_by_severity(),
        "findings": [_finding(catalogue, result, f, language) for f in result.findings],
        "covered": [
            {
                "rule": c.rule.id,
                "title": c.rule.title.get(language),
                "topic": c.rule.topic,
                "covered_by": list(c.by),
                "triggered_by": dict(c.triggered_by),
            }
            for c in result.covered
        ],
        "coverage": [
            {
                "topic": c.topic,
                "replaces": c.replaces,
                "status": c.status,
                "covered_by": list(c.by),
                "note": c.note.get(language),
            }
            for c in result.coverage
        ],
        "met": [rule.id for rule in result.met],
        "not_applicable": [n.rule.id for n in result.not_applicable],
        "topics": {t.topic: {"rating": t.rating, "findings": t.findings, "met": t.met} for t in result.topics},
        "missing_questions": list(result.missing_questions),
    }


def _finding(catalogue: Catalogue, result: Result, f: Finding, language: str) -> dict[str, Any]:
    return {
        "rule": f.rule.id,
        "severity": f.severity,
        "title": f.rule.title.get(language),
        "topic": f.rule.topic,
        "citations": [citation_data(c) for c in f.citations],
        "cited_as": [format_citation(catalogue, c, language) for c in f.citations],
        "triggered_by": dict(f.triggered_by),
        "covers": [c.rule.id for c in result.covered if f.rule.id in c.by],
        "requirement": f.rule.requirement.get(language),
        "explanation": f.rule.explanation.get(language),
        "remediation": f.rule.remediation.get(language),
        "evidence": [item.get(language) for item in f.rule.evidence],
        **({"note": f.note.get(language)} if f.note else {}),
    }


def _determination(catalogue: Catalogue, determination: Determination | None, language: str) -> dict[str, Any] | None:
    if determination is None:
        return None
    data: dict[str, Any] = {
        "required": determination.required,
        "authority": determination.authority.get(language) if determination.authority else None,
        "deadline_text": determination.deadline.get(language) if determination.deadline else None,
        "reason": determination.reason.get(language),
        "citations": [format_citation(catalogue, c, language) for c in determination.citations],
    }
    if determination.kind == "filing":
        data.update(
            triggered_on=_iso(determination.triggered_on),
            deadline=_iso(determination.due),
            deadline_estimated=determination.due_estimated,
            as_of=_iso(determination.as_of),
            overdue=determination.overdue,
        )
    if determination.kind == "impact_assessment":
        data["retain_years"] = determination.retain_years
    return data


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def result_to_json(catalogue: Catalogue, result: Result, language: str = "en") -> str:
    """Deterministic JSON: the same answers give the same bytes."""
    return json.dumps(result_to_dict(catalogue, result, language), ensure_ascii=False, indent=2, sort_keys=False)
