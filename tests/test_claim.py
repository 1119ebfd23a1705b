"""The anonymous quick assessment, claimed into an organisation after signing up or logging in."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from assessment.assessments.models import Assessment
from assessment.assessments.services import claim_assessments
from assessment.audit.models import AuditEvent
from assessment.organisations.models import Organisation
from tests.cast import PASSWORD, add_member, client_for, make_assessment, make_organisation, make_user
from tests.conftest import WizardWalker, complete_answers

pytestmark = pytest.mark.django_db

BASE = {"org_name": "Acme Retail", "scenario_name": "Store entrance", "sc1_fr_identity": "yes"}
SIGNUP = {"email": "li.wei@example.cn", "password1": PASSWORD, "password2": PASSWORD, "organisation_name": "Acme"}


def quick_assessment(client: Client) -> Assessment:
    walker = WizardWalker(client)
    assessment = walker.start()
    walker.walk(assessment, complete_answers(**BASE))
    assessment.refresh_from_db()
    assert assessment.organisation is None and assessment.is_complete
    return assessment


def test_a_visitor_signs_up_and_claims_the_quick_assessment_they_ran(client: Client) -> None:
    assessment = quick_assessment(client)
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response["Location"] == reverse("accounts:claim")
    page = client.get(reverse("accounts:claim")).content.decode()
    assert "Acme Retail – Store entrance" in page and "checked" in page  # offered, ticked by default
    organisation = Organisation.objects.get(name="Acme")
    response = client.post(
        reverse("accounts:claim"), {"assessments": [assessment.token], "organisation": organisation.pk}
    )
    assert response["Location"] == reverse("accounts:dashboard")
    assessment.refresh_from_db()
    assert assessment.organisation == organisation
    assert assessment.audit_events.filter(kind="claimed", user__email="li.wei@example.cn").exists()
    assert "Store entrance" in client.get(reverse("accounts:dashboard")).content.decode()


def test_once_claimed_the_old_link_alone_no_longer_opens_it(client: Client) -> None:
    assessment = quick_assessment(client)
    someone_with_the_link = Client()
    history = reverse("accounts:history", args=[assessment.token])
    assert someone_with_the_link.get(history).status_code == 200
    client.post(reverse("accounts:signup"), SIGNUP)
    client.post(
        reverse("accounts:claim"), {"assessments": [assessment.token], "organisation": Organisation.objects.get().pk}
    )
    assert someone_with_the_link.get(history).status_code == 404
    assert someone_with_the_link.get(reverse("assessment:resume", args=[assessment.token])).status_code == 404
    assert client.get(history).status_code == 200


def test_logging_in_offers_the_claim_too(client: Client) -> None:
    user = make_user("li.wei@example.cn", password=PASSWORD)
    make_organisation("Acme", owner=user)
    quick_assessment(client)
    response = client.post(reverse("accounts:login"), {"username": "li.wei@example.cn", "password": PASSWORD})
    assert response["Location"] == reverse("accounts:claim")
    assert "started without an account" in client.get(reverse("accounts:dashboard")).content.decode()


def test_only_assessments_opened_in_this_browser_can_be_claimed(client: Client) -> None:
    someone_elses = make_assessment(None)
    mine = quick_assessment(client)
    client.post(reverse("accounts:signup"), SIGNUP)
    organisation = Organisation.objects.get()
    response = client.post(
        reverse("accounts:claim"), {"assessments": [mine.token, someone_elses.token], "organisation": organisation.pk}
    )
    assert response.status_code == 200 and "is not one of the available choices" in response.content.decode()
    assert not Assessment.objects.filter(organisation=organisation).exists()


def test_claiming_into_an_organisation_where_one_only_views_is_refused(client: Client) -> None:
    user = make_user("li.wei@example.cn")
    add_member(make_organisation("Client"), user, "viewer")
    assessment = quick_assessment(client)
    client.force_login(user)
    page = client.get(reverse("accounts:claim")).content.decode()
    assert "only to an organisation where you are an owner or an editor" in page
    response = client.post(
        reverse("accounts:claim"), {"assessments": [assessment.token], "organisation": Organisation.objects.get().pk}
    )
    assert response.status_code == 200
    assessment.refresh_from_db()
    assert assessment.organisation is None


def test_an_assessment_claimed_meanwhile_by_someone_else_is_not_taken_over(client: Client) -> None:
    assessment = quick_assessment(client)
    user = make_user("li.wei@example.cn")
    mine, rival = make_organisation("Acme", owner=user), make_organisation("Rival")
    Assessment.objects.filter(pk=assessment.pk).update(organisation=rival)  # between the page and the POST
    secrets = client.session["assessment_creator_secrets"]
    assert claim_assessments([assessment.token], mine, user, secrets) == []
    assessment.refresh_from_db()
    assert assessment.organisation == rival
    assert not AuditEvent.objects.filter(kind="claimed").exists()


def test_the_claim_page_needs_an_account(client: Client) -> None:
    assert client.get(reverse("accounts:claim"))["Location"].startswith(reverse("accounts:login"))
    assert client_for(make_user("x@example.com")).get(reverse("accounts:claim")).status_code == 200
