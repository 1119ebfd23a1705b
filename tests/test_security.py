"""Hardening: login throttling, the content security policy and other headers, input limits, secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.audit.admin import AuditEventAdmin
from assessment.audit.models import AuditEvent
from assessment.organisations.models import Invitation
from tests.cast import PASSWORD, client_for, make_assessment, make_organisation, make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
LOGIN = "/accounts/login/"


def fail_login(client: Client, email: str = "li.wei@example.cn", url: str = LOGIN) -> Any:
    return client.post(url, {"username": email, "password": "wrong password"})


def test_five_failed_logins_lock_the_address_out_even_with_the_right_password(client: Client) -> None:
    make_user("li.wei@example.cn", password=PASSWORD)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert fail_login(client).status_code == 200
    locked = fail_login(client, "LI.WEI@example.cn ")  # the same address however it is typed
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    right = client.post(LOGIN, {"username": "li.wei@example.cn", "password": PASSWORD})
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    zh = client.post(LOGIN, {"username": "li.wei@example.cn", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "登录失败次数过多" in zh.content.decode()


def test_the_lockout_ends_after_the_cool_off(client: Client) -> None:
    make_user("li.wei@example.cn", password=PASSWORD)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        fail_login(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    response = client.post(LOGIN, {"username": "li.wei@example.cn", "password": PASSWORD})
    assert response.status_code == 302


def test_a_successful_login_resets_the_count(client: Client) -> None:
    make_user("li.wei@example.cn", password=PASSWORD)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        fail_login(client)
    assert client.post(LOGIN, {"username": "li.wei@example.cn", "password": PASSWORD}).status_code == 302
    client.post(reverse("accounts:logout"))
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert fail_login(client).status_code == 200  # counting starts again


def test_the_admin_login_is_throttled_too(client: Client) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = fail_login(client, "admin@example.cn", "/admin/login/")
    assert response.status_code == 429


def test_every_page_sends_a_strict_content_security_policy_and_permissions_policy(client: Client) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"] and "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_no_template_has_inline_script_or_style() -> None:
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for marker in ("style=", "<style", " onclick=", " onchange=", " onsubmit="):
            if marker in text:
                offenders.append(f"{template.relative_to(ROOT)}: {marker}")
        for line in text.splitlines():
            if "<script" in line and "src=" not in line:
                offenders.append(f"{template.relative_to(ROOT)}: inline <script>")
    assert offenders == []


def test_the_result_page_served_under_the_policy_has_nothing_inline() -> None:
    user = make_user("li.wei@example.cn")
    assessment = make_assessment(make_organisation("Acme", owner=user))
    page = client_for(user).get(reverse("reports:result", args=[assessment.token])).content.decode()
    assert " style=" not in page and "<style" not in page
    assert all("src=" in tag for tag in page.split("<script")[1:])


def test_pages_with_findings_are_never_cached(client: Client) -> None:
    user = make_user("li.wei@example.cn")
    organisation = make_organisation("Acme", owner=user)
    assessment = make_assessment(organisation)
    member = client_for(user)
    for url in (
        reverse("reports:result", args=[assessment.token]),
        reverse("accounts:history", args=[assessment.token]),
        reverse("accounts:dashboard"),
        reverse("accounts:export_data", args=[assessment.token]),
        reverse("accounts:organisation", args=[organisation.pk]),
    ):
        response = member.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_the_wizards_language_cookie_follows_the_language_cookie_settings(client: Client, settings: Any) -> None:
    settings.LANGUAGE_COOKIE_SECURE = True
    assessment = make_assessment(None, complete=False)
    response = client.post(
        reverse("assessment:step", args=[assessment.token, "scenario"]),
        {"wizard_language": "zh-hans", "assessment_wizard-current_step": "scenario"},
    )
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "zh-hans" and cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/accounts/login/", {"username": "a" * 50_001, "password": "x"}),
        ("/accounts/login/", {"username": "li\x00wei@example.cn", "password": "x"}),
        ("/accounts/signup/", {"email": "a" * 140 + "@example.cn", "password1": PASSWORD, "password2": PASSWORD}),
        ("/accounts/login/?next=dashboard", {"username": "li.wei@example.cn", "password": PASSWORD}),
    ],
)
def test_bad_input_gets_an_answer_not_a_server_error(client: Client, url: str, data: dict[str, str]) -> None:
    make_user("li.wei@example.cn", password=PASSWORD)
    response = client.post(url, {**data, "organisation_name": "Acme"})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == reverse("accounts:dashboard")  # "dashboard" is not taken for a URL name


def test_a_nul_byte_in_an_assessment_link_is_a_404(client: Client) -> None:
    assert client.get("/a/%00/").status_code == 404
    assert client.get("/a/%00/result/").status_code == 404
    assert client.get("/a/%00/history/").status_code == 404


def test_an_organisation_name_on_two_lines_is_refused(client: Client) -> None:
    user = make_user("li.wei@example.cn")
    response = client_for(user).post(reverse("accounts:organisation_new"), {"name": "Acme\nBcc: x@example.cn"})
    assert response.status_code == 200 and "no line breaks" in response.content.decode()


def test_the_invitation_mail_has_a_plain_subject_both_languages_and_the_configured_sender(
    settings: Any, mailoutbox: list[Any]
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Assessments <assess@example.cn>"
    owner = make_user("owner@example.cn")
    organisation = make_organisation("O'Brien & Sons", owner=owner)
    inviter = client_for(owner)
    response = inviter.post(
        reverse("accounts:invite", args=[organisation.pk]), {"email": "new@example.cn", "role": "editor"}
    )
    assert response.status_code == 302
    sent = mailoutbox[-1]
    assert sent.subject == "You are invited to join O'Brien & Sons"
    assert sent.from_email == "Assessments <assess@example.cn>"
    assert "O'Brien & Sons" in sent.body and "&amp;" not in sent.body and "&#x27;" not in sent.body
    assert "邀请" in sent.body  # the Chinese text follows
    page = inviter.get(reverse("accounts:organisation", args=[organisation.pk])).content.decode()
    assert "Copy link" in page and "/invitations/" in page
    again = inviter.get(reverse("accounts:organisation", args=[organisation.pk])).content.decode()
    assert "Copy link" not in again  # shown once


def test_an_unconfirmed_account_cannot_invite_or_join(client: Client) -> None:
    from assessment.accounts.models import PendingVerification

    owner = make_user("owner@example.cn")
    organisation = make_organisation("Acme", owner=owner)
    PendingVerification.objects.create(user=owner)
    response = client_for(owner).post(
        reverse("accounts:invite", args=[organisation.pk]), {"email": "new@example.cn", "role": "editor"}
    )
    assert response.status_code == 302 and not Invitation.objects.exists()


def test_passwords_need_ten_characters_and_not_only_spaces(client: Client) -> None:
    for password in ("Short-pw1", " " * 12):
        response = client.post(
            "/accounts/signup/",
            {"email": "a@example.cn", "password1": password, "password2": password, "organisation_name": "A"},
        )
        assert response.status_code == 200 and not User.objects.exists()
        page = response.content.decode()
        assert "at least 10 characters" in page or "spaces only" in page


def test_the_audit_trail_cannot_be_changed_or_deleted_in_the_admin(rf: Any) -> None:
    admin = AuditEventAdmin(AuditEvent, mock.Mock())
    request = rf.get("/admin/")
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request)
    assert not admin.has_delete_permission(request)


def production_env(**extra: str) -> dict[str, str]:
    # The test runner's own switches (the browser tests allow async-unsafe calls) are no deployment's.
    skipped = ("SECRET_KEY", "DATABASE_URL", "EMAIL_", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skipped)}
    env.update(
        DEBUG="false",
        ALLOWED_HOSTS="assess.example.cn",
        DEFAULT_FROM_EMAIL="assess@example.cn",
        DJANGO_SETTINGS_MODULE="assessment.settings",
    )
    env.update(extra)
    return env


def run_manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("key", ["short", "django-insecure-" + "x" * 60, "change-me" * 8])
def test_production_refuses_a_weak_secret_key(key: str) -> None:
    result = run_manage(production_env(SECRET_KEY=key), "check")
    assert result.returncode != 0 and "SECRET_KEY is too weak" in result.stderr


def test_secrets_come_from_files_and_check_deploy_is_clean(tmp_path: Path) -> None:
    key_file = tmp_path / "secret_key"
    key_file.write_text("k3Y-" + "".join(chr(65 + (i * 7) % 26) + str(i % 10) for i in range(40)) + "\n")
    password_file = tmp_path / "smtp"
    password_file.write_text("smtp secret\n")
    url_file = tmp_path / "db"
    url_file.write_text(f"sqlite:///{tmp_path / 'db.sqlite3'}\n")
    env = production_env(
        SECRET_KEY_FILE=str(key_file), EMAIL_HOST_PASSWORD_FILE=str(password_file), DATABASE_URL_FILE=str(url_file)
    )
    shown = run_manage(
        env,
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.EMAIL_HOST_PASSWORD, s.DATABASES['default']['NAME'])",
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1].split() == ["smtp", "secret", str(tmp_path / "db.sqlite3")]
    result = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_needs_a_sender_address() -> None:
    env = production_env(SECRET_KEY="k3Y-" + "abcdefghij" * 6)
    del env["DEFAULT_FROM_EMAIL"]
    result = run_manage(env, "check")
    assert result.returncode != 0 and "DEFAULT_FROM_EMAIL" in result.stderr
