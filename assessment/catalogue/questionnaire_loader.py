"""Load questionnaire.toml: topics, steps, named conditions and questions, in order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checks import check_condition, check_reads_earlier
from .entry import CatalogueError, Entry, catalogue_version, check_top_level, check_unique, entries, read_toml
from .model import ANSWER_TYPES, Choice, Condition, Question, Step, Topic

QUESTION_KEYS = ("id", "step", "topic", "type", "label")
QUESTION_OPTIONAL = (
    "help",
    "choices",
    "required",
    "informational",
    "show_if",
    "max_length",
    "multiline",
    "min_value",
    "max_value",
)


@dataclass(frozen=True)
class Questionnaire:
    version: str
    topics: tuple[Topic, ...]
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    conditions: dict[str, Condition]


def load_questionnaire(path: Path) -> Questionnaire:
    source = path.name
    data = read_toml(path)
    check_top_level(source, data, {"catalogue", "topics", "steps", "conditions", "questions"})
    version = catalogue_version(source, data)
    topics = _topics(source, data)
    step_entries = entries(source, data, "steps", "step")
    for entry in step_entries:
        entry.check_keys(("id", "title"), ("intro", "show_if"))
    check_unique(source, "step", [e.data["id"] for e in step_entries])
    step_ids = {e.data["id"] for e in step_entries}

    question_entries = entries(source, data, "questions", "question")
    check_unique(source, "question", [e.data.get("id", "") for e in question_entries])
    questions = [_question(e, step_ids, {t.id for t in topics}) for e in question_entries]
    named = _named_conditions(source, data, {q.id: q for q in questions})
    _check_order(source, step_entries, question_entries, questions, named)
    steps = tuple(
        Step(id=e.data["id"], title=e.text("title"), intro=e.optional_text("intro"), show_if=e.data.get("show_if"))
        for e in step_entries
    )
    return Questionnaire(version, topics, steps, tuple(questions), named)


def _topics(source: str, data: Mapping[str, Any]) -> tuple[Topic, ...]:
    topics = []
    for entry in entries(source, data, "topics", "topic"):
        entry.check_keys(("id", "name"))
        topics.append(Topic(id=entry.data["id"], name=entry.text("name")))
    check_unique(source, "topic", [t.id for t in topics])
    return tuple(topics)


def _question(entry: Entry, steps: set[str], topics: set[str]) -> Question:
    entry.check_keys(QUESTION_KEYS, QUESTION_OPTIONAL)
    data = entry.data
    answer_type = next((t for t in ANSWER_TYPES if t == data["type"]), None)
    if answer_type is None:
        raise entry.fail(f"unknown type '{data['type']}' (one of {', '.join(ANSWER_TYPES)})")
    if data["step"] not in steps:
        raise entry.fail(f"unknown step '{data['step']}'")
    if data["topic"] not in topics:
        raise entry.fail(f"unknown topic '{data['topic']}'")
    choices = tuple(_choice(entry, raw) for raw in data.get("choices", []))
    _check_choices(entry, answer_type, choices)
    if answer_type == "text" and "max_length" not in data:
        raise entry.fail("a text question needs max_length")
    return Question(
        id=data["id"],
        step=data["step"],
        topic=data["topic"],
        type=answer_type,
        label=entry.text("label"),
        help=entry.optional_text("help"),
        choices=choices,
        required=bool(data.get("required", True)),
        informational=bool(data.get("informational", False)),
        show_if=data.get("show_if"),
        max_length=data.get("max_length"),
        multiline=bool(data.get("multiline", False)),
        min_value=data.get("min_value"),
        max_value=data.get("max_value"),
    )


def _check_choices(entry: Entry, answer_type: str, choices: tuple[Choice, ...]) -> None:
    if answer_type in ("single", "multiple") and not choices:
        raise entry.fail(f"a {answer_type} question needs choices")
    if choices and answer_type not in ("single", "multiple"):
        raise entry.fail(f"a {answer_type} question takes no choices")
    check_unique(entry.where, "choice", [c.code for c in choices])


def _choice(entry: Entry, raw: Any) -> Choice:
    if not isinstance(raw, dict) or set(raw) != {"code", "label"}:
        raise entry.fail(f"a choice must have exactly code and label: {raw!r}")
    return Choice(code=raw["code"], label=entry.as_text(raw["label"], f"choice {raw['code']}"))


def _named_conditions(source: str, data: Mapping[str, Any], by_id: Mapping[str, Question]) -> dict[str, Condition]:
    named: dict[str, Condition] = {}
    for entry in entries(source, data, "conditions", "condition"):
        entry.check_keys(("id", "when"))
        if entry.data["id"] in named:
            raise entry.fail("duplicate condition id")
        # Named conditions may read any question; order is checked where they are used.
        check_condition(entry, entry.data["when"], by_id, named)
        named[entry.data["id"]] = entry.data["when"]
    return named


def _check_order(
    source: str,
    step_entries: list[Entry],
    question_entries: list[Entry],
    questions: list[Question],
    named: Mapping[str, Condition],
) -> None:
    """Conditions may read only questions asked before: earlier steps, or earlier in the step."""
    step_order = [e.data["id"] for e in step_entries]
    questions = sorted(questions, key=lambda q: step_order.index(q.step))
    position = {q.id: index for index, q in enumerate(questions)}
    if [q.id for q in questions] != [e.data["id"] for e in question_entries]:
        raise CatalogueError(f"{source}: questions must be listed in the order of their steps")
    for entry in step_entries:
        condition = entry.data.get("show_if")
        if condition is not None:
            rank = step_order.index(entry.data["id"])
            earlier = {q.id: q for q in questions if step_order.index(q.step) < rank}
            check_reads_earlier(entry, condition, earlier, named)
    for entry, question in zip(question_entries, questions, strict=True):
        if question.show_if is not None:
            earlier = {q.id: q for q in questions if position[q.id] < position[question.id]}
            check_reads_earlier(entry, question.show_if, earlier, named)
