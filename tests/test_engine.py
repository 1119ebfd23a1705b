"""The scoring engine on its own: pure, deterministic, and honest about what it does not know."""

from __future__ import annotations

from datetime import date

import pytest

from assessment.catalogue import default_catalogue
from assessment.scoring import UnknownRegime, score
from assessment.scoring.serialise import result_to_json
from tests.test_scenarios import scenario_answers

REGIMES = ("measures-2025", "draft-2023")


@pytest.mark.parametrize("regime", REGIMES)
def test_the_same_answers_give_the_same_bytes(regime: str) -> None:
    catalogue = default_catalogue()
    answers = scenario_answers("retailer-shopper-analytics-cloud")
    reordered = dict(reversed(list(answers.items())))
    first = result_to_json(catalogue, score(catalogue, regime, answers), "zh-hans")
    assert first == result_to_json(catalogue, score(catalogue, regime, reordered), "zh-hans")


def test_an_unanswered_required_question_makes_the_result_incomplete_not_a_guess() -> None:
    answers = scenario_answers("well-run-staff-attendance")
    del answers["cn3_withdrawal"]
    result = score(default_catalogue(), "measures-2025", answers)
    assert result.rating == "incomplete"
    assert "cn3_withdrawal" in result.missing_questions


def test_a_prohibited_practice_is_reported_even_on_an_unfinished_assessment() -> None:
    answers = scenario_answers("hotel-guest-room-devices")
    del answers["cn3_withdrawal"]
    assert score(default_catalogue(), "measures-2025", answers).rating == "prohibited"


def test_answers_to_questions_that_do_not_apply_are_ignored() -> None:
    answers = {**scenario_answers("well-run-staff-attendance"), "pl3_signage": "no"}  # no public place
    result = score(default_catalogue(), "measures-2025", answers)
    assert "pl3_signage" not in {qid for f in result.findings for qid, _ in f.triggered_by}


def test_every_rule_of_the_regime_is_accounted_for_once() -> None:
    catalogue = default_catalogue()
    for regime in REGIMES:
        result = score(catalogue, regime, scenario_answers("retailer-shopper-analytics-cloud"))
        accounted = [f.rule.id for f in result.findings] + [r.id for r in result.met]
        accounted += [n.rule.id for n in result.not_applicable]
        assert sorted(accounted) == sorted(rule.id for rule in catalogue.rules_for(regime))


def test_findings_come_most_severe_first() -> None:
    result = score(default_catalogue(), "draft-2023", scenario_answers("retailer-shopper-analytics-cloud"))
    order = ["prohibited", "high", "medium", "low"]
    assert [order.index(f.severity) for f in result.findings] == sorted(
        order.index(f.severity) for f in result.findings
    )


def test_a_measures_report_never_cites_the_draft_and_a_draft_report_never_cites_the_measures() -> None:
    catalogue = default_catalogue()
    answers = scenario_answers("retailer-shopper-analytics-cloud")
    measures = score(catalogue, "measures-2025", {**answers, "sc1_fr_identity": "yes"})
    draft = score(catalogue, "draft-2023", {**answers, "sc1_fr_identity": "yes"})
    assert measures.findings and draft.findings
    assert all(c.instrument != "draft-2023" for f in measures.findings for c in f.citations)
    assert all(c.instrument != "measures-2025" for f in draft.findings for c in f.citations)


def test_outside_the_measures_a_face_analysis_finding_rests_on_pipl_alone() -> None:
    result = score(default_catalogue(), "measures-2025", scenario_answers("retailer-shopper-analytics-cloud"))
    assert not result.applicable
    assert result.findings
    assert all(c.instrument != "measures-2025" for f in result.findings for c in f.citations)


def test_rules_outside_the_regimes_scope_say_why() -> None:
    result = score(default_catalogue(), "measures-2025", scenario_answers("rd-lab-training-only"))
    assert not result.applicable
    reasons = {n.reason.en for n in result.not_applicable}
    assert any("research and development" in reason for reason in reasons)


def test_filing_thresholds_differ_between_the_regimes() -> None:
    catalogue = default_catalogue()
    answers = {**scenario_answers("well-run-staff-attendance"), "fl1_people_stored": 20_000}
    measures = score(catalogue, "measures-2025", answers).filing
    draft = score(catalogue, "draft-2023", answers).filing
    assert measures is not None and not measures.required
    assert draft is not None and draft.required and "municipal" in (draft.authority.en if draft.authority else "")


def test_an_unknown_regime_is_refused() -> None:
    with pytest.raises(UnknownRegime, match="measures-2025"):
        score(default_catalogue(), "gdpr", {})


def test_without_an_as_of_the_deadline_is_still_dated_but_never_overdue() -> None:
    answers = scenario_answers("overdue-filing-national-day")
    result = score(default_catalogue(), "measures-2025", answers)
    assert result.filing is not None and result.filing.due == date(2025, 10, 31)
    assert result.filing.as_of is None and result.filing.overdue is False
    finding = next(f for f in result.findings if f.rule.id == "m25-filing")
    assert finding.note is None, "no assessment date, no claim about being overdue"


def test_a_filing_made_after_the_deadline_is_not_overdue_but_late() -> None:
    answers = {
        **scenario_answers("overdue-filing-national-day"),
        "fl2_filed": "yes",
        "fl2_filed_on_time": "no",
        "fl2_filed_date": "2025-12-01",
        "fl4_material_change": "no",
    }
    result = score(default_catalogue(), "measures-2025", answers, as_of=date(2026, 1, 10))
    assert result.filing is not None and not result.filing.overdue
    assert "m25-filing" in [f.rule.id for f in result.findings], "filed late is still a finding"


def test_a_deadline_past_the_official_calendar_is_marked_estimated() -> None:
    answers = {**scenario_answers("overdue-filing-national-day"), "fl_reached_date": "2026-12-20"}
    result = score(default_catalogue(), "measures-2025", answers, as_of=date(2027, 3, 1))
    assert result.filing is not None and result.filing.due_estimated and result.filing.overdue
    finding = next(f for f in result.findings if f.rule.id == "m25-filing")
    assert finding.note is not None and "estimate" in finding.note.en and "估算" in finding.note.zh
