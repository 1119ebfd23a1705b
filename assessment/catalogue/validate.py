"""Check an answers document (docs/answers.schema.json) against the questionnaire. Pure Python.

Returns every problem found, each naming the question, so a consultant fixing a batch of
answer files sees them all at once rather than one per run.
"""

from __future__ import annotations

import re
from typing import Any, assert_never

from .model import Catalogue, Question

DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
NONE_CODE = "none"


def validate_answers(catalogue: Catalogue, document: Any) -> list[str]:
    """The problems of an answers document, as readable sentences; empty when it is valid."""
    if not isinstance(document, dict):
        return [f"the answers document must be a JSON object of question id to answer, not {_kind(document)}"]
    problems = []
    for question_id, value in document.items():
        question = _find(catalogue, question_id)
        if question is None:
            problems.append(f"{question_id!r}: unknown question id")
            continue
        problem = check_answer(question, value)
        if problem:
            problems.append(f"{question_id!r} ({question.label.en}): {problem}")
    return problems


def check_answer(question: Question, value: Any) -> str | None:
    """What is wrong with one answer, or None."""
    match question.type:
        case "yes_no" | "yes_no_unsure" | "single":
            return _check_choice(question, value)
        case "multiple":
            return _check_choices(question, value)
        case "integer":
            return _check_integer(question, value)
        case "date":
            return _check_date(value)
        case "text":
            return _check_text(question, value)
        case _:
            assert_never(question.type)


def _find(catalogue: Catalogue, question_id: str) -> Question | None:
    try:
        return catalogue.question(question_id)
    except KeyError:
        return None


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _codes(question: Question) -> str:
    return ", ".join(question.choice_codes)


def _check_choice(question: Question, value: Any) -> str | None:
    if not isinstance(value, str):
        return f"expected one of {_codes(question)}, got {_kind(value)}"
    if value not in question.choice_codes:
        return f"{value!r} is not among the choices ({_codes(question)})"
    return None


def _check_choices(question: Question, value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        return f"expected a list of choices from {_codes(question)}, got {_kind(value)}"
    unknown = [code for code in value if code not in question.choice_codes]
    if unknown:
        return f"{', '.join(map(repr, unknown))} not among the choices ({_codes(question)})"
    if len(set(value)) != len(value):
        return "a choice is listed twice"
    if NONE_CODE in value and len(value) > 1:
        return f"{NONE_CODE!r} cannot be combined with other choices"
    return None


def _check_integer(question: Question, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"expected a whole number, got {_kind(value)}"
    if question.min_value is not None and value < question.min_value:
        return f"{value} is below the minimum of {question.min_value}"
    if question.max_value is not None and value > question.max_value:
        return f"{value} is above the maximum of {question.max_value}"
    return None


def _check_date(value: Any) -> str | None:
    match = DATE_PATTERN.match(value) if isinstance(value, str) else None
    if match is None:
        return f"expected a date as YYYY-MM-DD, got {value!r}"
    year, month, day = (int(part) for part in match.groups())
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    in_calendar = (
        1 <= month <= 12 and 1 <= day <= DAYS_IN_MONTH[month - 1] and not (month == 2 and day == 29 and not leap)
    )
    if year < 1 or not in_calendar:
        return f"{value!r} is not a calendar date"
    return None


def _check_text(question: Question, value: Any) -> str | None:
    if not isinstance(value, str):
        return f"expected text, got {_kind(value)}"
    if question.max_length is not None and len(value) > question.max_length:
        return f"text is {len(value)} characters long, more than the {question.max_length} allowed"
    return None
