"""The condition vocabulary, case by case: what holds, and what may still hold."""

from __future__ import annotations

from typing import Any

import pytest

from assessment.catalogue.conditions import evaluate, might_hold

NAMED = {"faces": {"any": [{"q": "sc1", "equals": "yes"}, {"q": "sc3", "equals": "yes"}]}}


@pytest.mark.parametrize(
    ("condition", "answers", "holds"),
    [
        ({"q": "sc1", "equals": "yes"}, {"sc1": "yes"}, True),
        ({"q": "sc1", "equals": "yes"}, {}, False),
        ({"q": "basis", "in": ["implied", "none"]}, {"basis": "none"}, True),
        ({"q": "controls", "contains": "encryption"}, {"controls": ["encryption"]}, True),
        ({"q": "controls", "contains_any": ["a", "b"]}, {"controls": ["c"]}, False),
        ({"q": "controls", "contains_all": ["a", "b"]}, {"controls": ["a", "b", "c"]}, True),
        ({"q": "people", "at_least": 100_000}, {"people": 100_000}, True),
        ({"q": "people", "greater_than": 10_000}, {"people": 10_000}, False),
        ({"q": "people", "less_than": 10}, {"people": 9}, True),
        ({"q": "date", "answered": True}, {"date": ""}, False),
        ({"q": "date", "answered": False}, {}, True),
        ({"not": {"q": "sc1", "equals": "yes"}}, {}, True),
        ({"ref": "faces"}, {"sc3": "yes"}, True),
        ({"all": [{"ref": "faces"}, {"q": "pl1", "equals": "yes"}]}, {"sc1": "yes", "pl1": "no"}, False),
    ],
)
def test_a_condition_holds_exactly_when_it_should(
    condition: dict[str, Any], answers: dict[str, Any], holds: bool
) -> None:
    assert evaluate(condition, answers, NAMED) is holds


@pytest.mark.parametrize(
    ("condition", "answers", "possible"),
    [
        ({"ref": "faces"}, {}, True),  # nothing answered: may apply
        ({"ref": "faces"}, {"sc1": "no"}, True),  # sc3 still open
        ({"ref": "faces"}, {"sc1": "no", "sc3": "no"}, False),
        ({"all": [{"ref": "faces"}, {"q": "pl1", "equals": "yes"}]}, {"sc1": "yes"}, True),
        ({"all": [{"ref": "faces"}, {"q": "pl1", "equals": "yes"}]}, {"sc1": "no", "sc3": "no"}, False),
        ({"not": {"q": "sc2", "equals": "yes"}}, {}, True),
        ({"not": {"q": "sc2", "equals": "yes"}}, {"sc2": "yes"}, False),
    ],
)
def test_a_section_may_still_apply_until_an_answer_rules_it_out(
    condition: dict[str, Any], answers: dict[str, Any], possible: bool
) -> None:
    assert might_hold(condition, answers, NAMED) is possible
