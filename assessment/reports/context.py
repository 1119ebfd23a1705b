"""One function builds the report context; the result page, the PDF and the exports render it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessment.catalogue import Catalogue, default_catalogue
from assessment.catalogue.flow import question_is_shown
from assessment.catalogue.model import Question, Step
from assessment.scoring import Result, score
from assessment.scoring.citations import format_citation
from assessment.wizard.models import Assessment


@dataclass(frozen=True)
class AnsweredQuestion:
    question: Question
    label: str
    answer: str


@dataclass(frozen=True)
class AnswerSection:
    step: Step
    title: str
    answers: list[AnsweredQuestion]


def display_answer(question: Question, value: Any, language: str) -> str:
    """An answer as a reader sees it: choice labels, not codes."""
    if value is None:
        return ""
    if question.type == "multiple":
        return "; ".join(question.choice_label(code, language) for code in value)
    if question.type in ("yes_no", "yes_no_unsure", "single"):
        return question.choice_label(value, language)
    return str(value)


def answer_sections(catalogue: Catalogue, answers: dict[str, Any], language: str) -> list[AnswerSection]:
    """Every question asked and the answer given, by section, in wizard order."""
    sections = []
    for step in catalogue.steps:
        rows = [
            AnsweredQuestion(q, q.label.get(language), display_answer(q, answers.get(q.id), language))
            for q in catalogue.questions_in_step(step.id)
            if question_is_shown(catalogue, q, answers) and q.id in answers
        ]
        if rows:
            sections.append(AnswerSection(step, step.title.get(language), rows))
    return sections


def build_report_context(assessment: Assessment, regime: str, language: str) -> dict[str, Any]:
    """Everything the report templates need, computed once, in `language`."""
    catalogue = default_catalogue()
    result: Result = score(catalogue, regime, assessment.answers)
    return {
        "assessment": assessment,
        "catalogue": catalogue,
        "regime": catalogue.regime(regime),
        "regime_name": catalogue.regime(regime).name.get(language),
        "regime_status": catalogue.regime(regime).status.get(language),
        "result": result,
        "language": language,
        "findings": [
            {
                "finding": finding,
                "rule": finding.rule,
                "title": finding.rule.title.get(language),
                "severity": finding.severity,
                "citations": [format_citation(catalogue, c, language) for c in finding.citations],
                "requirement": finding.rule.requirement.get(language),
                "explanation": finding.rule.explanation.get(language),
                "remediation": finding.rule.remediation.get(language),
                "evidence": [item.get(language) for item in finding.rule.evidence],
                "triggered_by": [
                    (catalogue.question(qid).label.get(language), display_answer(catalogue.question(qid), v, language))
                    for qid, v in finding.triggered_by
                ],
            }
            for finding in result.findings
        ],
        "answer_sections": answer_sections(catalogue, assessment.answers, language),
    }
