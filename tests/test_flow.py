"""Which steps and questions apply: the quick forms in catalogue.flow agree with their definitions."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assessment.catalogue import default_catalogue
from assessment.catalogue.conditions import is_answered
from assessment.catalogue.flow import next_shown_step, prune_hidden, question_is_shown, ready_to_complete, shown_steps
from assessment.catalogue.model import Question
from assessment.wizard.forms import StepForm, step_form_classes
from assessment.wizard.storage import step_form_data
from tests.answer_strategies import ANSWERS, answer_strategy
from tests.conftest import complete_answers

CATALOGUE = default_catalogue()


def pruned_by_definition(answers: dict[str, Any]) -> dict[str, Any]:
    """Keep an answer when its question is shown given the answers kept before it (each condition every time)."""
    kept: dict[str, Any] = {}
    for question in CATALOGUE.questions:
        value = answers.get(question.id)
        if is_answered(value) and question_is_shown(CATALOGUE, question, kept):
            kept[question.id] = value
    return kept


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_pruning_decides_each_step_once_and_keeps_exactly_what_the_definition_keeps(answers: dict[str, Any]) -> None:
    assert prune_hidden(CATALOGUE, answers) == pruned_by_definition(answers)


def test_answering_no_face_processing_drops_every_answer_of_the_steps_it_closes() -> None:
    answers = complete_answers(sc1_fr_identity="yes")
    assert prune_hidden(CATALOGUE, answers) == answers
    stripped = prune_hidden(CATALOGUE, {**answers, "sc1_fr_identity": "no", "sc3_face_analysis": "no"})
    purpose = [q.id for q in CATALOGUE.questions_in_step("purpose")]
    assert purpose and not set(purpose) & set(stripped)
    assert stripped["org_name"] == answers["org_name"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_the_step_after_a_finished_one_is_the_next_step_that_applies(answers: dict[str, Any]) -> None:
    shown = [s.id for s in shown_steps(CATALOGUE, answers)]
    for index, step in enumerate(shown):
        assert next_shown_step(CATALOGUE, step, answers) == (shown[index + 1] if index + 1 < len(shown) else None)


def _step_form(step: str, answers: dict[str, Any]) -> StepForm:
    """The step's form bound to the stored answers, as formtools revalidates it at the end."""
    form_class = dict(step_form_classes(CATALOGUE))[step]
    return form_class(data=step_form_data(CATALOGUE, step, answers), prefix=step, answers=answers)


def _edge_value(question: Question) -> st.SearchStrategy[Any]:
    """A value of the question's type, including ones its form would refuse."""
    match question.type:
        case "integer":
            return st.sampled_from([-1, 0, 99_999, 100_000, 10**12])
        case "date":
            return st.sampled_from(["2025-06-15", "2025-02-30", "0000-01-01", "2024-02-29"])
        case "text":
            return st.sampled_from(["text", "x" * ((question.max_length or 2000) + 1)])
        case "multiple":
            return st.lists(st.sampled_from([*question.choice_codes, "none"]), max_size=3)
        case _:
            return answer_strategy(question)


FULL = complete_answers(sc1_fr_identity="yes")
CHANGED = st.fixed_dictionaries({}, optional={q.id: _edge_value(q) for q in CATALOGUE.questions})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CHANGED)
def test_answers_ready_to_complete_pass_every_step_form_too(changed: dict[str, Any]) -> None:
    """The quick check at the end is never laxer than revalidating each step's form."""
    answers = prune_hidden(CATALOGUE, {**FULL, **changed})
    shown = [s.id for s in shown_steps(CATALOGUE, answers)]
    ready = ready_to_complete(CATALOGUE, answers, shown)
    forms = {step: _step_form(step, answers) for step in shown}
    invalid = {step: form.errors for step, form in forms.items() if not form.is_valid()}
    assert not (ready and invalid), invalid
    event("ready" if ready else "not ready")


def test_the_quick_check_refuses_what_a_step_form_would_refuse() -> None:
    answers = complete_answers(sc1_fr_identity="yes")
    shown = [s.id for s in shown_steps(CATALOGUE, answers)]
    assert ready_to_complete(CATALOGUE, answers, shown)
    assert not ready_to_complete(CATALOGUE, answers, shown[:-1])  # a step never saved
    assert not ready_to_complete(CATALOGUE, {**answers, "fl1_people_stored": -1}, shown)  # below the minimum
    assert not ready_to_complete(CATALOGUE, {k: v for k, v in answers.items() if k != "org_name"}, shown)
