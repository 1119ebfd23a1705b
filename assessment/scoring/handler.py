"""The filing determination of one handler across all its facial recognition scenarios.

Measures Art 15 puts the filing duty on the handler, not on a scenario: when the face information
it stores reaches 100,000 individuals, counted across every scenario with duplicates removed (the
practice the CAC announcement of 2025-05-28 and the provincial notices follow), it files within 30
working days with the provincial cyberspace administration. A substantive change to what was filed
is filed within 30 working days of the change; when all facial recognition use ends the filing is
cancelled within 30 working days and the face information disposed of according to law.

Pure: the caller gives every date; nothing here reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .workdays import add_working_days

FILING_THRESHOLD = 100_000
FILING_WORKING_DAYS = 30
MEASURES_IN_FORCE = date(2025, 6, 1)
# Handlers already at 100,000 before the Measures took effect file by this date (announcement).
EXISTING_HANDLERS_DUE = date(2025, 7, 14)


@dataclass(frozen=True)
class ScenarioFacts:
    """One scenario (one assessment) as the handler determination needs it."""

    name: str
    people: int | None
    changed_on: date | None = None  # the day of a substantive change to what was filed
    ended_on: date | None = None  # the day facial recognition use in this scenario ended
    ending: bool = False  # the answers say the use has stopped or is stopping (date maybe unknown)

    @property
    def active(self) -> bool:
        return self.ended_on is None and not self.ending


@dataclass(frozen=True)
class HandlerFacts:
    scenarios: tuple[ScenarioFacts, ...]
    deduplicated: int | None = None  # distinct people across all scenarios, as the handler counts them
    reached_on: date | None = None  # the day the stored count reached 100,000
    reached_before_in_force: bool = False  # reached before 2025-06-01 (date not needed then)
    filed_on: date | None = None


@dataclass(frozen=True)
class Obligation:
    """A filing the handler owes: kind is "initial", "change" or "deregistration"."""

    kind: str
    trigger: date | None
    due: date | None
    estimated: bool
    scenario: str = ""
    done: bool = False


@dataclass(frozen=True)
class HandlerDetermination:
    upper_bound: int  # the sum over scenarios still in use: no de-duplicated count can exceed it
    lower_bound: int  # the largest scenario: no de-duplicated count can be below it
    people: int  # the figure the determination uses
    count_is_upper_bound: bool  # no de-duplicated count given, so the sum was used
    count_problem: str  # "", "above_sum" or "below_largest"
    missing_counts: tuple[str, ...]  # scenarios whose number of people is not answered
    filing_required: bool
    filed: bool
    all_use_ended: bool
    obligations: tuple[Obligation, ...]


def _deadline(trigger: date | None) -> tuple[date | None, bool]:
    if trigger is None:
        return None, False
    deadline = add_working_days(trigger, FILING_WORKING_DAYS)
    return deadline.due, deadline.estimated


def initial_deadline(reached_on: date | None, before_in_force: bool) -> tuple[date | None, bool]:
    """Due date of the first filing: 2025-07-14 for counts reached before 2025-06-01, else 30 working days."""
    if before_in_force or (reached_on is not None and reached_on < MEASURES_IN_FORCE):
        return EXISTING_HANDLERS_DUE, False
    return _deadline(reached_on)


def determine(facts: HandlerFacts) -> HandlerDetermination:
    """One filing determination for the handler, with the filings it owes and their deadlines."""
    active = [s for s in facts.scenarios if s.active]
    counted = [s.people for s in active if s.people is not None]
    upper, lower = sum(counted), max(counted, default=0)
    missing = tuple(s.name for s in facts.scenarios if s.people is None)
    all_ended = bool(facts.scenarios) and not active
    people = 0 if all_ended else (upper if facts.deduplicated is None else facts.deduplicated)
    filing_required = people >= FILING_THRESHOLD and not all_ended
    return HandlerDetermination(
        upper_bound=upper,
        lower_bound=lower,
        people=people,
        count_is_upper_bound=facts.deduplicated is None,
        count_problem=_count_problem(facts, upper, lower, missing, all_ended),
        missing_counts=missing,
        filing_required=filing_required,
        filed=facts.filed_on is not None,
        all_use_ended=all_ended,
        obligations=_obligations(facts, filing_required, all_ended),
    )


def _count_problem(facts: HandlerFacts, upper: int, lower: int, missing: tuple[str, ...], all_ended: bool) -> str:
    """A de-duplicated count cannot exceed the sum of the scenarios, nor fall below the largest."""
    if facts.deduplicated is None or all_ended:
        return ""
    if facts.deduplicated > upper and not missing:
        return "above_sum"
    if facts.deduplicated < lower:
        return "below_largest"
    return ""


def _obligations(facts: HandlerFacts, filing_required: bool, all_ended: bool) -> tuple[Obligation, ...]:
    """The first filing, then (once filed) a deregistration when all use ended, or change filings."""
    filed = facts.filed_on is not None
    obligations: list[Obligation] = []
    if filing_required:
        due, estimated = initial_deadline(facts.reached_on, facts.reached_before_in_force)
        obligations.append(Obligation("initial", facts.reached_on, due, estimated, done=filed))
    if not filed:
        return tuple(obligations)
    if all_ended:
        ends = [s.ended_on for s in facts.scenarios if s.ended_on is not None]
        last = max(ends) if len(ends) == len(facts.scenarios) else None
        due, estimated = _deadline(last)
        return (*obligations, Obligation("deregistration", last, due, estimated))
    for scenario in facts.scenarios:
        # A scenario that ends while others go on changes what was filed; so does a
        # substantive change to a scenario still in use.
        trigger = scenario.ended_on if not scenario.active else scenario.changed_on
        if trigger is None and not scenario.ending:
            continue
        if trigger is not None and facts.filed_on is not None and trigger < facts.filed_on:
            continue
        due, estimated = _deadline(trigger)
        obligations.append(Obligation("change", trigger, due, estimated, scenario=scenario.name))
    return tuple(obligations)
