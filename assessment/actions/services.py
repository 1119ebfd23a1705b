"""The write path of tracked actions (never of the assessment itself)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from assessment.assessments.models import Assessment
from assessment.scoring.result import Result

from .models import Action, Comment

# What survives into a reassessment: the work and its decision, not its comments (those stay with
# the assessment they were written on).
CARRIED = ("owner_id", "due_date", "status", "justification")


@transaction.atomic
def sync_actions(assessment: Assessment, result: Result) -> list[Action]:
    """One action per finding of the result, in the result's order; actions of findings that no
    longer fire are kept (their history matters) but not returned."""
    existing = {action.rule_id: action for action in Action.objects.filter(assessment=assessment)}
    actions = []
    for finding in result.findings:
        action = existing.get(finding.rule.id)
        if action is None:
            action = Action.objects.create(assessment=assessment, rule_id=finding.rule.id)
        actions.append(action)
    return actions


@transaction.atomic
def carry_over(previous: Assessment, reassessment: Assessment, result: Result) -> list[Action]:
    """A reassessment's actions, each taking owner, due date, status and justification from the
    action of the same rule on the assessment it came from."""
    before = {action.rule_id: action for action in Action.objects.filter(assessment=previous)}
    actions = sync_actions(reassessment, result)
    for action in actions:
        source = before.get(action.rule_id)
        if source is not None:
            for field in CARRIED:
                setattr(action, field, getattr(source, field))
            action.save()
    return actions


def update_action(action: Action, **changes: object) -> Action:
    for field, value in changes.items():
        if field not in ("owner", "due_date", "status", "justification"):
            raise ValueError(f"not an action field: {field}")
        setattr(action, field, value)
    action.full_clean()
    action.save()
    return action


def add_comment(action: Action, author: User | None, text: str) -> Comment:
    return Comment.objects.create(action=action, author=author, text=text.strip())


def overdue_actions(assessments: list[Assessment], today: date) -> list[Action]:
    return [
        action
        for action in Action.objects.filter(assessment__in=assessments, due_date__lt=today).select_related(
            "assessment", "owner"
        )
        if action.is_overdue(today)
    ]
