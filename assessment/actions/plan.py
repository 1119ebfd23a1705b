"""The action-plan page's rows: each finding of the assessment with its tracked action, its
comments and change notes in the reader's language, and (for those who may edit) its forms."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.catalogue.model import LIST_SEPARATOR, Catalogue
from assessment.reports.labels import SEVERITY_LABELS
from assessment.scoring.citations import format_citation
from assessment.scoring.result import Result

from .forms import ActionForm, CommentForm
from .models import Action, Comment
from .services import person_name

FIELD_LABELS: dict[str, Promise] = {
    "owner": pgettext_lazy("person responsible for an action", "Owner"),
    "due_date": _("Due date"),
    "status": _("Status"),
    "justification": _("Justification"),
}


@dataclass(frozen=True)
class Note:
    """One entry of an action's thread: a comment, or a change note (field, before, after)."""

    comment: Comment
    who: str
    changes: list[tuple[str, str, str]]


@dataclass
class PlanRow:
    rule_id: str
    title: str
    severity: str
    severity_code: str
    citations: str  # joined with the language's own separator
    remediation: str
    action: Action | None
    notes: list[Note] = field(default_factory=list)
    form: ActionForm | None = None
    comment_form: CommentForm | None = None
    conflict: Action | None = None  # what is stored now, when this visitor's save clashed with it
    overdue: bool = False


def _shown(field_name: str, value: Any) -> str:
    if field_name == "status" and value in Action.Status.values:
        return str(Action.Status(value).label)
    return str(value or "")


def _notes(action: Action) -> list[Note]:
    notes = []
    for comment in action.comments.all():
        changes = [
            (str(FIELD_LABELS.get(name, name)), _shown(name, before), _shown(name, after))
            for name, (before, after) in (comment.changes or {}).items()
        ]
        who = person_name(comment.author) or str(_("Someone with the link"))
        notes.append(Note(comment, who, changes))
    return notes


def status_counts(rows: list[PlanRow]) -> list[tuple[str, str, int]]:
    """(status code, label, how many actions have it), every status listed, for the plan's summary."""
    codes = [row.action.status if row.action else Action.Status.OPEN for row in rows]
    return [(status.value, str(status.label), codes.count(status.value)) for status in Action.Status]


def plan_rows(
    catalogue: Catalogue,
    result: Result,
    actions: list[Action],
    language: str,
    candidates: list[User] | None,
    bound: dict[int, Any] | None = None,
    today: date | None = None,
) -> list[PlanRow]:
    """One row per finding, in the report's order. `candidates` is None for a reader who may not
    edit (no forms); `bound` maps an action id to the form to show instead of a fresh one (the
    one just posted, with its errors) or to a StaleAction."""
    by_rule = {action.rule_id: action for action in actions}
    bound = bound or {}
    rows = []
    for finding in result.findings:
        action = by_rule.get(finding.rule.id)
        row = PlanRow(
            rule_id=finding.rule.id,
            title=finding.rule.title.get(language),
            severity=str(SEVERITY_LABELS[finding.severity]),
            severity_code=finding.severity,
            citations=LIST_SEPARATOR.get(language).join(
                format_citation(catalogue, c, language) for c in finding.citations
            ),
            remediation=finding.rule.remediation.get(language),
            action=action,
        )
        if action is not None:
            row.notes = _notes(action)
            row.overdue = today is not None and action.is_overdue(today)
            if candidates is not None:
                posted = bound.get(action.pk, {})
                row.form = posted.get("form") or ActionForm(action=action, candidates=candidates)
                row.comment_form = posted.get("comment_form") or CommentForm(action=action)
                row.conflict = posted.get("conflict")
        rows.append(row)
    return rows
