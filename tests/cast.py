"""The shared cast of the accounts tests: an organisation with an owner, an editor and a viewer,
a member of another organisation, and an anonymous visitor; builders for their assessments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from assessment.assessments.models import Assessment
from assessment.organisations.models import Membership, Organisation, Role
from tests.conftest import complete_answers

PASSWORD = "Plum-tree lantern 42"
ROLES = ("owner", "editor", "viewer", "outsider", "anonymous")


def make_user(email: str, password: str | None = None, name: str = "") -> User:
    """A user; without a password (unusable, no hashing) unless a test needs to log in with one."""
    first, _space, last = name.partition(" ")
    return User.objects.create_user(
        username=email.lower(), email=email, password=password, first_name=first, last_name=last
    )


def make_organisation(name: str, **members: User) -> Organisation:
    """An organisation whose members are given by role: make_organisation("Acme", owner=u, viewer=v)."""
    organisation = Organisation.objects.create(name=name)
    for role, user in members.items():
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return organisation


def add_member(organisation: Organisation, user: User, role: str) -> Membership:
    return Membership.objects.create(user=user, organisation=organisation, role=role)


def make_assessment(organisation: Organisation | None, complete: bool = True, **overrides: Any) -> Assessment:
    answers = complete_answers(
        **{"org_name": "Acme Retail", "scenario_name": "Store entrance", "sc1_fr_identity": "yes", **overrides}
    )
    return Assessment.objects.create(
        organisation=organisation,
        answers=answers,
        completed_steps=[],
        status=Assessment.Status.COMPLETE if complete else Assessment.Status.DRAFT,
    )


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@dataclass
class Cast:
    organisation: Organisation
    other_organisation: Organisation
    users: dict[str, User | None]

    def client(self, role: str) -> Client:
        return client_for(self.users[role])


@pytest.fixture
def cast(db: None) -> Cast:
    owner = make_user("olivia@acme.example", name="Olivia Owner")
    editor = make_user("eddie@acme.example", name="Eddie Editor")
    viewer = make_user("vera@acme.example", name="Vera Viewer")
    outsider = make_user("oscar@rival.example", name="Oscar Outsider")
    organisation = make_organisation("Acme Retail", owner=owner, editor=editor, viewer=viewer)
    other = make_organisation("Rival Hotels", owner=outsider)
    return Cast(
        organisation,
        other,
        {"owner": owner, "editor": editor, "viewer": viewer, "outsider": outsider, "anonymous": None},
    )


__all__ = [
    "PASSWORD",
    "ROLES",
    "Cast",
    "Role",
    "add_member",
    "cast",
    "client_for",
    "make_assessment",
    "make_organisation",
    "make_user",
]


def sign_up(client: Client, data: dict[str, str], **query: str) -> Any:
    """Sign up through the form and open the confirmation link from the mail; the last response."""
    import re

    from django.core import mail
    from django.urls import reverse

    sent = len(mail.outbox)
    response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 200, response.content.decode()[:500]
    assert "Check your e-mail" in response.content.decode()
    link = re.search(r"https?://[^/\s]+(/accounts/verify/[^\s]+/)", mail.outbox[sent].body)
    assert link is not None, mail.outbox[sent].body
    return client.post(link.group(1))
