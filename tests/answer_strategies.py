"""Hypothesis strategies for answers documents: any subset of the questions, each with a value of its type."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from assessment.catalogue import default_catalogue
from assessment.catalogue.model import Question


def answer_strategy(question: Question) -> st.SearchStrategy[Any]:
    if question.type == "multiple":
        return st.lists(st.sampled_from(question.choice_codes), unique=True, max_size=3)
    if question.type in ("yes_no", "yes_no_unsure", "single"):
        return st.sampled_from(question.choice_codes)
    if question.type == "integer":
        return st.sampled_from([0, 5_000, 10_000, 10_001, 99_999, 100_000, 1_000_000])
    if question.type == "date":
        return st.sampled_from(["2024-05-01", "2025-06-15", "2026-11-30"])
    return st.just("text")


ANSWERS = st.fixed_dictionaries({}, optional={q.id: answer_strategy(q) for q in default_catalogue().questions})
