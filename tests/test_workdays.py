"""Deadlines in working days follow China's official calendar, holidays and make-up days included."""

from __future__ import annotations

from datetime import date

import pytest

from assessment.scoring.workdays import add_working_days


def test_thirty_working_days_from_the_filing_announcement() -> None:
    # Measures in force 2025-06-01, on the Dragon Boat holiday (31 May - 2 June 2025): 30 working
    # days end on 14 July 2025, the date the CAC's filing announcement names.
    deadline = add_working_days(date(2025, 5, 31), 30)
    assert deadline.due == date(2025, 7, 14)
    assert not deadline.estimated


def test_the_national_day_week_is_skipped_and_its_make_up_saturday_counts() -> None:
    # 2025: 1-8 October off; Sunday 28 September and Saturday 11 October are working days.
    assert add_working_days(date(2025, 9, 26), 1).due == date(2025, 9, 28)
    assert add_working_days(date(2025, 9, 30), 1).due == date(2025, 10, 9)
    assert add_working_days(date(2025, 9, 30), 3).due == date(2025, 10, 11)


def test_ten_working_days_across_a_weekend() -> None:
    assert add_working_days(date(2025, 11, 7), 10).due == date(2025, 11, 21)


def test_past_the_official_calendar_weekdays_are_counted_and_the_date_is_an_estimate() -> None:
    deadline = add_working_days(date(2026, 12, 28), 30)
    assert deadline.estimated
    assert deadline.due.weekday() < 5


def test_a_period_of_no_days_is_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2025, 1, 1), 0)
