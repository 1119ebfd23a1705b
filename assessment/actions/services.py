"""The write path of tracked actions (never of the assessment itself).

An action is changed only by update_action: in one transaction over the row as stored now, written
with a compare-and-swap on `version` (as assessments.services.record_answers does for answers), with
only the changed columns, and a change note in the action's thread saying who changed what. A page
built from an older version whose values clash with what is stored now gets StaleAction, so two
people editing one action never silently overwrite each other.
"""

from __future__ import annotations

import random
import time
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.assessments.models import Assessment
from assessment.organisations.models import ClientAssignment, Membership, Organisation, Role
from assessment.scoring.result import Result

from .models import Action, Comment

# What survives into a reassessment: the work and its decision, not its comments (those stay with
# the assessment they were written on).
CARRIED = ("owner_id", "due_date", "status", "justification")
EDITABLE = ("owner", "due_date", "status", "justification")
ATTEMPTS = 60  # as assessments.services: a writer that finds SQLite locked tries again
_ATTNAMES = {f.name: f.attname for f in Action._meta.concrete_fields}


class StaleAction(Exception):
    """The action changed since the page was loaded, and the page's values differ from it."""

    def __init__(self, stored: Action) -> None:
        super().__init__(f"action {stored.pk} is at version {stored.version}")
        self.stored = stored


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
            action.save(update_fields=[*CARRIED, "updated_at"])
    return actions


def owner_candidates(organisation: Organisation | None) -> list[User]:
    """Who may own an action of the organisation's assessments: its own members and, for a client,
    the consultancy's members who reach it (the rule of organisations.access.effective_role: every
    member while the client is open; once it is restricted, the owners and the members named on it)."""
    if organisation is None:
        return []
    ids = set(Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True))
    consultancy = organisation.managed_by
    if consultancy is not None and consultancy.kind == Organisation.Kind.CONSULTANCY:
        staff = Membership.objects.filter(organisation=consultancy)
        named = set(ClientAssignment.objects.filter(client=organisation).values_list("user_id", flat=True))
        if named:
            staff = staff.filter(Q(role=Role.OWNER) | Q(user_id__in=named))
        ids |= set(staff.values_list("user_id", flat=True))
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("first_name", "last_name", "email"))


def person_name(user: User | None) -> str:
    return "" if user is None else (user.get_full_name() or user.email)


def _noted(action: Action, field: str) -> Any:
    """A field's value as a change note keeps it: plain JSON, readable after the owner is gone."""
    if field == "owner":
        return person_name(action.owner)
    if field == "due_date":
        return action.due_date.isoformat() if action.due_date else ""
    return getattr(action, field)


def _same(action: Action, field: str, value: Any) -> bool:
    if field == "owner":
        return action.owner_id == (value.pk if value is not None else None)
    return bool(getattr(action, field) == value)


def _check_owner(row: Action, owner: User | None) -> None:
    if owner is not None and owner.pk not in {u.pk for u in owner_candidates(row.assessment.organisation)}:
        raise ValidationError(
            {"owner": _("The owner must be someone who works on this organisation's assessments.")},
            code="not_a_member",
        )


def update_action(action: Action, actor: User | None = None, seen_version: int | None = None, **changes: Any) -> Action:
    """Set some of owner, due date, status and justification; `action` is updated in place.

    `seen_version` is the version the page was built from: if the row has moved on since and a
    value given differs from what is stored now, nothing is written and StaleAction says so.
    Raises ValidationError (accepting a risk without a written justification, an owner who does
    not work on the organisation) with nothing written.
    """
    for field in changes:
        if field not in EDITABLE:
            raise ValueError(f"not an action field: {field}")
    for attempt in range(ATTEMPTS):
        try:
            row = _apply(action.pk, actor, seen_version, changes)
            break
        except OperationalError as error:
            # SQLite refuses a second writer rather than queueing it: wait a moment and read again
            # (the other write is then seen, and judged against `seen_version`).
            if "locked" not in str(error) or attempt == ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0.002, 0.01) * (1 + attempt % 8))
    for field in (*EDITABLE, "updated_by", "updated_at", "version"):
        setattr(action, field, getattr(row, field))
    return action


@transaction.atomic
def _apply(action_id: int, actor: User | None, seen_version: int | None, changes: dict[str, Any]) -> Action:
    row = (  # lock the action row only: its owner and organisation may be absent (outer joins)
        Action.objects.select_for_update(of=("self",))
        .select_related("owner", "assessment__organisation")
        .get(pk=action_id)
    )
    changed = {field: value for field, value in changes.items() if not _same(row, field, value)}
    if not changed:
        return row
    if seen_version is not None and seen_version != row.version:
        raise StaleAction(row)
    if "owner" in changed:
        _check_owner(row, changed["owner"])
    before = {field: _noted(row, field) for field in changed}
    for field, value in changed.items():
        setattr(row, field, value)
    row.full_clean(validate_unique=False, validate_constraints=False)
    _swap(row, changed, actor)
    Comment.objects.create(
        action=row,
        author=actor if actor is not None and actor.is_authenticated else None,
        changes={field: [before[field], _noted(row, field)] for field in changed},
    )
    return row


def _swap(row: Action, changed: dict[str, Any], actor: User | None) -> None:
    """Write the changed columns only if the version is still the one read (SQLite has no row locks)."""
    read = row.version
    row.version = read + 1
    row.updated_at = timezone.now()
    row.updated_by = actor if actor is not None and actor.is_authenticated else None
    columns = {_ATTNAMES[field] for field in changed} | {"updated_at", "updated_by_id"}
    won = Action.objects.filter(pk=row.pk, version=read).update(
        version=F("version") + 1, **{column: getattr(row, column) for column in columns}
    )
    if not won:
        raise StaleAction(Action.objects.select_related("owner").get(pk=row.pk))


def add_comment(action: Action, author: User | None, text: str) -> Comment:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write something to add a comment.")}, code="empty")
    return Comment.objects.create(action=action, author=author, text=text)


def overdue_actions(assessments: list[Assessment], today: date) -> list[Action]:
    return [
        action
        for action in Action.objects.filter(assessment__in=assessments, due_date__lt=today).select_related(
            "assessment", "owner"
        )
        if action.is_overdue(today)
    ]
