"""The handler-level filing determination: one filing across all scenarios, on the official calendar."""

from __future__ import annotations

from datetime import date

from assessment.scoring.handler import HandlerFacts, ScenarioFacts, determine

THREE = (
    ScenarioFacts("Staff attendance", 40_000),
    ScenarioFacts("Visitor access", 40_000),
    ScenarioFacts("Member payment", 40_000),
)


def test_three_scenarios_of_40000_each_file_although_none_alone_reaches_100000() -> None:
    result = determine(HandlerFacts(THREE, reached_on=date(2026, 9, 21)))
    assert result.filing_required
    assert result.people == 120_000 and result.count_is_upper_bound
    [initial] = result.obligations
    assert initial.kind == "initial" and not initial.done
    # 30 working days from 2026-09-21 across the National Day week: 1-7 October are holidays
    # and Saturday 10 October is a working day on the 2026 notice.
    # Counting Monday to Friday alone would give 2 November; the holiday week moves it a week on.
    assert initial.due == date(2026, 11, 9)
    assert not initial.estimated


def test_a_deduplicated_count_below_100000_means_no_filing() -> None:
    result = determine(HandlerFacts(THREE, deduplicated=95_000))
    assert not result.filing_required and result.obligations == ()
    assert result.upper_bound == 120_000 and result.lower_bound == 40_000


def test_a_deduplicated_count_outside_its_bounds_is_flagged() -> None:
    assert determine(HandlerFacts(THREE, deduplicated=130_000)).count_problem == "above_sum"
    assert determine(HandlerFacts(THREE, deduplicated=30_000)).count_problem == "below_largest"


def test_counts_reached_before_the_measures_were_due_on_14_july_2025() -> None:
    result = determine(HandlerFacts(THREE, reached_before_in_force=True))
    assert result.obligations[0].due == date(2025, 7, 14)


def test_after_filing_one_scenario_ending_is_a_change_filing() -> None:
    ended = (THREE[0], THREE[1], ScenarioFacts("Member payment", 40_000, ended_on=date(2026, 9, 28)))
    result = determine(HandlerFacts(ended, deduplicated=110_000, filed_on=date(2026, 7, 1)))
    initial, change = result.obligations
    assert initial.done
    assert change.kind == "change" and change.scenario == "Member payment"
    assert change.due == date(2026, 11, 13)  # 28 September + 30 working days, National Day week skipped


def test_all_use_ended_is_a_deregistration() -> None:
    ended = tuple(ScenarioFacts(s.name, s.people, ended_on=date(2026, 12, 1)) for s in THREE)
    result = determine(HandlerFacts(ended, filed_on=date(2026, 7, 1)))
    assert result.all_use_ended and not result.filing_required
    [deregistration] = result.obligations
    assert deregistration.kind == "deregistration"
    assert deregistration.due == date(2027, 1, 12) and deregistration.estimated  # 2027 is past the calendar


def test_a_substantive_change_before_the_filing_owes_nothing_more() -> None:
    changed = (ScenarioFacts("Staff attendance", 120_000, changed_on=date(2026, 6, 1)),)
    result = determine(HandlerFacts(changed, filed_on=date(2026, 7, 1)))
    assert [o.kind for o in result.obligations] == ["initial"]
