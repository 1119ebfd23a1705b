"""The questionnaire catalogue: loading, its error messages, and the integrity of the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment.catalogue import CatalogueError, default_catalogue, load_catalogue
from assessment.catalogue.conditions import question_ids
from assessment.catalogue.loader import QUESTIONNAIRE_FILE, RULES_FILE
from assessment.catalogue.schema import SCHEMA_PATH, answers_schema_json

ROOT = Path(__file__).resolve().parent.parent


def write_variant(tmp_path: Path, old: str, new: str) -> Path:
    text = QUESTIONNAIRE_FILE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "questionnaire.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def load_variant(tmp_path: Path, old: str, new: str) -> None:
    load_catalogue(write_variant(tmp_path, old, new), rules_path=None)


def test_the_shipped_questionnaire_has_at_least_12_steps_and_60_questions() -> None:
    catalogue = default_catalogue()
    assert len(catalogue.steps) >= 12
    assert len(catalogue.questions) >= 60


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'id = "sc2_rd_only"\nstep = "scope"',
            'id = "sc2_rd_only"\nstep = "scope"\ncolour = "red"',
            "unknown key(s) colour",
        ),
        ('id = "sc2_rd_only"', 'id = "sc1_fr_identity"', "duplicate question id 'sc1_fr_identity'"),
        ('{ q = "pl5_other_uses", equals = "yes" }', '{ q = "pl5_other_uses", equals = "maybe" }', "no choice maybe"),
        ('{ q = "pl5_other_uses", equals = "yes" }', '{ q = "pl5_other_uses", resembles = "yes" }', "unknown operator"),
        ('{ q = "pl5_other_uses", equals = "yes" }', '{ q = "no_such_question", equals = "yes" }', "no_such_question"),
        (
            '{ q = "bp_business_premises", equals = "yes" }',
            '{ q = "sa3_remote_identification", equals = "yes" }',
            "later question",
        ),
        ('label.zh = "组织名称"', 'label.zh = ""', "missing its zh text"),
        ('type = "yes_no"', 'type = "slider"', "unknown type 'slider'"),
    ],
    ids=[
        "unknown key",
        "duplicate id",
        "unknown code",
        "unknown operator",
        "unknown question",
        "later question",
        "missing translation",
        "unknown type",
    ],
)
def test_a_broken_catalogue_is_refused_with_a_message_naming_the_entry(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(CatalogueError, match="questionnaire.toml") as error:
        load_variant(tmp_path, old, new)
    assert message in str(error.value)


def test_every_label_help_and_choice_has_both_languages() -> None:
    for question in default_catalogue().questions:
        texts = [question.label, *(c.label for c in question.choices)] + ([question.help] if question.help else [])
        for text in texts:
            assert text.en.strip() and text.zh.strip(), question.id
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh), f"{question.id}: zh text has no Chinese"


def test_conditions_read_only_questions_asked_earlier() -> None:
    catalogue = default_catalogue()
    order = {q.id: i for i, q in enumerate(catalogue.questions)}
    step_order = [s.id for s in catalogue.steps]
    for question in catalogue.questions:
        if question.show_if:
            for qid in question_ids(question.show_if, catalogue.conditions):
                assert order[qid] < order[question.id], question.id
    for step in catalogue.steps:
        if step.show_if:
            for qid in question_ids(step.show_if, catalogue.conditions):
                assert step_order.index(catalogue.question(qid).step) < step_order.index(step.id), step.id


def test_every_question_belongs_to_a_topic_and_is_used_by_a_rule_or_informational() -> None:
    catalogue = default_catalogue()
    used: set[str] = set()
    for rule in catalogue.rules:
        used.update(question_ids(rule.fires_if, catalogue.conditions))
        if rule.applies_if:
            used.update(question_ids(rule.applies_if, catalogue.conditions))
    for regime in catalogue.regimes:
        used.update(question_ids(regime.in_scope_if, catalogue.conditions))
    for determination in catalogue.determinations:
        for outcome in determination.outcomes:
            if outcome.when:
                used.update(question_ids(outcome.when, catalogue.conditions))
    for step in catalogue.steps:
        if step.show_if:
            used.update(question_ids(step.show_if, catalogue.conditions))
    unused = [q.id for q in catalogue.questions if not q.informational and q.id not in used]
    assert unused == []


def test_the_committed_answers_schema_is_current() -> None:
    committed = (ROOT / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == answers_schema_json(default_catalogue()), (
        "docs/answers.schema.json is stale: run `python manage.py write_answers_schema`"
    )
    schema = json.loads(committed)
    assert set(schema["properties"]) == {q.id for q in default_catalogue().questions}


def test_a_dated_outcome_is_checked_at_load_time(tmp_path: Path) -> None:
    """A filing deadline as a date must be a real day, or working days counted from a date question."""
    rules = RULES_FILE.read_text(encoding="utf-8")
    broken = {
        'due_date = "2025-07-14"': 'due_date = "14 July 2025"',
        'counted_from = "fl_reached_date"': 'counted_from = "fl1_people_stored"',
        'overdue_rule = "m25-filing"': 'overdue_rule = "m25-no-such-rule"',
    }
    for good, bad in broken.items():
        assert good in rules
        path = tmp_path / "rules.toml"
        path.write_text(rules.replace(good, bad, 1), encoding="utf-8")
        with pytest.raises(CatalogueError):
            load_catalogue(rules_path=path)


def test_an_answer_is_displayed_by_its_question_with_labels_and_separators() -> None:
    catalogue = default_catalogue()
    multiple = next(q for q in catalogue.questions if q.type == "multiple")
    codes = list(multiple.choice_codes[:2])
    labels = [multiple.choice_label(code, "zh") for code in codes]
    assert multiple.display_answer(codes, "zh-hans") == "；".join(labels)
    assert multiple.display_answer(codes, "en") == "; ".join(multiple.choice_label(c, "en") for c in codes)
    integer = next(q for q in catalogue.questions if q.type == "integer")
    assert integer.display_answer(150000, "en") == "150,000"
    yes_no = next(q for q in catalogue.questions if q.type == "yes_no")
    assert yes_no.display_answer("no", "zh") == "否"
    assert yes_no.display_answer(None, "en") == ""
