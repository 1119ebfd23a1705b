"""A consultant's dashboard shows the work of every client they may reach, and overdue actions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from assessment.actions.models import Action
from assessment.organisations.models import ClientAssignment, Organisation
from tests.cast import add_member, client_for, make_assessment, make_user

pytestmark = pytest.mark.django_db


def test_a_consultant_sees_every_open_client_but_not_a_restricted_one_nor_other_consultancies() -> None:
    claire, colleague = make_user("claire@lambert.example"), make_user("li@lambert.example")
    consultancy = Organisation.objects.create(name="Lambert Advisory", kind=Organisation.Kind.CONSULTANCY)
    add_member(consultancy, claire, "owner")
    add_member(consultancy, colleague, "editor")
    hotel = Organisation.objects.create(name="Jinjiang Star Hotels", managed_by=consultancy)
    gym = Organisation.objects.create(name="Harbour Gym", managed_by=consultancy)
    rival_client = Organisation.objects.create(
        name="Rival's Client", managed_by=Organisation.objects.create(name="Rival", kind="consultancy")
    )
    make_assessment(hotel, scenario_name="Guest check-in")
    gym_assessment = make_assessment(gym, scenario_name="Member entry")
    make_assessment(rival_client, scenario_name="Someone else's")
    ClientAssignment.objects.create(client=hotel, user=claire)  # the hotel is restricted to Claire
    Action.objects.create(
        assessment=gym_assessment, rule_id="pipl-legal-basis", due_date=date.today() - timedelta(days=3)
    )

    owner_page = client_for(claire).get(reverse("accounts:dashboard")).content.decode()
    colleague_page = client_for(colleague).get(reverse("accounts:dashboard")).content.decode()

    assert "Guest check-in" in owner_page and "Member entry" in owner_page
    assert "Member entry" in colleague_page and "Guest check-in" not in colleague_page
    assert "Someone else" not in owner_page + colleague_page
    assert "Overdue actions" in colleague_page
    plan = reverse("actions:plan", args=[gym_assessment.token])
    assert "No valid legal basis for processing face information" in colleague_page
    assert f'href="{plan}#action-' in colleague_page


def test_an_overdue_action_carried_over_to_a_reassessment_is_listed_once_with_its_finding() -> None:
    claire = make_user("claire@lambert.example", name="Claire Lambert")
    hotel = Organisation.objects.create(name="Jinjiang Star Hotels")
    add_member(hotel, claire, "owner")
    first = make_assessment(hotel, scenario_name="Guest check-in")
    second = make_assessment(hotel, scenario_name="Guest check-in")
    second.reassessed_from = first
    second.save()
    overdue = date.today() - timedelta(days=10)
    for assessment in (first, second):  # the reassessment carried the action over
        Action.objects.create(assessment=assessment, rule_id="pipl-legal-basis", due_date=overdue, owner=claire)
    Action.objects.create(assessment=second, rule_id="m25-consent-withdrawal", due_date=overdue, status="done")
    page = client_for(claire).get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    box = page[page.index('id="overdue-heading"') : page.index("</ul>", page.index('id="overdue-heading"'))]
    assert box.count("<li>") == 1
    assert reverse("actions:plan", args=[second.token]) in box and "(Claire Lambert)" in box
    zh = client_for(claire).get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "逾期整改事项" in zh and "（Claire Lambert）" in zh
