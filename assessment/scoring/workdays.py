"""Working days on mainland China's official calendar: statutory holidays and adjusted working days.

Deadlines in the law ("within 30 working days", "within 10 working days") count working days as
the State Council's holiday notices set them each year, weekend make-up days included. The
chinesecalendar package carries those notices; past the last year it covers, only weekdays can be
counted, and the date is marked as estimated so that a report never presents a guess as certain.
Pure: the caller gives the start date, nothing here reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar


@dataclass(frozen=True)
class WorkingDayDeadline:
    """A deadline counted in working days; `estimated` when a day fell outside the official calendar."""

    due: date
    estimated: bool


def is_working_day(day: date) -> tuple[bool, bool]:
    """(working day?, estimated?) for one day on the official calendar."""
    try:
        return bool(chinese_calendar.is_workday(day)), False
    except NotImplementedError:
        # A year the calendar does not cover yet: Monday to Friday, flagged as an estimate.
        return day.weekday() < 5, True


def add_working_days(trigger: date, days: int) -> WorkingDayDeadline:
    """The last day of a period of `days` working days counted from the day after `trigger`."""
    if days < 1:
        raise ValueError("a period of working days must be at least one day")
    day, counted, estimated = trigger, 0, False
    while counted < days:
        day += timedelta(days=1)
        working, guessed = is_working_day(day)
        estimated = estimated or guessed
        counted += working
    return WorkingDayDeadline(due=day, estimated=estimated)
