"""Organisations: members and roles, one-time invitations, consultants with several clients."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.assessments.models import Assessment
from assessment.organisations.models import Invitation, Membership, Organisation
from tests.cast import PASSWORD, Cast, add_member, cast, client_for, make_organisation, make_user

__all__ = ["cast"]


def invite(client: Client, organisation: Organisation, email: str, role: str = "editor") -> Any:
    return client.post(reverse("accounts:invite", args=[organisation.pk]), {"email": email, "role": role})


def link_path(mail: Any) -> str:
    found = re.search(r"https?://[^/]+(/invitations/\S+/)", mail.body)
    assert found is not None, mail.body
    return found.group(1)


def test_an_owner_invites_a_new_colleague_who_signs_up_through_the_link(cast: Cast, mailoutbox: list[Any]) -> None:
    response = invite(cast.client("owner"), cast.organisation, "nina@acme.example", role="viewer")
    assert response.status_code == 302
    assert mailoutbox[0].to == ["nina@acme.example"] and "Acme Retail" in mailoutbox[0].subject
    path = link_path(mailoutbox[0])
    visitor = Client()
    page = visitor.get(path).content.decode()
    assert "You are invited to join Acme Retail as Viewer." in page
    token = path.strip("/").split("/")[-1]
    signup = {"full_name": "Nina N", "email": "nina@acme.example", "password1": PASSWORD, "password2": PASSWORD}
    response = visitor.post(reverse("accounts:signup") + f"?invitation={token}", signup)
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="nina@acme.example")
    assert membership.organisation == cast.organisation and membership.role == "viewer"
    assert Organisation.objects.count() == 2  # no organisation of her own was made


def test_an_invitation_works_once(cast: Cast, mailoutbox: list[Any]) -> None:
    nina = make_user("nina@acme.example")
    invite(cast.client("owner"), cast.organisation, "nina@acme.example")
    path = link_path(mailoutbox[0])
    client = client_for(nina)
    assert client.post(path).status_code == 302
    assert Membership.objects.filter(user=nina, organisation=cast.organisation, role="editor").exists()
    again = client.get(path)
    assert again.status_code == 410
    assert "This invitation has already been used." in again.content.decode()


def test_an_expired_invitation_says_so_and_lets_nobody_in(cast: Cast, mailoutbox: list[Any]) -> None:
    nina = make_user("nina@acme.example")
    invite(cast.client("owner"), cast.organisation, "nina@acme.example")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client_for(nina).post(link_path(mailoutbox[0]))
    assert response.status_code == 410
    assert "This invitation has expired." in response.content.decode()
    assert not Membership.objects.filter(user=nina).exists()


def test_an_invitation_needs_the_invited_address(cast: Cast, mailoutbox: list[Any]) -> None:
    invite(cast.client("owner"), cast.organisation, "nina@acme.example")
    response = cast.client("outsider").post(link_path(mailoutbox[0]))
    assert "This invitation was sent to nina@acme.example" in response.content.decode()
    assert not Membership.objects.filter(user=cast.users["outsider"], organisation=cast.organisation).exists()


def test_a_forged_invitation_link_is_a_404(client: Client, db: None) -> None:
    assert client.get(reverse("accounts:invitation", args=["made-up"])).status_code == 404


def test_only_owners_manage_members(cast: Cast) -> None:
    vera = Membership.objects.get(user=cast.users["viewer"])
    for role in ("editor", "viewer", "outsider"):
        client = cast.client(role)
        assert invite(client, cast.organisation, "x@example.com").status_code == 404
        url = reverse("accounts:change_role", args=[cast.organisation.pk, vera.pk])
        assert client.post(url, {"role": "owner"}).status_code == 404
    vera.refresh_from_db()
    assert vera.role == "viewer" and not Invitation.objects.exists()
    response = cast.client("owner").post(
        reverse("accounts:change_role", args=[cast.organisation.pk, vera.pk]), {"role": "editor"}
    )
    assert response.status_code == 302
    vera.refresh_from_db()
    assert vera.role == "editor"


def test_the_last_owner_cannot_leave_or_step_down(cast: Cast) -> None:
    olivia = Membership.objects.get(user=cast.users["owner"])
    client = cast.client("owner")
    client.post(reverse("accounts:change_role", args=[cast.organisation.pk, olivia.pk]), {"role": "viewer"})
    response = client.post(reverse("accounts:remove_member", args=[cast.organisation.pk, olivia.pk]), follow=True)
    assert "needs at least one owner" in response.content.decode()
    olivia.refresh_from_db()
    assert olivia.role == "owner"


def test_inviting_someone_already_in_gets_a_message(cast: Cast) -> None:
    response = invite(cast.client("owner"), cast.organisation, "VERA@acme.example")
    assert response.status_code == 200
    assert "already a member" in response.content.decode()


def test_a_consultant_switches_between_client_organisations(db: None) -> None:
    consultant = make_user("chen@consult.example")
    first = make_organisation("Client One", owner=consultant)
    second = make_organisation("Client Two")
    add_member(second, consultant, "editor")
    client = client_for(consultant)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'id="header-organisation"' in page and "Client One" in page and "Client Two" in page
    response = client.post(reverse("accounts:switch"), {"organisation": second.pk})
    assert response.status_code == 302
    client.post(reverse("assessment:new"), {"regime": "measures-2025"})
    assert Assessment.objects.get().organisation == second
    # Or chosen on the start page, whatever the active one is.
    client.post(reverse("assessment:new"), {"regime": "measures-2025", "organisation": first.pk})
    assert Assessment.objects.filter(organisation=first).count() == 1


def test_switching_to_an_organisation_one_is_not_in_is_refused(cast: Cast) -> None:
    client = cast.client("outsider")
    response = client.post(reverse("accounts:switch"), {"organisation": cast.organisation.pk}, follow=True)
    assert "You are not a member of that organisation." in response.content.decode()
    assert client.get(reverse("accounts:organisation", args=[cast.organisation.pk])).status_code == 404


def test_a_viewer_starts_only_anonymous_assessments(cast: Cast) -> None:
    cast.client("viewer").post(reverse("assessment:new"), {"organisation": cast.organisation.pk})
    assert Assessment.objects.get().organisation is None


def test_a_consultant_adds_a_client_organisation(cast: Cast) -> None:
    client = cast.client("owner")
    response = client.post(reverse("accounts:organisation_new"), {"name": "New Client Ltd"})
    organisation = Organisation.objects.get(name="New Client Ltd")
    assert response["Location"] == reverse("accounts:organisation", args=[organisation.pk])
    assert Membership.objects.get(organisation=organisation).role == "owner"
    assert client.post(reverse("accounts:organisation_new"), {"name": ""}).status_code == 200


@pytest.mark.django_db
def test_the_admin_lists_organisations_members_and_assessments(admin_client: Client) -> None:
    owner = make_user("olivia@acme.example")
    organisation = make_organisation("Acme Retail", owner=owner)
    page = admin_client.get(reverse("admin:organisations_organisation_change", args=[organisation.pk])).content.decode()
    assert "olivia@acme.example" in page or str(owner.pk) in page
    for name in ("organisations_invitation", "assessments_assessment", "audit_auditevent"):
        assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_an_owner_removes_a_member_who_then_sees_nothing_of_it(cast: Cast) -> None:
    eddie = Membership.objects.get(user=cast.users["editor"])
    response = cast.client("owner").post(reverse("accounts:remove_member", args=[cast.organisation.pk, eddie.pk]))
    assert response.status_code == 302
    assert cast.client("editor").get(reverse("accounts:organisation", args=[cast.organisation.pk])).status_code == 404


def test_an_owner_who_leaves_lands_on_the_dashboard(cast: Cast) -> None:
    add_member(cast.organisation, cast.users["outsider"], "owner")
    olivia = Membership.objects.get(user=cast.users["owner"])
    response = cast.client("owner").post(reverse("accounts:remove_member", args=[cast.organisation.pk, olivia.pk]))
    assert response["Location"] == reverse("accounts:dashboard")
    assert not Membership.objects.filter(pk=olivia.pk).exists()
