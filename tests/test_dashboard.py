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
    # session, user, memberships, count, one page of rows, overdue actions
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
    assert "Page 1 of 2" in first and "30 scenarios" in first
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


# --- Scenarios over time: a reassessment chain is one row, with its trend -----------------------


def chain(client_org: Organisation, name: str, ratings: list[str]) -> list[Assessment]:
    """A scenario assessed once per rating given, each a reassessment of the one before, a year apart."""
    chain: list[Assessment] = []
    for year, rating in enumerate(ratings, start=2024):
        chain.append(
            Assessment.objects.create(
                organisation=client_org,
                answers={"scenario_name": name},
                status="complete",
                rating=rating,
                reassessed_from=chain[-1] if chain else None,
                completed_at=timezone.make_aware(timezone.datetime(year, 3, 1, 10)),
            )
        )
    return chain


def row_of(page: str, scenario: str) -> str:
    rows = page[page.index("<tbody>") : page.index("</tbody>")].split("<tr>")
    (row,) = [r for r in rows if f"{scenario}\n" in r or f"{scenario}<" in r]
    return row


def test_a_reassessment_chain_is_one_row_latest_first_with_its_trend_and_the_earlier_ones_folded() -> None:
    consultant, clients = consultant_with_clients(1)
    gate = chain(clients[0], "Lobby gate", ["high", "medium", "low"])
    canteen = chain(clients[0], "Staff canteen", ["low", "high"])
    chain(clients[0], "Car park", ["medium"])
    page = client_for(consultant).get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("<tr>") == 3 + 1 and "3 scenarios" in page

    lobby = row_of(page, "Lobby gate")
    assert "Medium risk → Low risk" in lobby and "↓" in lobby and "improved" in lobby
    assert "2 earlier assessments" in lobby
    # Folded under the latest, newest first: 2025 (medium), then 2024 (high), each linked.
    assert lobby.index("2025-03-01") < lobby.index("2024-03-01")
    assert lobby.index(reverse("reports:result", args=[gate[1].token])) < lobby.index(
        reverse("reports:result", args=[gate[0].token])
    )
    assert reverse("reports:result", args=[gate[2].token]) in lobby  # the latest's own link
    canteen_row = row_of(page, "Staff canteen")
    assert "Low risk → High risk" in canteen_row and "↑" in canteen_row and "worse" in canteen_row
    assert reverse("reports:result", args=[canteen[0].token]) in canteen_row
    car_park = row_of(page, "Car park")
    assert "trend" not in car_park and "earlier" not in car_park

    zh = client_for(consultant).get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "有所改善" in row_of(zh, "Lobby gate") and "有所恶化" in row_of(zh, "Staff canteen")
    assert "2次早前评估" in row_of(zh, "Lobby gate")
    from tests.test_i18n import assert_all_chinese

    assert_all_chinese(
        zh, "dashboard with chains", ["Lobby gate", "Staff canteen", "Car park", "Client 1", "Chen Jing"]
    )


@pytest.mark.parametrize(
    ("before", "after", "words"),
    [
        ("high", "medium", ("High risk", "Medium risk", "improved")),
        ("prohibited", "compliant", ("Prohibited practice found", "No gaps found", "improved")),
        ("low", "prohibited", ("Low risk", "Prohibited practice found", "worse")),
        ("medium", "medium", ("Medium risk", "Medium risk", "unchanged")),
        ("high", "incomplete", ("High risk", "Incomplete", "not comparable yet")),
        ("", "low", ("Not rated yet", "Low risk", "not comparable yet")),
    ],
)
def test_the_trend_compares_levels_of_risk_and_nothing_else(before: str, after: str, words: tuple[str, ...]) -> None:
    from django.utils import translation

    from assessment.accounts.dashboard import rating_trend

    with translation.override("en"):
        trend = rating_trend(before, after)
        assert (trend.before, trend.after, trend.word) == words


def test_filters_apply_to_the_latest_assessment_of_each_scenario() -> None:
    consultant, clients = consultant_with_clients(1)
    chain(clients[0], "Lobby gate", ["high", "low"])
    client = client_for(consultant)
    assert "Lobby gate" not in client.get(f"{DASHBOARD}?rating=high").content.decode()
    assert "Lobby gate" in client.get(f"{DASHBOARD}?rating=low").content.decode()


def test_the_number_of_queries_does_not_grow_with_the_chains_shown() -> None:
    consultant, clients = consultant_with_clients(2)
    client = client_for(consultant)
    for n in range(2):
        chain(clients[n % 2], f"Scenario {n}", ["high", "medium", "low"])
    few = queries_for(client, DASHBOARD)
    for n in range(2, 20):
        chain(clients[n % 2], f"Scenario {n}", ["high", "medium", "low", "low"])
    many = queries_for(client, DASHBOARD)
    assert few == many <= 7, f"{few} queries for 2 chains, {many} for 20"
