"""A consultant's dashboard: every client's assessments, filtered, sorted, paginated, in a fixed
number of queries however many rows it shows."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.accounts.dashboard import RATING_LABELS
from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.organisations.models import Organisation
from assessment.scoring import score
from tests.cast import client_for, make_assessment, make_organisation, make_user
from tests.conftest import WizardWalker, complete_answers

pytestmark = pytest.mark.django_db

DASHBOARD = "/dashboard/"


def consultant_with_clients(count: int) -> tuple[User, list[Organisation]]:
    consultant = make_user("chen@consult.example", name="Chen Jing")
    clients = [make_organisation(f"Client {n}", owner=consultant) for n in range(1, count + 1)]
    return consultant, clients


def fill(clients: list[Organisation], total: int, editor: User | None = None) -> None:
    """`total` assessments spread over the clients, with varied ratings and statuses."""
    ratings = ["high", "compliant", "prohibited", "incomplete", ""]
    Assessment.objects.bulk_create(
        Assessment(
            organisation=clients[n % len(clients)],
            answers={"scenario_name": f"Scenario {n:03}"},
            status="complete" if n % 2 else "draft",
            rating=ratings[n % len(ratings)],
            filing_required=bool(n % 3) if ratings[n % len(ratings)] else None,
            updated_by=editor,
        )
        for n in range(total)
    )


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", [DASHBOARD, f"{DASHBOARD}?sort=rating&status=complete", f"{DASHBOARD}?sort=scenario"])
def test_the_number_of_queries_does_not_grow_with_the_rows_shown(url: str) -> None:
    consultant, clients = consultant_with_clients(3)
    client = client_for(consultant)
    fill(clients, 5, editor=consultant)
    few = queries_for(client, url)
    fill(clients, 45, editor=consultant)
    many = queries_for(client, url)
    assert Assessment.objects.count() == 50
    # session, user, memberships, count, one page of rows
    assert few == many <= 6, f"{few} queries for 5 assessments, {many} for 50"


def test_it_lists_every_client_organisation_and_nothing_else() -> None:
    consultant, clients = consultant_with_clients(2)
    make_assessment(clients[0], scenario_name="Lobby gate")
    make_assessment(clients[1], scenario_name="Staff canteen")
    make_assessment(make_organisation("Someone Else"), scenario_name="Secret project")
    page = client_for(consultant).get(DASHBOARD).content.decode()
    assert "Lobby gate" in page and "Staff canteen" in page
    assert "Secret project" not in page and "Someone Else" not in page


def test_each_row_shows_status_rating_filing_and_who_edited_last() -> None:
    consultant, clients = consultant_with_clients(1)
    fill(clients, 1, editor=consultant)
    Assessment.objects.update(rating="high", filing_required=True, status="complete")
    page = client_for(consultant).get(DASHBOARD).content.decode()
    row = page[page.index("<tbody>") : page.index("</tbody>")]
    for text in ("Client 1", "Scenario 000", "Complete", str(RATING_LABELS["high"]), "Yes", "Chen Jing"):
        assert text in row


def test_filters_by_organisation_rating_and_status() -> None:
    consultant, clients = consultant_with_clients(3)
    fill(clients, 30)
    client = client_for(consultant)
    expected = Assessment.objects.filter(organisation=clients[1], rating="high", status="complete")
    url = f"{DASHBOARD}?organisation={clients[1].pk}&rating=high&status=complete"
    page = client.get(url).content.decode()
    shown = sorted(a.answers["scenario_name"] for a in expected)
    assert shown and all(name in page for name in shown)
    assert page.count("<tr>") == len(shown) + 1  # the header row and one per assessment


def test_sorting_by_rating_puts_the_worst_first() -> None:
    consultant, clients = consultant_with_clients(1)
    fill(clients, 5)
    page = client_for(consultant).get(f"{DASHBOARD}?sort=rating").content.decode()
    worst_first = ("prohibited", "high", "incomplete", "compliant")
    order = [page.index(f'rating-{rating}">{RATING_LABELS[rating]}') for rating in worst_first]
    assert order == sorted(order)
    assert 'aria-sort="ascending"' in page


def test_the_newest_edit_comes_first_by_default() -> None:
    consultant, clients = consultant_with_clients(1)
    fill(clients, 3)
    Assessment.objects.filter(answers__scenario_name="Scenario 001").update(updated_at=timezone.now() + timedelta(1))
    page = client_for(consultant).get(DASHBOARD).content.decode()
    assert page.index("Scenario 001") < page.index("Scenario 000")


def test_pages_of_25() -> None:
    consultant, clients = consultant_with_clients(2)
    fill(clients, 60)
    client = client_for(consultant)
    first = client.get(f"{DASHBOARD}?status=draft").content.decode()
    assert "Page 1 of 2" in first and "30 assessments" in first
    assert "status=draft&amp;page=2" in first
    last = client.get(f"{DASHBOARD}?status=draft&page=2").content.decode()
    assert last.count("<tr>") == 5 + 1


@pytest.mark.parametrize("query", ["?page=abc", "?page=999", "?sort=password", "?organisation=99999", "?rating=<x>"])
def test_nonsense_parameters_are_ignored_not_an_error(query: str) -> None:
    consultant, clients = consultant_with_clients(1)
    fill(clients, 2)
    assert client_for(consultant).get(DASHBOARD + query).status_code == 200


def test_someone_without_an_organisation_is_offered_to_create_one() -> None:
    page = client_for(make_user("solo@example.com")).get(DASHBOARD).content.decode()
    assert reverse("accounts:organisation_new") in page


def test_an_anonymous_visitor_is_sent_to_log_in(client: Client) -> None:
    assert client.get(DASHBOARD)["Location"].startswith(reverse("accounts:login"))


def test_the_rating_and_filing_shown_are_stored_when_answers_are_saved(client: Client) -> None:
    consultant, clients = consultant_with_clients(1)
    client.force_login(consultant)
    walker = WizardWalker(client)
    assessment = walker.start()
    answers = complete_answers(org_name="Acme", scenario_name="Gate", sc1_fr_identity="yes", fl1_people_stored=150_000)
    walker.walk(assessment, answers)
    assessment.refresh_from_db()
    result = score(default_catalogue(), assessment.regime, assessment.answers)
    assert result.filing is not None
    assert (assessment.rating, assessment.filing_required) == (result.rating, result.filing.required)
    assert assessment.rating != ""


def test_the_stored_summaries_can_be_recomputed_after_a_rules_update() -> None:
    consultant, clients = consultant_with_clients(1)
    assessment = make_assessment(clients[0])
    assert assessment.rating == ""  # made directly, not through the wizard
    call_command("refresh_summaries", stdout=StringIO())
    assessment.refresh_from_db()
    assert assessment.rating in RATING_LABELS
