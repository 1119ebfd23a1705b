"""Accounts in a real browser: a consultant signs up, assesses for the organisation, finds it on the
dashboard, logs out and in again; axe-core checks every page on the way, in both languages.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from assessment.organisations.models import Organisation
from tests.browser.checks import check_accessibility, screenshot
from tests.browser.wizard_driver import WizardDriver, label_pattern
from tests.conftest import complete_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Correct-horse-battery-42"


def visit(page: Page, url: str, name: str) -> None:
    page.goto(url)
    check_accessibility(page, name)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_account_pages_are_accessible_from_sign_up_to_log_in(page: Page, language: str) -> None:
    wizard = WizardDriver(page)
    lang = language[:2]
    page.goto(reverse("accounts:signup"))
    if language == "zh-hans":
        wizard.press("简体中文")
        wizard.language = language
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans" if lang == "zh" else "en")

    # A sign-up with a mistake first: the errors are announced like the wizard's.
    page.get_by_label(wizard.text("E-mail address"), exact=True).fill(f"consultant-{lang}@example.com")
    wizard.press(wizard.text("Create account"))
    check_accessibility(page, f"{lang}/signup-errors")
    page.get_by_label(label_pattern(wizard.text("Your name"))).fill("Li Wei")
    page.get_by_label(wizard.text("Password"), exact=True).fill(PASSWORD)
    page.get_by_label(wizard.text("Password again"), exact=True).fill(PASSWORD)
    page.get_by_label(wizard.text("Organisation name"), exact=True).fill(f"Harbour Advisory {lang}")
    wizard.press(wizard.text("Create account"))
    expect(page.get_by_role("heading", level=1)).to_have_text(wizard.text("Check your e-mail"))
    check_accessibility(page, f"{lang}/signup-sent")
    # The confirmation link from the mail: a page with one button, which logs in.
    link = re.search(r"(/accounts/verify/[^\s]+/)", mail.outbox[-1].body)
    assert link is not None
    page.goto(link.group(1))
    check_accessibility(page, f"{lang}/verify-email")
    wizard.press(wizard.text("Confirm and log in"))
    assert page.url.endswith(reverse("accounts:dashboard"))
    check_accessibility(page, f"{lang}/dashboard-empty")

    # An assessment for the organisation, one step in; then the dashboard and its history.
    wizard.start()
    wizard.answer_step(complete_answers(org_name="Client Hotel", scenario_name="Guest check-in"))
    wizard.submit()
    token = page.url.split("/a/", 1)[1].split("/", 1)[0]
    visit(page, reverse("accounts:dashboard"), f"{lang}/dashboard")
    expect(page.get_by_role("main")).to_contain_text("Guest check-in")
    screenshot(page, f"{lang}-dashboard")
    visit(page, reverse("accounts:history", kwargs={"token": token}), f"{lang}/history")
    organisation = Organisation.objects.get(name=f"Harbour Advisory {lang}")
    visit(page, reverse("accounts:organisation", kwargs={"pk": organisation.pk}), f"{lang}/organisation")
    visit(page, reverse("accounts:organisation_new"), f"{lang}/organisation-new")
    visit(page, reverse("accounts:password_change"), f"{lang}/password-change")

    # Out, and back in.
    page.goto(reverse("accounts:dashboard"))
    page.locator(".user-menu summary").click()
    wizard.press(wizard.text("Log out"))
    visit(page, reverse("accounts:password_reset"), f"{lang}/password-reset")
    visit(page, reverse("accounts:login"), f"{lang}/login")
    screenshot(page, f"{lang}-login")
    page.get_by_label(wizard.text("E-mail address"), exact=True).fill(f"consultant-{lang}@example.com")
    page.get_by_label(wizard.text("Password"), exact=True).fill(PASSWORD)
    wizard.press(wizard.text("Log in"))
    expect(page.get_by_role("main")).to_contain_text("Guest check-in")
