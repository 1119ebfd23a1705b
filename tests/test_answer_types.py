"""Answer types are a `Literal`, and code that dispatches on a question's type handles every one of
them and ends with `assert_never`, so mypy fails when a type is added and a branch forgotten (issue 11)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args, get_type_hints

import pytest
from django import forms

from assessment.catalogue.model import ANSWER_TYPES, AnswerType, Choice, Question, Text
from assessment.wizard.forms import field_for

PACKAGE = Path(__file__).resolve().parent.parent / "assessment"


def _question(answer_type: AnswerType) -> Question:
    choices = (Choice("a", Text("A", "甲")), Choice("b", Text("B", "乙")))
    return Question(
        id="q",
        step="s",
        topic="t",
        type=answer_type,
        label=Text("Q", "问"),
        choices=choices if answer_type in ("single", "multiple") else (),
        max_length=100 if answer_type == "text" else None,
    )


def test_a_questions_type_is_the_literal_of_answer_types() -> None:
    assert get_type_hints(Question)["type"] == AnswerType
    assert (
        set(get_args(AnswerType))
        == set(ANSWER_TYPES)
        == {
            "yes_no",
            "yes_no_unsure",
            "single",
            "multiple",
            "integer",
            "date",
            "text",
        }
    )


@pytest.mark.parametrize("answer_type", ANSWER_TYPES)
def test_every_answer_type_has_a_form_field_and_a_display(answer_type: AnswerType) -> None:
    question = _question(answer_type)
    assert isinstance(field_for(question), forms.Field)
    value = {"multiple": ["a", "b"], "integer": 150000, "date": "2026-01-10"}.get(answer_type, "a")
    if answer_type in ("yes_no", "yes_no_unsure"):
        value = "yes"
    assert question.display_answer(value, "zh-hans")


def _matches_on_type() -> list[tuple[str, ast.Match]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Match) and isinstance(node.subject, ast.Attribute) and node.subject.attr == "type":
                found.append((f"{path.relative_to(PACKAGE)}:{node.lineno}", node))
    return found


def test_every_match_on_a_questions_type_ends_with_assert_never() -> None:
    matches = _matches_on_type()
    assert len(matches) >= 5  # display_answer, choice_codes, validate, schema, the wizard's fields
    for where, node in matches:
        last = node.cases[-1]
        assert isinstance(last.pattern, ast.MatchAs) and last.pattern.pattern is None, where
        call = last.body[0]
        assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call), where
        assert isinstance(call.value.func, ast.Name) and call.value.func.id == "assert_never", where
