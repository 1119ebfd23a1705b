"""Load-time checks of conditions: the closed vocabulary, known questions, known choice codes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import conditions as cond
from .entry import Entry
from .model import Condition, Question


def check_condition(
    entry: Entry,
    condition: Any,
    known: Mapping[str, Question],
    named: Mapping[str, Condition],
) -> None:
    """Refuse unknown operators, unknown or not-yet-asked questions and unknown codes."""
    if not isinstance(condition, dict) or not condition:
        raise entry.fail(f"a condition must be a non-empty table: {condition!r}")
    if "all" in condition or "any" in condition:
        (key,) = condition if len(condition) == 1 else (None,)
        if key is None or not isinstance(condition[key], list) or not condition[key]:
            raise entry.fail(f"'all'/'any' takes a non-empty list and nothing else: {condition!r}")
        for child in condition[key]:
            check_condition(entry, child, known, named)
        return
    if "not" in condition:
        if len(condition) != 1:
            raise entry.fail(f"'not' stands alone: {condition!r}")
        check_condition(entry, condition["not"], known, named)
        return
    if "ref" in condition:
        if len(condition) != 1 or condition["ref"] not in named:
            raise entry.fail(f"unknown named condition {condition.get('ref')!r}")
        return
    _check_leaf(entry, condition, known)


def _check_leaf(entry: Entry, leaf: Mapping[str, Any], known: Mapping[str, Question]) -> None:
    operators = [key for key in leaf if key != "q"]
    if "q" not in leaf or len(operators) != 1:
        raise entry.fail(f"a condition leaf needs q and exactly one operator: {dict(leaf)!r}")
    operator = operators[0]
    if operator not in cond.OPERATORS and operator != "answered":
        raise entry.fail(f"unknown operator '{operator}'")
    question = known.get(leaf["q"])
    if question is None:
        raise entry.fail(f"condition names unknown or later question '{leaf['q']}'")
    operand = leaf[operator]
    if operator in cond.CODE_OPERATORS:
        codes = operand if isinstance(operand, list) else [operand]
        bad = [c for c in codes if c not in question.choice_codes]
        if bad:
            raise entry.fail(f"'{question.id}' has no choice {', '.join(map(str, bad))}")
    if operator in cond.NUMBER_OPERATORS and question.type != "integer":
        raise entry.fail(f"'{operator}' needs an integer question, '{question.id}' is {question.type}")
    if operator in ("contains", "contains_any", "contains_all") and question.type != "multiple":
        raise entry.fail(f"'{operator}' needs a multiple-choice question, not '{question.id}'")


def check_reads_earlier(
    entry: Entry, condition: Condition, earlier: Mapping[str, Question], named: Mapping[str, Condition]
) -> None:
    """A condition (named conditions expanded) reads only questions asked before."""
    check_condition(entry, condition, earlier, named)
    for question_id in cond.question_ids(condition, named):
        if question_id not in earlier:
            raise entry.fail(f"condition names unknown or later question '{question_id}'")
