"""The handler determination from the database: an organisation's scenarios, its figures and dates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from assessment.assessments.models import Assessment
from assessment.organisations.models import Organisation
from assessment.scoring.handler import HandlerDetermination, HandlerFacts, ScenarioFacts, determine

from .models import HandlerFiling, ScenarioEvent

# Question ids read from the answers (assessment/catalogue/data/questionnaire.toml). The first id
# of each tuple that is answered wins, so the per-scenario ids being added can slot in first.
PEOPLE_IDS = ("fl1_scenario_people", "fl1_people_stored")
REACHED_WHEN_IDS = ("fl_reached_when",)
REACHED_DATE_IDS = ("fl_reached_date",)
FILED_DATE_IDS = ("fl2_filed_date",)
STOPPING_IDS = ("fl5_stopping",)


def _first(answers: dict[str, Any], ids: tuple[str, ...]) -> Any:
    return next((answers[i] for i in ids if answers.get(i) not in (None, "")), None)


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


@dataclass
class Handler:
    organisation: Organisation
    record: HandlerFiling
    scenarios: list[Assessment]
    events: dict[int, ScenarioEvent]
    facts: HandlerFacts
    determination: HandlerDetermination


def scenarios_of(organisation: Organisation) -> list[Assessment]:
    """The handler's facial recognition scenarios: its assessments, latest reassessment only."""
    assessments = list(organisation.assessments.order_by("created_at", "id"))
    replaced = {a.reassessed_from_id for a in assessments if a.reassessed_from_id}
    return [a for a in assessments if a.pk not in replaced]


def load_handler(organisation: Organisation) -> Handler:
    record = HandlerFiling.objects.filter(organisation=organisation).first() or HandlerFiling(organisation=organisation)
    scenarios = scenarios_of(organisation)
    events = {e.assessment_id: e for e in ScenarioEvent.objects.filter(assessment__in=scenarios)}
    facts = handler_facts(record, scenarios, events)
    return Handler(organisation, record, scenarios, events, facts, determine(facts))


def handler_facts(record: HandlerFiling, scenarios: list[Assessment], events: dict[int, ScenarioEvent]) -> HandlerFacts:
    answers = [a.answers for a in scenarios]
    filed_dates = [d for d in (_date(_first(x, FILED_DATE_IDS)) for x in answers) if d]
    reached_dates = [d for d in (_date(_first(x, REACHED_DATE_IDS)) for x in answers) if d]
    return HandlerFacts(
        scenarios=tuple(_scenario(a, events.get(a.pk)) for a in scenarios),
        deduplicated=record.deduplicated_people,
        reached_on=record.reached_on or min(reached_dates, default=None),
        reached_before_in_force=any(_first(x, REACHED_WHEN_IDS) == "before_2025_06_01" for x in answers),
        filed_on=record.filed_on or min(filed_dates, default=None),
    )


def _scenario(assessment: Assessment, event: ScenarioEvent | None) -> ScenarioFacts:
    people = _first(assessment.answers, PEOPLE_IDS)
    return ScenarioFacts(
        name=assessment.scenario_name,
        people=people if isinstance(people, int) else None,
        changed_on=event.changed_on if event else None,
        ended_on=event.ended_on if event else None,
        ending=_first(assessment.answers, STOPPING_IDS) == "yes",
    )
