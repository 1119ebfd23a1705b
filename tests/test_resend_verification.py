"""Asking for the sign-up confirmation link again: it reaches an account still waiting for
confirmation, looks the same for every address, is rate-limited, and reads in both languages."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.accounts import verification
from assessment.accounts.models import PendingVerification, VerificationResend
from tests.cast import PASSWORD, make_user
from tests.test_i18n import assert_all_chinese, assert_all_english

pytestmark = pytest.mark.django_db

URL = reverse("accounts:resend_verification")
SIGNUP = {
    "full_name": "Li Wei",
    "email": "li.wei@example.cn",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "organisation_name": "深圳某某科技有限公司",
}


def ask(email: str, client: Client | None = None, address: str = "203.0.113.7") -> Any:
    return (client or Client()).post(URL, {"email": email}, REMOTE_ADDR=address)


def visible_text(response: Any) -> str:
    """The page's main text, without the CSRF token and whitespace differences."""
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S)
    assert main is not None
    return " ".join(re.sub(r"<[^>]+>", " ", main.group(0)).split())


def confirmation_links(mailoutbox: list[Any]) -> list[str]:
    return [m.group(1) for mail in mailoutbox if (m := re.search(r"(/accounts/verify/[^\s]+/)", mail.body))]


def test_someone_who_lost_the_mail_gets_a_new_link_that_confirms_and_logs_in(
    client: Client, mailoutbox: list[Any]
) -> None:
    client.post(reverse("accounts:signup"), SIGNUP)
    assert len(mailoutbox) == 1
    mailoutbox.clear()  # the first mail is lost

    response = ask("LI.WEI@example.cn ", client)  # typed with capitals and a trailing space
    assert response.status_code == 200
    assert "a new confirmation link is on its way" in visible_text(response)
    [mail] = mailoutbox
    assert mail.to == ["li.wei@example.cn"]
    assert "确认" in mail.body and "confirm your e-mail address" in mail.body  # both languages, as at sign-up
    [link] = confirmation_links(mailoutbox)
    assert client.post(link).status_code == 302
    user = User.objects.get(email="li.wei@example.cn")
    assert verification.is_verified(user) and client.session["_auth_user_id"] == str(user.pk)


def test_the_answer_is_the_same_for_a_waiting_a_confirmed_and_an_unknown_address(mailoutbox: list[Any]) -> None:
    Client().post(reverse("accounts:signup"), SIGNUP)
    make_user("confirmed@example.cn", PASSWORD)
    mailoutbox.clear()

    pages = {email: ask(email) for email in ("li.wei@example.cn", "confirmed@example.cn", "nobody@example.cn")}

    assert {r.status_code for r in pages.values()} == {200}
    assert len({visible_text(r).replace(email, "ADDRESS") for email, r in pages.items()}) == 1
    assert [mail.to for mail in mailoutbox] == [["li.wei@example.cn"]]  # only the waiting account gets mail


def test_one_address_gets_at_most_three_mails_an_hour_and_the_fourth_request_looks_the_same(
    mailoutbox: list[Any],
) -> None:
    Client().post(reverse("accounts:signup"), SIGNUP)
    mailoutbox.clear()
    answers = [ask("li.wei@example.cn", address=f"198.51.100.{n}") for n in range(5)]  # five networks
    assert [r.status_code for r in answers] == [200] * 5
    assert len({visible_text(r) for r in answers}) == 1
    assert len(mailoutbox) == verification.RESEND_PER_ADDRESS == 3

    an_hour_later = timezone.now() + verification.RESEND_WINDOW + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=an_hour_later):
        ask("li.wei@example.cn")
    assert len(mailoutbox) == 4
    # Each of the links still works; any one confirms the address.
    assert len(set(confirmation_links(mailoutbox))) >= 1


def test_a_client_asking_too_often_is_told_to_wait_whatever_the_addresses(mailoutbox: list[Any]) -> None:
    for n in range(verification.RESEND_PER_CLIENT):
        assert ask(f"someone{n}@example.cn").status_code == 200
    Client().post(reverse("accounts:signup"), SIGNUP)
    mailoutbox.clear()

    refused = ask("li.wei@example.cn")
    assert refused.status_code == 429
    assert "Too many requests from this connection" in visible_text(refused)
    assert mailoutbox == []
    # The same address from another network is served (the limit is the client's, not the account's).
    assert ask("li.wei@example.cn", address="192.0.2.44").status_code == 200
    assert len(mailoutbox) == 1


def test_neither_the_addresses_nor_the_clients_are_stored_and_old_requests_are_pruned() -> None:
    ask("li.wei@example.cn")
    row = VerificationResend.objects.get()
    stored = f"{row.address_key} {row.client_key}"
    assert "li.wei" not in stored and "203.0.113.7" not in stored
    VerificationResend.objects.update(requested_at=timezone.now() - timedelta(days=2))
    ask("other@example.cn")
    assert VerificationResend.objects.count() == 1


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "This field is required."),
        ("not an address", "Enter a valid email address."),
        ("li.wei@example.cn\r\nBcc: x@example.com", "control characters"),
        ("a" * 150 + "@example.cn", "at most 150 characters"),
    ],
)
def test_bad_input_gets_a_message_and_records_nothing(email: str, message: str, mailoutbox: list[Any]) -> None:
    response = ask(email)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not VerificationResend.objects.exists() and mailoutbox == []


def test_the_sign_up_log_in_expired_link_and_organisation_pages_lead_here(client: Client) -> None:
    sent = client.post(reverse("accounts:signup"), SIGNUP)
    assert f'href="{URL}"' in sent.content.decode()
    expired = client.get(reverse("accounts:verify_email", args=["not-a-token"]))
    assert expired.status_code == 400 and f'href="{URL}"' in expired.content.decode()
    assert "Sign up again" not in expired.content.decode()  # signing up again cannot send a new link
    assert f'href="{URL}"' in client.get(reverse("accounts:login")).content.decode()
    # Signed in but unconfirmed: the organisation page says why inviting waits, and where to get the link.
    user = User.objects.get(email="li.wei@example.cn")
    client.force_login(user)
    organisation = user.memberships.get().organisation
    page = client.get(reverse("accounts:organisation", args=[organisation.pk])).content.decode()
    assert "Confirm your e-mail address before inviting others" in page and f'href="{URL}"' in page


def test_a_signed_in_unconfirmed_user_finds_their_address_filled_in(client: Client) -> None:
    user = make_user("waiting@example.cn", PASSWORD)
    PendingVerification.objects.create(user=user)
    client.force_login(user)
    assert 'value="waiting@example.cn"' in client.get(URL).content.decode()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_pages_read_in_the_visitors_language(language: str) -> None:
    client = Client()
    client.cookies["django_language"] = language
    pages = {
        "form": client.get(URL).content.decode(),
        "errors": client.post(URL, {"email": "not an address"}).content.decode(),
        "sent": client.post(URL, {"email": "li.wei@example.cn"}).content.decode(),
    }
    for name, html in pages.items():
        if language == "zh-hans":
            assert '<html lang="zh-Hans">' in html, name
            assert_all_chinese(html, f"resend {name}", ["li.wei@example.cn", "not an address"])
        else:
            assert_all_english(html, f"resend {name}", ["li.wei@example.cn", "not an address"])
    assert ("重新发送确认链接" if language == "zh-hans" else "Send the confirmation link again") in pages["form"]
