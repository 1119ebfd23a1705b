"""Which steps and questions apply to a set of answers, and dropping the ones that do not."""

from __future__ import annotations

from typing import Any

from .conditions import Answers, evaluate, is_answered, might_hold
from .model import Catalogue, Question, Step
from .validate import validate_answers


def step_is_shown(catalogue: Catalogue, step: Step, answers: Answers) -> bool:
    """Whether a step applies, given the answers so far."""
    return step.show_if is None or evaluate(step.show_if, answers, catalogue.conditions)


def question_is_shown(catalogue: Catalogue, question: Question, answers: Answers) -> bool:
    """Whether a question applies: its step is shown and its own condition holds."""
    if not step_is_shown(catalogue, catalogue.step(question.step), answers):
        return False
    return question.show_if is None or evaluate(question.show_if, answers, catalogue.conditions)


def shown_steps(catalogue: Catalogue, answers: Answers) -> list[Step]:
    """The steps that apply, in order."""
    return [step for step in catalogue.steps if step_is_shown(catalogue, step, answers)]


def next_shown_step(catalogue: Catalogue, step_id: str, answers: Answers) -> str | None:
    """The step that applies after `step_id` (where to resume once it is finished); None after the last."""
    after = catalogue.steps[[s.id for s in catalogue.steps].index(step_id) + 1 :]
    return next((step.id for step in after if step_is_shown(catalogue, step, answers)), None)


def expected_steps(catalogue: Catalogue, answers: Answers) -> list[Step]:
    """The steps that apply or may still apply once the questions they depend on are answered.

    Progress counts these, so a new user sees the length of a full assessment that shrinks as
    answers rule sections out, rather than "step 2 of 2" that later grows to fourteen.
    """
    return [s for s in catalogue.steps if s.show_if is None or might_hold(s.show_if, answers, catalogue.conditions)]


def prune_hidden(catalogue: Catalogue, answers: Answers) -> dict[str, Any]:
    """The answers without those to questions that no longer apply, nor unknown ids.

    Questions are visited in order, so an answer dropped early also hides what depends on it.
    """
    kept: dict[str, Any] = {}
    step_shown: dict[str, bool] = {}
    for question in catalogue.questions:
        value = answers.get(question.id)
        if not is_answered(value):
            continue
        # A step's condition reads only earlier steps (the loader checks it), so it is decided
        # once, by its first answered question, and the step's own answers cannot change it.
        if question.step not in step_shown:
            step_shown[question.step] = step_is_shown(catalogue, catalogue.step(question.step), kept)
        if step_shown[question.step] and (
            question.show_if is None or evaluate(question.show_if, kept, catalogue.conditions)
        ):
            kept[question.id] = value
    return kept


def missing_required(catalogue: Catalogue, answers: Answers) -> list[Question]:
    """Required questions that apply to these answers but have none."""
    steps = {step.id for step in shown_steps(catalogue, answers)}  # each step's condition once, not per question
    return [
        question
        for question in catalogue.questions
        if question.required
        and question.step in steps
        and (question.show_if is None or evaluate(question.show_if, answers, catalogue.conditions))
        and not is_answered(answers.get(question.id))
    ]


def ready_to_complete(catalogue: Catalogue, answers: Answers, completed_steps: list[str]) -> bool:
    """Whether these stored answers can complete the assessment as they are: every step that
    applies saved, every required question that applies answered, every answer valid.

    At least as strict as validating each step's form again; the wizard does that only when this
    says no, to show the step that needs attention.
    """
    completed = set(completed_steps)
    return (
        all(step.id in completed for step in shown_steps(catalogue, answers))
        and not missing_required(catalogue, answers)
        and not validate_answers(catalogue, dict(answers))
    )
