"""The dashboard: every assessment of every organisation of the user, in a constant number of queries.

The rating and the filing determination are read from the Assessment row (kept there by
refresh_summary whenever answers change), never scored here: a page costs the same
queries whether it shows 5 rows or 50, and whether the user has 1 organisation or 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, overload

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.fields.json import KT
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessment.assessments.models import Assessment
from assessment.organisations.models import Membership
from assessment.reports.labels import RATING_LABELS  # the report's own words for ratings

from .forms import choice_field

PAGE_SIZE = 25

# Worst first, so that sorting by rating puts what needs attention at the top; unrated last.
RATING_ORDER = ("prohibited", "high", "medium", "low", "incomplete", "compliant")
RATING_RANK = Case(
    *[When(rating=code, then=Value(rank)) for rank, code in enumerate(RATING_ORDER)],
    default=Value(len(RATING_ORDER)),
    output_field=IntegerField(),
)
SORTS: dict[str, Any] = {
    "organisation": "organisation__name",
    "scenario": "scenario",
    "status": "status",
    "rating": "rating_rank",
    "updated": "updated_at",
}
SORT_CHOICES = [
    ("-updated", _("Last edited, newest first")),
    ("updated", _("Last edited, oldest first")),
    ("rating", _("Rating, worst first")),
    ("-rating", _("Rating, best first")),
    ("organisation", _("Organisation, A to Z")),
    ("-organisation", _("Organisation, Z to A")),
    ("scenario", _("Scenario, A to Z")),
    ("-scenario", _("Scenario, Z to A")),
    ("status", _("Status, complete first")),
    ("-status", _("Status, drafts first")),
]


class DashboardFilterForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False, empty_value=None)
    rating = forms.ChoiceField(
        label=_("Overall rating"),
        required=False,
        choices=[("", _("Any rating")), *[(r, RATING_LABELS[r]) for r in RATING_ORDER], ("none", _("Not rated yet"))],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Assessment.Status.choices]
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, memberships: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "organisation").choices = [
            ("", _("All organisations")),
            *[(m.organisation_id, m.organisation.name) for m in memberships],
        ]

    def choice(self, name: str) -> Any:
        """The value of a field if it is valid, else None: a bad filter is ignored, never an error page."""
        self.is_valid()
        return self.cleaned_data.get(name) if name not in self.errors else None


@dataclass(frozen=True)
class DashboardRow:
    assessment: Assessment
    role: str

    @property
    def may_edit(self) -> bool:
        return self.role in ("owner", "editor")

    @property
    def rating_label(self) -> str:
        return str(RATING_LABELS.get(self.assessment.rating, ""))


def dashboard_assessments(memberships: list[Membership], form: DashboardFilterForm) -> QuerySet[Assessment]:
    """The user's assessments, filtered and sorted as the form asks; only listing columns loaded."""
    assessments = (
        Assessment.objects.filter(organisation_id__in=[m.organisation_id for m in memberships])
        .select_related("organisation", "updated_by")
        .annotate(scenario=KT("answers__scenario_name"), rating_rank=RATING_RANK)
        .defer("answers", "completed_steps")
    )
    if organisation := form.choice("organisation"):
        assessments = assessments.filter(organisation_id=organisation)
    if rating := form.choice("rating"):
        assessments = assessments.filter(rating="" if rating == "none" else rating)
    if status := form.choice("status"):
        assessments = assessments.filter(status=status)
    sort = form.choice("sort") or "-updated"
    field = SORTS[sort.lstrip("-")]
    return assessments.order_by(f"-{field}" if sort.startswith("-") else field, "-id")


@dataclass(frozen=True)
class SortHeader:
    column: str
    query: str
    aria_sort: str  # "ascending", "descending" or "none"


def sort_headers(query: QueryDict, form: DashboardFilterForm) -> dict[str, SortHeader]:
    """For each sortable column: the query that sorts by it (again: reversed) and its aria-sort."""
    current = form.choice("sort") or "-updated"
    headers = {}
    for column in SORTS:
        if current.lstrip("-") == column:
            target = column if current.startswith("-") else f"-{column}"
            aria = "descending" if current.startswith("-") else "ascending"
        else:
            target, aria = ("-updated" if column == "updated" else column), "none"
        params = query.copy()
        params.pop("page", None)
        params["sort"] = target
        headers[column] = SortHeader(column, params.urlencode(), aria)
    return headers


def dashboard_page(memberships: list[Membership], form: DashboardFilterForm, page_number: Any) -> Page[DashboardRow]:
    """One page of rows, each with the user's role in the row's organisation (for its links)."""
    rows = _Rows(dashboard_assessments(memberships, form), {m.organisation_id: m.role for m in memberships})
    return Paginator(rows, PAGE_SIZE).get_page(page_number)


class _Rows:
    """The assessments as rows, for the paginator: a page slices the query (one query per page)."""

    def __init__(self, assessments: QuerySet[Assessment], roles: dict[int | None, str]) -> None:
        self.assessments, self.roles = assessments, roles

    def count(self) -> int:
        return self.assessments.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[DashboardRow]:
        return (self._row(a) for a in self.assessments)

    @overload
    def __getitem__(self, index: int) -> DashboardRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[DashboardRow]: ...
    def __getitem__(self, index: int | slice) -> DashboardRow | list[DashboardRow]:
        if isinstance(index, slice):
            return [self._row(a) for a in self.assessments[index]]
        return self._row(self.assessments[index])

    def _row(self, assessment: Assessment) -> DashboardRow:
        return DashboardRow(assessment, self.roles[assessment.organisation_id])


def overdue_for(memberships: list[Membership], today: date | None = None) -> list[Any]:
    """Open or in-progress actions past their due date, across the user's workspace, soonest due first."""
    from assessment.actions.models import Action

    today = today or timezone.localdate()
    organisations = [m.organisation_id for m in memberships]
    return list(
        Action.objects.filter(
            assessment__organisation_id__in=organisations,
            due_date__lt=today,
            status__in=(Action.Status.OPEN, Action.Status.IN_PROGRESS),
        )
        .select_related("assessment__organisation", "owner")
        .order_by("due_date", "id")[:50]
    )
