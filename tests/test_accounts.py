"""Signing up, logging in and out, changing and resetting a password."""

from __future__ import annotations

import re
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.organisations.models import Membership
from tests.cast import PASSWORD, make_user, sign_up

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "Li Wei",
    "email": "li.wei@example.cn",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "organisation_name": "深圳某某科技有限公司",
}


def test_signing_up_creates_the_user_and_their_organisation_and_logs_them_in(client: Client) -> None:
    response = sign_up(client, SIGNUP)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:dashboard")
    user = User.objects.get(email="li.wei@example.cn")
    assert user.password.startswith("argon2")
    membership = Membership.objects.get(user=user)
    assert membership.role == "owner" and membership.organisation.name == "深圳某某科技有限公司"
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "深圳某某科技有限公司" in page and "Log out" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"password1": "password", "password2": "password"}, "password1", "This password is too common."),
        ({"password2": "something else entirely"}, "password2", "The two passwords differ."),
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        ({"organisation_name": ""}, "organisation_name", "This field is required."),
    ],
)
def test_a_sign_up_with_a_problem_says_what_and_keeps_what_was_typed(
    client: Client, change: dict[str, str], field: str, message: str
) -> None:
    response = client.post(reverse("accounts:signup"), {**SIGNUP, **change})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'<a href="#field-{field}">' in page  # the error summary links to the field
    assert f'id="id_{field}_error"' in page
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error"', page)  # the input points at its error
    if field != "full_name":
        assert 'value="Li Wei"' in page
    assert not User.objects.exists()


def test_signing_up_with_a_taken_address_looks_the_same_and_mails_the_owner(
    client: Client, mailoutbox: list[Any]
) -> None:
    fresh = client.post(reverse("accounts:signup"), {**SIGNUP, "email": "new.person@example.cn"})
    make_user("LI.WEI@example.cn")
    taken = Client().post(reverse("accounts:signup"), SIGNUP)
    assert taken.status_code == fresh.status_code == 200
    assert "registration/signup_sent.html" in {t.name for t in taken.templates} & {t.name for t in fresh.templates}
    assert "Check your e-mail" in taken.content.decode()
    assert "already exists" not in taken.content.decode()
    assert User.objects.filter(email__iexact="li.wei@example.cn").count() == 1
    owner_mail = mailoutbox[-1]
    assert owner_mail.to == ["li.wei@example.cn"] and "already has an account" in owner_mail.body
    assert "/accounts/verify/" not in owner_mail.body


def test_an_unconfirmed_account_cannot_log_in_through_the_link_after_it_expires(client: Client) -> None:
    from datetime import timedelta

    from django.core import mail

    client.post(reverse("accounts:signup"), SIGNUP)
    link = re.search(r"(/accounts/verify/[^\s]+/)", mail.outbox[-1].body)
    assert link is not None
    assert client.get(link.group(1)).status_code == 200  # a GET only shows the button
    assert "_auth_user_id" not in client.session
    later = timezone.now() + timedelta(days=settings.EMAIL_VERIFICATION_DAYS, minutes=1)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.post(link.group(1))
    assert response.status_code == 400 and "not valid or has expired" in response.content.decode()
    assert client.post(link.group(1) + "x/").status_code in (400, 404)
    response = client.post(link.group(1))
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_simultaneous_sign_ups_with_one_address_make_one_account_and_no_error(client: Client) -> None:
    make_user("li.wei@example.cn")  # the other request won, after this one looked the address up
    with mock.patch("assessment.accounts.services.find_user_by_email", return_value=None):
        response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    assert User.objects.filter(email="li.wei@example.cn").count() == 1


def test_logging_in_with_the_email_address_and_out_again(client: Client) -> None:
    make_user("li.wei@example.cn", password=PASSWORD)
    response = client.post(reverse("accounts:login"), {"username": "Li.Wei@example.cn", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard"))["Location"].startswith(reverse("accounts:login"))


def test_a_wrong_password_gets_a_clear_message(client: Client) -> None:
    make_user("li.wei@example.cn", password=PASSWORD)
    response = client.post(reverse("accounts:login"), {"username": "li.wei@example.cn", "password": "nope"})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


def test_log_in_returns_to_the_page_asked_for_but_never_to_another_site(client: Client) -> None:
    make_user("li.wei@example.cn", password=PASSWORD)
    credentials = {"username": "li.wei@example.cn", "password": PASSWORD}
    response = client.post(reverse("accounts:login") + "?next=/claim/", credentials)
    assert response["Location"] == "/claim/"
    client.post(reverse("accounts:logout"))
    response = client.post(reverse("accounts:login"), {**credentials, "next": "https://evil.example/"})
    assert response["Location"] == reverse("accounts:dashboard")


def test_changing_the_password(client: Client) -> None:
    user = make_user("li.wei@example.cn", password=PASSWORD)
    client.force_login(user)
    new = "Another long phrase 77"
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    response = client.post(reverse("accounts:password_change"), data)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password(new)


def test_resetting_a_forgotten_password_by_email(client: Client, mailoutbox: list[Any]) -> None:
    make_user("li.wei@example.cn", password=PASSWORD)
    response = client.post(reverse("accounts:password_reset"), {"email": "li.wei@example.cn"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["li.wei@example.cn"]
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", mailoutbox[0].body)
    assert link is not None
    form_url = client.get(link.group(1))["Location"]  # Django swaps the token for a session key
    new = "Brand new phrase 2026"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert client.post(reverse("accounts:login"), {"username": "li.wei@example.cn", "password": new}).status_code == 302


def test_a_reset_for_an_unknown_address_reveals_nothing(client: Client, mailoutbox: list[Any]) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.cn"})
    assert response.status_code == 302 and mailoutbox == []


def test_a_used_reset_link_says_so(client: Client) -> None:
    response = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]))
    assert "This password reset link is not valid" in response.content.decode()
