"""The services that change an assessment: the only code that writes its row.

Every write is a compare-and-swap on `version`: the change is worked out on the row as read
(scoring included, outside any transaction), then written with `UPDATE ... WHERE version = <read>`
in one short transaction with the audit events of what was stored. A writer that loses the swap
reads the row again and re-applies its change, so two people saving two steps at once both keep
their answers, and nothing is ever written from a stale read. The transaction holds the database's
write lock (SQLite) or the row's (PostgreSQL) only for the two statements, not for the scoring:
under load the writers queue for milliseconds, not for the length of a request. Only the fields
a write changes are written.

A page carries the version and the step's values it was built from ("seen"). When the row has
moved on since, a three-way merge decides per question: a value this visitor did not touch
keeps what is stored; a value only this visitor changed is stored; a value both changed
differently is a conflict (StaleAnswers) that the visitor resolves, nothing being overwritten.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import random
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from assessment.audit.models import AuditEvent
from assessment.audit.record import record_assessment_changes, record_event
from assessment.catalogue import default_catalogue
from assessment.catalogue.flow import next_shown_step, prune_hidden, shown_steps
from assessment.organisations.models import Organisation

from .models import Assessment
from .signals import assessment_completed, assessment_reassessed
from .summary import refresh_summary

logger = logging.getLogger(__name__)
T = TypeVar("T")

# A writer that loses the compare-and-swap, or finds SQLite locked, tries again this many times.
ATTEMPTS = 60
_ATTNAMES = {f.name: f.attname for f in Assessment._meta.concrete_fields}
ANSWER_FIELDS = ["answers", "completed_steps", "rating", "filing_required", "updated_at", "updated_by"]


class AssessmentGone(Exception):
    """The assessment was deleted (or never existed): nothing was saved, and it stays deleted."""


class WriteContention(Exception):
    """The row kept changing under this writer; nothing was saved (practically never happens)."""


@dataclass(frozen=True)
class Conflict:
    """One question changed by someone else since the page was loaded, and differently here."""

    question_id: str
    mine: Any
    theirs: Any


class StaleAnswers(Exception):
    """The page was built from an older version and some of its answers clash with newer ones."""

    def __init__(self, conflicts: list[Conflict], version: int, stored: dict[str, Any]) -> None:
        super().__init__(", ".join(c.question_id for c in conflicts))
        self.conflicts = conflicts
        self.version = version
        self.stored = stored


@dataclass(frozen=True)
class Seen:
    """What a page showed: the row's version and the values of the questions on it."""

    version: int
    answers: Mapping[str, Any]


@dataclass
class _Change:
    fields: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    before: dict[str, Any] = field(default_factory=dict)


def user_id_of(user: Any) -> int | None:
    """The id of a signed-in user; None for an anonymous visitor (or no user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return int(user.pk)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _write(
    assessment_id: int, change: Callable[[Assessment], _Change], actor: Any, current: Assessment | None = None
) -> Assessment:
    """Apply `change` to the row and swap it in; retried on a fresh read whenever another write got there first.

    `current` is the row as the caller has just read it (the view's): tried first, it saves a read.
    """
    for attempt in range(ATTEMPTS):
        snapshot = current if attempt == 0 else None
        try:
            row = _stored(assessment_id) if snapshot is None else copy.copy(snapshot)
            read_version = row.version
            planned = change(row)
            if not planned.fields:
                if snapshot is None:
                    return row
                continue  # nothing to change in the caller's copy: decide again on what is stored now
            row.version = read_version + 1
            if _swap(row, read_version, planned, actor):
                return row
        except OperationalError as error:
            # SQLite refuses a second writer rather than queueing it: wait a moment and retry.
            if "locked" not in str(error):
                raise
        time.sleep(random.uniform(0.002, 0.01) * (1 + attempt % 8))
    raise WriteContention(assessment_id)


def _stored(assessment_id: int) -> Assessment:
    row = Assessment.objects.filter(pk=assessment_id).first()
    if row is None:
        raise AssessmentGone(assessment_id)
    return row


def _swap(row: Assessment, read_version: int, planned: _Change, actor: Any) -> bool:
    """The compare-and-swap, with the audit events of what it stored, in one short transaction."""
    columns = {_ATTNAMES[name] for name in [*planned.fields, "version"]}
    with transaction.atomic():
        won = Assessment.objects.filter(pk=row.pk, version=read_version).update(
            **{column: getattr(row, column) for column in columns}
        )
        if won:
            record_assessment_changes(row.pk, user_id_of(actor), planned.before, row.answers, planned.kinds)
    return bool(won)


def _merge(stored: Mapping[str, Any], mine: Mapping[str, Any], seen: Seen | None, version: int) -> dict[str, Any]:
    """The step's answers to apply: a three-way merge when the page is older than the row."""
    if seen is None or seen.version == version:
        return dict(mine)
    merged: dict[str, Any] = {}
    conflicts = []
    for qid, value in mine.items():
        was, theirs = seen.answers.get(qid), stored.get(qid)
        if theirs == was or value == theirs:
            merged[qid] = value
        elif value == was:
            continue  # untouched here, changed by someone else: theirs stays
        else:
            conflicts.append(Conflict(qid, value, theirs))
    if conflicts:
        raise StaleAnswers(conflicts, version, dict(stored))
    return merged


def record_answers(
    assessment_id: int,
    step: str,
    answers: Mapping[str, Any],
    actor: Any,
    seen: Seen | None = None,
    *,
    finished_step: bool = True,
    current: Assessment | None = None,
) -> Assessment:
    """Merge one step's answers (None: blank) into the stored answers; the one write path for answers.

    Hidden answers are pruned, sections no longer shown leave the completed list, the summary is
    re-scored, a completed assessment is reopened, and every stored change is audited. A finished
    step also moves where to resume to the next step that applies, in the same write. `current`:
    the row as the caller just read it, tried first. Raises StaleAnswers (nothing saved) or AssessmentGone.
    """

    def change(row: Assessment) -> _Change:
        merged = _merged_answers(row, answers, seen)
        planned = _Change(before=dict(row.answers))
        _plan_completed_steps(row, planned, merged, step if finished_step else None)
        if merged != row.answers:
            _plan_answers(row, planned, merged, actor)
        if planned.fields and finished_step:
            _plan_resume_after(row, planned, step)
        return planned

    return _write(assessment_id, change, actor, current)


def _merged_answers(row: Assessment, answers: Mapping[str, Any], seen: Seen | None) -> dict[str, Any]:
    """The stored answers with this step's merged in (None removes one), hidden ones pruned."""
    stored = dict(row.answers)
    mine = _merge(stored, answers, seen, row.version)
    merged = {**stored, **{qid: v for qid, v in mine.items() if v is not None}}
    for qid, value in mine.items():
        if value is None:
            merged.pop(qid, None)
    return prune_hidden(default_catalogue(), merged)


def _plan_completed_steps(row: Assessment, planned: _Change, answers: dict[str, Any], finished: str | None) -> None:
    """The finished step joins the completed list; a step the answers no longer show leaves it."""
    catalogue = default_catalogue()
    completed = list(row.completed_steps)
    if finished and finished not in completed:
        completed.append(finished)
    shown = {s.id for s in shown_steps(catalogue, answers)}
    completed = [s for s in completed if s in shown]
    if completed != row.completed_steps:
        row.completed_steps = completed
        planned.fields.append("completed_steps")


def _plan_answers(row: Assessment, planned: _Change, answers: dict[str, Any], actor: Any) -> None:
    """New answers: stored, re-scored, "last edited" moved; a completed assessment reopens."""
    row.answers = answers
    row.updated_at = timezone.now()
    row.updated_by = actor if user_id_of(actor) else None
    refresh_summary(row)
    planned.fields = list(ANSWER_FIELDS)
    if row.is_complete:
        row.status, row.completed_at = Assessment.Status.DRAFT, None
        planned.fields += ["status", "completed_at"]
        planned.kinds.append(AuditEvent.Kind.REOPENED)


def _plan_resume_after(row: Assessment, planned: _Change, step: str) -> None:
    # Written with the answers rather than by a second write after them; on its own a position is
    # not an edit (note_position), so this rides only on a write that happens anyway.
    resume_at = next_shown_step(default_catalogue(), step, row.answers)
    if resume_at and resume_at != row.current_step:
        row.current_step = resume_at
        planned.fields.append("current_step")


def note_position(assessment_id: int, step: str) -> None:
    """Remember the step last shown, to resume there: not an edit (no version, no 'last edited')."""
    Assessment.objects.filter(pk=assessment_id).exclude(current_step=step).update(current_step=step)


def create_assessment(regime: str, organisation: Organisation | None, actor: Any) -> tuple[Assessment, str]:
    """A new draft, and the secret that lets its creator (and only them) claim it later."""
    catalogue = default_catalogue()
    if regime not in catalogue.regime_ids:
        raise ValueError(f"unknown regime {regime!r}")
    secret = secrets.token_urlsafe(24)
    user = actor if user_id_of(actor) else None
    assessment = Assessment.objects.create(
        regime=regime,
        catalogue_version=catalogue.version,
        organisation=organisation,
        created_by=user,
        updated_by=user,
        creator_secret_hash=secret_hash(secret),
    )
    return assessment, secret


def complete_assessment(assessment_id: int, actor: Any, current: Assessment | None = None) -> Assessment:
    """Mark the assessment complete against the current catalogue (its answers are unchanged)."""

    completed_now: list[bool] = []

    def change(row: Assessment) -> _Change:
        completed_now.clear()  # an attempt that lost the swap completed nothing
        if row.is_complete:
            return _Change()
        row.status, row.completed_at = Assessment.Status.COMPLETE, timezone.now()
        row.catalogue_version = default_catalogue().version
        completed_now.append(True)
        return _Change(
            fields=["status", "completed_at", "catalogue_version"],
            kinds=[AuditEvent.Kind.COMPLETED],
            before=dict(row.answers),
        )

    row = _write(assessment_id, change, actor, current)
    if completed_now:
        transaction.on_commit(lambda: assessment_completed.send(Assessment, assessment=row, actor=actor))
    return row


def reopen_assessment(assessment_id: int, actor: Any) -> Assessment:
    """Back to draft, keeping the answers."""

    def change(row: Assessment) -> _Change:
        if not row.is_complete:
            return _Change()
        row.status, row.completed_at = Assessment.Status.DRAFT, None
        return _Change(fields=["status", "completed_at"], kinds=[AuditEvent.Kind.REOPENED], before=dict(row.answers))

    return _write(assessment_id, change, actor)


def claim_assessments(
    tokens: list[str], organisation: Organisation, actor: Any, creator_secrets: Mapping[str, str]
) -> list[Assessment]:
    """Move anonymous assessments into an organisation; only their creator's secret can do it.

    A conditional UPDATE: of two claims at once one wins, and a later save of answers never
    writes the organisation, so a claim is never undone.
    """
    claimed = []
    for assessment in _retrying(lambda: list(Assessment.objects.filter(token__in=tokens, organisation__isnull=True))):
        secret = creator_secrets.get(assessment.token)
        if not secret or not assessment.creator_secret_hash:
            continue
        if _retrying(partial(_claim_one, assessment, organisation, actor, secret)):
            assessment.organisation = organisation
            claimed.append(assessment)
    return claimed


def _claim_one(assessment: Assessment, organisation: Organisation, actor: Any, secret: str) -> bool:
    with transaction.atomic():
        won = Assessment.objects.filter(
            pk=assessment.pk, organisation__isnull=True, creator_secret_hash=secret_hash(secret)
        ).update(organisation=organisation, version=F("version") + 1)
        if won:
            record_event(AuditEvent.Kind.CLAIMED, user_id_of(actor), assessment_id=assessment.pk)
        return bool(won)


def _retrying(work: Callable[[], T]) -> T:
    """Run `work`, again after a moment whenever SQLite reports its database locked."""
    for attempt in range(ATTEMPTS):
        try:
            return work()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
        time.sleep(random.uniform(0.002, 0.01) * (1 + attempt % 8))
    raise WriteContention("database stayed locked")


@transaction.atomic
def reassess(assessment: Assessment, actor: Any) -> tuple[Assessment, str]:
    """A new draft of the same scenario with the answers carried over, linked to the original."""
    catalogue = default_catalogue()
    secret = secrets.token_urlsafe(24)
    user = actor if user_id_of(actor) else None
    new = Assessment(
        organisation=assessment.organisation,
        regime=assessment.regime,
        catalogue_version=catalogue.version,
        answers=prune_hidden(catalogue, dict(assessment.answers)),
        completed_steps=list(assessment.completed_steps),
        created_by=user,
        updated_by=user,
        reassessed_from=assessment,
        creator_secret_hash=secret_hash(secret),
    )
    refresh_summary(new)
    new.save()
    record_event(AuditEvent.Kind.REASSESSED, user_id_of(actor), assessment_id=new.pk)
    # In the same transaction: tracked actions carried over are part of the new assessment.
    assessment_reassessed.send(Assessment, previous=assessment, reassessment=new, actor=actor)
    return new, secret


@transaction.atomic
def delete_assessment(assessment_id: int, actor: Any) -> None:
    """Delete the assessment with its answers, history and cached reports (all by CASCADE).

    The row is locked first, so a save running at the same time either finishes before or finds
    nothing (AssessmentGone): a deleted assessment never comes back. The organisation keeps one
    event saying that an assessment was deleted, by whom and when, and nothing it contained.
    """
    row = Assessment.objects.select_for_update().filter(pk=assessment_id).first()
    if row is None:
        return
    if row.organisation_id is not None:
        record_event(AuditEvent.Kind.DELETED, user_id_of(actor), organisation_id=row.organisation_id)
    row.delete()


@transaction.atomic
def delete_organisation(organisation: Organisation, actor: Any) -> None:
    """Delete the organisation, its memberships, invitations, assessments and all their history."""
    logger.info("organisation %s deleted by user %s", organisation.pk, user_id_of(actor))
    organisation.delete()
