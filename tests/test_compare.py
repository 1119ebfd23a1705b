"""Comparisons: a reassessment against the assessment it came from, and the 2025 Measures against
the 2023 draft on the same answers (scenario corpus)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from assessment.catalogue import default_catalogue
from assessment.scoring import score
from assessment.scoring.compare import AnswerChange, compare_assessments, compare_regimes, rating_trend
from tests.test_scenarios import SCENARIOS, scenario_answers


def test_a_reassessment_lists_each_closed_and_new_finding_and_each_changed_answer_and_nothing_else() -> None:
    catalogue = default_catalogue()
    before_answers = scenario_answers("fitness-app-bundled-consent")
    after_answers = {
        **before_answers,
        "cn3_withdrawal": "yes",  # closes the withdrawal finding
        "cn5_changes_communicated": "yes",  # closes the notice-of-changes finding
        "st4_raw_images": "yes",  # raw face images now kept, on no basis: a new finding
        "st4_raw_images_basis": "none",
        # the same boxes ticked in another order: no change
        "cn4_notice_items": list(reversed(before_answers["cn4_notice_items"])),
    }
    before = score(catalogue, "measures-2025", before_answers)
    after = score(catalogue, "measures-2025", after_answers)

    changes = compare_assessments(before, after, before_answers, after_answers)

    assert {f.rule.id for f in changes.closed} == {"m25-consent-withdrawal", "pipl-notice-of-changes"}
    assert [(f.rule.id, f.severity) for f in changes.new] == [("m25-raw-face-images", "medium")]
    assert changes.severity_changed == ()  # one catalogue: a rule keeps its severity
    assert changes.answers_changed == (
        AnswerChange("cn3_withdrawal", "no", "yes"),
        AnswerChange("cn5_changes_communicated", "no", "yes"),
        AnswerChange("st4_raw_images", "no", "yes"),
        AnswerChange("st4_raw_images_basis", None, "none"),
    )
    assert changes.determinations_changed == ()
    assert changes.any


def test_an_unchanged_reassessment_has_no_changes() -> None:
    answers = scenario_answers("fitness-app-bundled-consent")
    result = score(default_catalogue(), "measures-2025", answers)
    changes = compare_assessments(result, result, answers, dict(answers))
    assert not changes.any


def test_a_rule_whose_severity_moved_is_a_severity_change_with_both_citations() -> None:
    answers = scenario_answers("fitness-app-bundled-consent")
    before = score(default_catalogue(), "measures-2025", answers)
    finding = before.findings[-1]  # pipl-notice-of-changes, medium
    raised = dataclasses.replace(finding, rule=dataclasses.replace(finding.rule, severity="high"))
    after = dataclasses.replace(before, findings=(*before.findings[:-1], raised))
    changes = compare_assessments(before, after, answers, answers)
    assert [(c.rule_id, c.before, c.after, c.worse) for c in changes.severity_changed] == [
        ("pipl-notice-of-changes", "medium", "high", True)
    ]
    assert changes.closed == () and changes.new == ()


def test_answers_that_disappear_are_listed_as_no_longer_answered() -> None:
    changes = compare_assessments(
        *(score(default_catalogue(), "measures-2025", {}),) * 2, {"sh1_provided_to_others": "yes"}, {}
    )
    assert changes.answers_changed == (AnswerChange("sh1_provided_to_others", "yes", None),)


def test_filing_becoming_required_is_reported() -> None:
    catalogue = default_catalogue()
    answers = scenario_answers("unfiled-150k-members")
    small = {**answers, "fl1_people_stored": 500}
    before, after = score(catalogue, "measures-2025", small), score(catalogue, "measures-2025", answers)
    assert before.filing is not None and not before.filing.required
    changes = compare_assessments(before, after, small, answers)
    assert [(d.kind, d.before, d.after) for d in changes.determinations_changed if d.kind == "filing"] == [
        ("filing", False, True)
    ]


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_the_regime_comparison_partitions_both_regimes_findings(path: Path) -> None:
    stem = path.stem
    catalogue = default_catalogue()
    answers = scenario_answers(stem)
    measures, draft = score(catalogue, "measures-2025", answers), score(catalogue, "draft-2023", answers)
    comparison = compare_regimes(measures, draft)
    left = {f.rule.id for f in comparison.only_left} | {c.rule_id for c in comparison.severity_differs}
    left |= {a.rule.id for a, _b in comparison.same}
    right = {f.rule.id for f in comparison.only_right} | {c.rule_id for c in comparison.severity_differs}
    right |= {b.rule.id for _a, b in comparison.same}
    assert left == {f.rule.id for f in measures.findings}  # every finding once, nothing invented
    assert right == {f.rule.id for f in draft.findings}
    assert {f.rule.id for f in comparison.only_left}.isdisjoint({f.rule.id for f in draft.findings})
    for a, b in comparison.same:  # both citations carried, each from its own regime
        assert a.citations == next(f for f in measures.findings if f.rule.id == a.rule.id).citations
        assert b.citations == next(f for f in draft.findings if f.rule.id == b.rule.id).citations
    assert (comparison.left_rating, comparison.right_rating) == (measures.rating, draft.rating)


def test_the_changing_room_camera_is_only_a_finding_under_the_draft() -> None:
    answers = scenario_answers("changing-room-cctv-camera")
    catalogue = default_catalogue()
    comparison = compare_regimes(score(catalogue, "measures-2025", answers), score(catalogue, "draft-2023", answers))
    assert comparison.only_left == () and len(comparison.only_right) == 1
    assert comparison.only_right[0].severity == "prohibited"


def test_the_rating_trend_of_a_scenario() -> None:
    assert rating_trend(["high", "medium"]) == "better"
    assert rating_trend(["medium", "compliant", "prohibited"]) == "worse"
    assert rating_trend(["high", "incomplete", "high"]) == "same"
    assert rating_trend(["high"]) == ""
