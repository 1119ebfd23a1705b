"""The rest of the rule set (met, not applicable, covered), the questions left, the answers and sources."""

from __future__ import annotations

from typing import Any

from assessment.catalogue import Catalogue
from assessment.catalogue.flow import question_is_shown
from assessment.catalogue.language import is_chinese
from assessment.catalogue.model import Rule, Text
from assessment.scoring import Result

from .findings import cite, quotes, rule_index


def checked_rule(catalogue: Catalogue, rule: Rule, language: str) -> dict[str, Any]:
    """A rule that is met or does not apply, told by what it requires (its title names the gap)."""
    return {
        "rule": rule.id,
        "requirement": rule.requirement.get(language),
        "topic_name": catalogue.topic(rule.topic).name.get(language),
        "citations": cite(catalogue, rule.citations, language),
    }


def met(catalogue: Catalogue, data: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """The serialised result's met rules, each told by what it requires."""
    rules = rule_index(catalogue)
    return [checked_rule(catalogue, rules[rule_id], language) for rule_id in data["met"]]


def covered(
    catalogue: Catalogue, data: dict[str, Any], findings: list[dict[str, Any]], language: str
) -> list[dict[str, Any]]:
    """Gaps already reported by another finding: each with the numbers (F<n>) of those findings."""
    rules = rule_index(catalogue)
    numbers = {f["rule"]: f["number"] for f in findings}
    return [
        {**checked_rule(catalogue, rules[item["rule"]], language), "by": [numbers[i] for i in item["covered_by"]]}
        for item in data["covered"]
    ]


def coverage(
    catalogue: Catalogue, data: dict[str, Any], findings: list[dict[str, Any]], language: str
) -> list[dict[str, Any]]:
    """Draft topics the regime has no article for: the findings (F<n>) that carry them, or met."""
    numbers = {f["rule"]: f["number"] for f in findings}
    separator = "、" if is_chinese(language) else ", "
    return [
        {
            "topic_name": catalogue.topic(item["topic"]).name.get(language),
            "covered": item["status"] == "covered",
            "by": separator.join(numbers[rule_id] for rule_id in item["covered_by"]),
            "note": item["note"],
        }
        for item in data["coverage"]
    ]


def not_applicable_groups(catalogue: Catalogue, result: Result, language: str) -> list[dict[str, Any]]:
    """Rules that do not apply, grouped by the reason and the answers behind it, so each is said once."""
    groups: dict[tuple[Text, str], dict[str, Any]] = {}
    for item in result.not_applicable:
        key = (item.reason, repr(item.gate))  # answers may be lists: not hashable as they are
        if key not in groups:
            groups[key] = {
                "reason": item.reason.get(language),
                "gate": quotes(catalogue, item.gate, language),
                "rules": [],
            }
        groups[key]["rules"].append(checked_rule(catalogue, item.rule, language))
    return list(groups.values())


def missing(catalogue: Catalogue, data: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """The required questions left unanswered, each with the step that asks it."""
    return [
        {
            "question": qid,
            "label": catalogue.question(qid).label.get(language),
            "step": catalogue.question(qid).step,
            "step_title": catalogue.step(catalogue.question(qid).step).title.get(language),
        }
        for qid in data["missing_questions"]
    ]


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


def sources(catalogue: Catalogue, regime_id: str, language: str) -> list[dict[str, str]]:
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
