"""A consultancy owner's workspace pages in a real browser, in both languages: add a client with its
profile, name a colleague on it, upload the logo and see it; axe-core checks every page."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from assessment.organisations.models import ClientAssignment, Logo, Organisation
from tests.browser.checks import check_accessibility, screenshot, ui_text
from tests.cast import add_member, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Correct-horse-battery-42"


def png() -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (240, 80), (10, 61, 98)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_consultancy_owner_adds_a_client_names_a_colleague_and_uploads_the_logo(
    page: Page, live_server: Any, language: str
) -> None:
    lang = language[:2]
    claire = make_user(f"claire-{lang}@lambert.example", password=PASSWORD, name="Claire Lambert")
    chen = make_user(f"chen-{lang}@lambert.example", name="Chen Wei")
    consultancy = Organisation.objects.create(name="Lambert Advisory", kind=Organisation.Kind.CONSULTANCY)
    add_member(consultancy, claire, "owner")
    add_member(consultancy, chen, "editor")
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])

    def t(message: str) -> str:
        return ui_text(message, language)

    page.goto(reverse("accounts:login"))
    page.get_by_label(t("E-mail address"), exact=True).fill(claire.email)
    page.get_by_label(t("Password"), exact=True).fill(PASSWORD)
    page.get_by_label(t("Password"), exact=True).press("Enter")
    page.wait_for_url(f"**{reverse('accounts:dashboard')}")

    page.goto(reverse("accounts:organisation", args=[consultancy.pk]))
    check_accessibility(page, f"{lang}/consultancy")
    page.get_by_role("link", name=t("Add a client…")).click()
    check_accessibility(page, f"{lang}/client-new")
    page.locator("#id_name").fill("Jinjiang Star")
    page.locator("#id_legal_name_zh").fill("锦江之星旅馆有限公司")
    page.locator("#id_unified_social_credit_code").fill("91350100M000100Y43")
    page.locator("#id_province").fill("上海")
    page.get_by_role("button", name=t("Add the client")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jinjiang Star")
    check_accessibility(page, f"{lang}/client")
    screenshot(page, f"{lang}-client")
    client = Organisation.objects.get(name="Jinjiang Star")
    assert client.managed_by == consultancy

    page.get_by_role("link", name=t("Choose who of the consultancy works on this client")).click()
    check_accessibility(page, f"{lang}/client-restriction")
    page.get_by_label("Chen Wei").check()
    page.get_by_role("button", name=t("Save")).click()
    assert list(ClientAssignment.objects.filter(client=client).values_list("user", flat=True)) == [chen.pk]

    page.goto(reverse("accounts:logo", args=[consultancy.pk]))
    check_accessibility(page, f"{lang}/logo")
    page.locator("#id_logo").set_input_files(files=[{"name": "logo.png", "mimeType": "image/png", "buffer": png()}])
    page.get_by_role("button", name=t("Upload the logo")).click()
    page.wait_for_url(f"**{reverse('accounts:organisation', args=[consultancy.pk])}")
    assert Logo.objects.filter(organisation=consultancy).exists()
    image = page.locator(".logo-preview img")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") == 240  # the browser decoded the served image
    check_accessibility(page, f"{lang}/consultancy-with-logo")
    screenshot(page, f"{lang}-consultancy")
