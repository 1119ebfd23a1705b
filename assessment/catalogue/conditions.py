"""The closed condition vocabulary shared by the wizard's branching and the rules.

A condition is a small mapping written in the catalogue:

    { all = [c, ...] }  { any = [c, ...] }  { not = c }  { ref = "named_condition" }
    { q = "question_id", <operator> = <operand> }

Operators on a question: equals, in, contains, contains_any, contains_all, at_least,
greater_than, less_than, answered. A leaf on an unanswered question is false (except
`answered = false`, which is then true). Nothing is ever eval'd.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .model import Condition

Answers = Mapping[str, Any]

COMBINATORS = ("all", "any", "not", "ref")


def _equals(value: Any, operand: Any) -> bool:
    return bool(value == operand)


def _in(value: Any, operand: Any) -> bool:
    return value in operand


def _contains(value: Any, operand: Any) -> bool:
    return isinstance(value, list) and operand in value


def _contains_any(value: Any, operand: Any) -> bool:
    return isinstance(value, list) and any(code in value for code in operand)


def _contains_all(value: Any, operand: Any) -> bool:
    return isinstance(value, list) and all(code in value for code in operand)


def _at_least(value: Any, operand: Any) -> bool:
    return isinstance(value, int) and value >= operand


def _greater_than(value: Any, operand: Any) -> bool:
    return isinstance(value, int) and value > operand


def _less_than(value: Any, operand: Any) -> bool:
    return isinstance(value, int) and value < operand


OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "equals": _equals,
    "in": _in,
    "contains": _contains,
    "contains_any": _contains_any,
    "contains_all": _contains_all,
    "at_least": _at_least,
    "greater_than": _greater_than,
    "less_than": _less_than,
}
# Operators whose operand names choice codes (checked against the question at load time).
CODE_OPERATORS = ("equals", "in", "contains", "contains_any", "contains_all")
NUMBER_OPERATORS = ("at_least", "greater_than", "less_than")


def is_answered(value: Any) -> bool:
    """An answer counts when it is not missing, not blank and not an empty list."""
    return value is not None and value != "" and value != []


def evaluate(condition: Condition, answers: Answers, named: Mapping[str, Condition]) -> bool:
    """Whether `condition` holds for `answers`; `named` resolves { ref = ... }."""
    if "all" in condition:
        return all(evaluate(c, answers, named) for c in condition["all"])
    if "any" in condition:
        return any(evaluate(c, answers, named) for c in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], answers, named)
    if "ref" in condition:
        return evaluate(named[condition["ref"]], answers, named)
    value = answers.get(condition["q"])
    if "answered" in condition:
        return is_answered(value) is bool(condition["answered"])
    if not is_answered(value):
        return False
    operator = next(key for key in condition if key != "q")
    return OPERATORS[operator](value, condition[operator])


def might_hold(condition: Condition, answers: Answers, named: Mapping[str, Condition]) -> bool:
    """False only if the condition is false whatever the unanswered questions get: a preview."""
    return _three_valued(condition, answers, named) is not False


def _three_valued(condition: Condition, answers: Answers, named: Mapping[str, Condition]) -> bool | None:
    # Kleene logic: None means "depends on a question not answered yet".
    if "all" in condition or "any" in condition:
        children: list[Condition] = condition["all"] if "all" in condition else condition["any"]
        values = [_three_valued(c, answers, named) for c in children]
        decisive = "all" not in condition  # any: one True decides; all: one False decides
        if decisive in values:
            return decisive
        return None if None in values else not decisive
    if "not" in condition:
        value = _three_valued(condition["not"], answers, named)
        return None if value is None else not value
    if "ref" in condition:
        return _three_valued(named[condition["ref"]], answers, named)
    if not is_answered(answers.get(condition["q"])):
        return None
    return evaluate(condition, answers, named)


def leaves(condition: Condition, named: Mapping[str, Condition]) -> Iterator[Condition]:
    """Every question leaf of a condition, named conditions expanded."""
    if "all" in condition or "any" in condition:
        children: list[Condition] = condition["all"] if "all" in condition else condition["any"]
        for child in children:
            yield from leaves(child, named)
    elif "not" in condition:
        yield from leaves(condition["not"], named)
    elif "ref" in condition:
        yield from leaves(named[condition["ref"]], named)
    else:
        yield condition


def question_ids(condition: Condition, named: Mapping[str, Condition]) -> list[str]:
    """The question ids a condition reads, in order of first mention."""
    seen: dict[str, None] = {}
    for leaf in leaves(condition, named):
        seen.setdefault(leaf["q"], None)
    return list(seen)
