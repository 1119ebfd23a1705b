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
    assert "Overdue actions" in colleague_page and "pipl-legal-basis" in colleague_page
