"""The dashboard: every assessment of every organisation of the user, in a constant number of queries.

The rating and the filing determination are read from the Assessment row (kept there by
refresh_summary whenever answers change), never scored here: a page costs the same
queries whether it shows 5 rows or 50, and whether the user has 1 organisation or 500.

One row per scenario: a reassessment chain (each reassessment points at the assessment it came
from) is shown by its latest assessment, with the trend of its rating since the one before and
the earlier ones folded under it. The chains of a page are read in one more query.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, overload

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.fields.json import KT
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.i18n import active_language
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


# Risk from worst to best, for the trend; "incomplete" is no level of risk and compares with nothing.
RISK_LEVEL = {"prohibited": 4, "high": 3, "medium": 2, "low": 1, "compliant": 0}
TREND_WORDS: dict[str, Promise] = {
    "improved": _("improved"),
    "worse": _("worse"),
    "unchanged": _("unchanged"),
    "not_comparable": _("not comparable yet"),
}
TREND_ARROWS = {"improved": "↓", "worse": "↑", "unchanged": "=", "not_comparable": ""}


@dataclass(frozen=True)
class Trend:
    """How the rating moved from the assessment a reassessment came from to the reassessment."""

    before: str
    after: str
    direction: str  # improved, worse, unchanged or not_comparable

    @property
    def arrow(self) -> str:
        return TREND_ARROWS[self.direction]

    @property
    def word(self) -> str:
        return str(TREND_WORDS[self.direction])


def rating_trend(before: str, after: str) -> Trend:
    labels = (str(RATING_LABELS.get(before, _("Not rated yet"))), str(RATING_LABELS.get(after, _("Not rated yet"))))
    if before not in RISK_LEVEL or after not in RISK_LEVEL:
        return Trend(*labels, "not_comparable")
    change = RISK_LEVEL[after] - RISK_LEVEL[before]
    return Trend(*labels, "improved" if change < 0 else "worse" if change > 0 else "unchanged")


@dataclass(frozen=True)
class DashboardRow:
    assessment: Assessment
    role: str
    # The earlier assessments of the same scenario, newest first (the one it came from first).
    earlier: tuple[Assessment, ...] = ()

    @property
    def trend(self) -> Trend | None:
        if not self.earlier:
            return None
        return rating_trend(self.earlier[0].rating, self.assessment.rating)

    @property
    def may_edit(self) -> bool:
        return self.role in ("owner", "editor")

    @property
    def rating_label(self) -> str:
        return str(RATING_LABELS.get(self.assessment.rating, ""))

    @property
    def earlier_rows(self) -> list[tuple[Assessment, str]]:
        return [(a, str(RATING_LABELS.get(a.rating, ""))) for a in self.earlier]


def dashboard_assessments(memberships: list[Membership], form: DashboardFilterForm) -> QuerySet[Assessment]:
    """The latest assessment of each of the user's scenarios (an assessment nobody reassessed),
    filtered and sorted as the form asks; only listing columns loaded."""
    assessments = (
        Assessment.objects.filter(organisation_id__in=[m.organisation_id for m in memberships])
        .filter(~Exists(Assessment.objects.filter(reassessed_from=OuterRef("pk"))))
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
        return iter(self._rows(list(self.assessments)))

    @overload
    def __getitem__(self, index: int) -> DashboardRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[DashboardRow]: ...
    def __getitem__(self, index: int | slice) -> DashboardRow | list[DashboardRow]:
        if isinstance(index, slice):
            return self._rows(list(self.assessments[index]))
        return self._rows([self.assessments[index]])[0]

    def _rows(self, assessments: list[Assessment]) -> list[DashboardRow]:
        """The page's rows, each with the earlier assessments of its scenario (one query for all)."""
        earlier = earlier_assessments(assessments)
        return [DashboardRow(a, self.roles[a.organisation_id], earlier.get(a.pk, ())) for a in assessments]


def earlier_assessments(latest: list[Assessment]) -> dict[int, tuple[Assessment, ...]]:
    """For each latest assessment that is a reassessment, the chain it came from, newest first.

    One query whatever the depth: every assessment of the page's organisations that is part of
    some chain (a reassessment, or reassessed), walked back along reassessed_from in Python."""
    if not any(a.reassessed_from_id for a in latest):
        return {}
    organisations = {a.organisation_id for a in latest if a.organisation_id is not None}
    reassessed = Assessment.objects.filter(organisation_id__in=organisations, reassessed_from__isnull=False)
    members = {
        a.pk: a
        for a in Assessment.objects.filter(organisation_id__in=organisations)
        .filter(Q(reassessed_from__isnull=False) | Q(pk__in=reassessed.values("reassessed_from_id")))
        .only("pk", "token", "status", "rating", "created_at", "completed_at", "reassessed_from_id")
    }
    chains = {}
    for head in latest:
        chain, seen, parent = [], {head.pk}, head.reassessed_from_id
        while parent in members and parent not in seen:  # `seen` guards against a corrupted loop
            seen.add(parent)
            chain.append(members[parent])
            parent = members[parent].reassessed_from_id
        if chain:
            chains[head.pk] = tuple(chain)
    return chains


@dataclass(frozen=True)
class OverdueAction:
    action: Any  # assessment.actions.models.Action
    finding: str  # the rule's title in the page's language
    url: str  # the action on its assessment's action plan


def overdue_for(memberships: list[Membership], today: date | None = None) -> list[OverdueAction]:
    """Open or in-progress actions past their due date, across the user's workspace, soonest due first.

    Only actions of the latest assessment of a scenario: a reassessment carries its actions over,
    so the earlier assessment's copy of the same action is history, not a second task."""
    from assessment.actions.models import Action

    today = today or timezone.localdate()
    organisations = [m.organisation_id for m in memberships]
    actions = (
        Action.objects.filter(
            assessment__organisation_id__in=organisations,
            due_date__lt=today,
            status__in=(Action.Status.OPEN, Action.Status.IN_PROGRESS),
        )
        .filter(~Exists(Assessment.objects.filter(reassessed_from=OuterRef("assessment_id"))))
        .select_related("assessment__organisation", "owner")
        .order_by("due_date", "id")[:50]
    )
    language = active_language()
    rules = {rule.id: rule for rule in default_catalogue().rules}
    return [
        OverdueAction(
            action,
            rules[action.rule_id].title.get(language) if action.rule_id in rules else action.rule_id,
            reverse("actions:plan", args=[action.assessment.token]) + f"#action-{action.pk}",
        )
        for action in actions
    ]
