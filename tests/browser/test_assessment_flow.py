"""A whole assessment in a real browser, as a new user does it, in English and in Chinese.

Every page on the way is checked with axe-core; SCREENSHOTS=1 keeps pictures of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.checks import check_accessibility, check_pdf, screenshot, ui_text
from tests.browser.wizard_driver import WizardDriver
from tests.conftest import complete_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF_TIMEOUT_MS = 60_000  # a first Chinese render takes a few seconds on a busy machine

# A Shanghai store that recognises enrolled loyalty members at its entrance.
STORE_ENTRANCE = complete_answers(
    org_name="Acme Retail (Shanghai) Co., Ltd.",
    scenario_name="VIP recognition at the Nanjing Road store entrance",
    scenario_description="Cameras at the entrance match shoppers' faces against loyalty members who enrolled "
    "in the app, and alert staff when one arrives.",
    sector="retail",
    province="Shanghai",
    sc1_fr_identity="yes",
    sc1_mode="identification",
    sc3_face_analysis="yes",
    sc4_role="own",
    fl1_people_stored=42_000,
    mn1_under14="no",  # no children: the minors section is skipped
    pn1_purpose_documented="yes",
    pn2_alternative_possible="yes",
    al1_offer_mode="alternative_default",
    al2_alternative_on_decline="yes",
    bp_business_premises="yes",
    bp1_premises_type="mall",
    cn1_legal_basis="separate_consent",
    cn2_consent_separate_before="yes",
    cn4_notice_items=["handler_identity", "purpose_method_retention", "rights_procedure"],
    st1_storage_location=["on_premises_server", "third_party_cloud"],
    st1_offdevice_basis="separate_consent",
    st3_retention_set="yes",
    st3_retention_days=365,
    se1_controls=["encryption", "security_audit", "access_control"],
    se2_mlps="unsure",
    ia1_pia_before="yes",
    ia1_pia_date="2025-05-20",
    ia2_pia_items=["lawfulness_necessity", "rights_impact", "leak_risk"],
    sh2_processors="yes",
    sh2_contract="yes",
    sa3_remote_identification="yes",
)

# A children's training centre in Shenzhen that checks pupils in by face.
TRAINING_CENTRE = complete_answers(
    org_name="深圳启明教育培训有限公司",
    scenario_name="学员人脸签到",
    scenario_description="教室门口的平板电脑通过人脸识别为学员签到，并通知家长。",
    sector="education",
    province="广东省",
    sc1_fr_identity="yes",
    sc1_mode="verification",
    fl1_people_stored=800,
    mn1_under14="yes",
    bp_internal_management="yes",
    cn1_legal_basis="written_consent",
    cn2_consent_separate_before="yes",
    cn4_notice_items=["handler_identity", "purpose_method_retention"],
    st1_storage_location=["device_only"],
    se1_controls=["access_control", "authorisation_management"],
    mn1_guardian_consent="yes",
    mn3_fr_on_children="yes",
)


def download_pdf(page: Page, language: str) -> bytes:
    """Choose the PDF's language, ask for it, let the worker render it, then download it, as a user does."""
    from django.core.management import call_command

    edition = page.get_by_role("group", name=ui_text("Language of the PDF", language))
    edition.get_by_label("简体中文" if language == "zh-hans" else "English", exact=True).check()
    page.get_by_role("button", name=ui_text("Prepare PDF", language)).click()
    page.wait_for_load_state()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1")  # the queue's worker
    page.reload()
    row = page.locator(f'.pdf-edition[data-edition="{language}"][data-answers="1"]')
    with page.expect_download(timeout=PDF_TIMEOUT_MS) as started:
        row.get_by_role("link", name=ui_text("Download PDF", language)).click()
    download = started.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    return Path(download.path()).read_bytes()


def checker(page: Page, language: str, shots: tuple[str, ...] = ()) -> Any:
    def check(step: str) -> None:
        check_accessibility(page, f"{language}/step-{step}")
        if step in shots:
            screenshot(page, f"{language}-step-{step}")

    return check


def test_a_new_user_assesses_a_store_entrance_in_english(page: Page, another_device: Page) -> None:
    wizard = WizardDriver(page, "en")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="简体中文")).to_have_attribute("lang", "zh-Hans")
    check_accessibility(page, "en/start")
    screenshot(page, "en-start")
    wizard.start()
    check = checker(page, "en", shots=("scope",))

    # Say the entrance is a public place: the public-places section appears next.
    first_try = {**STORE_ENTRANCE, "pl1_public_place": "yes"}
    assert wizard.walk(first_try, until="public_places", check=check) == [
        "scenario",
        "scope",
        "purpose",
        "alternatives",
        "sites",
    ]
    expect(wizard.sections()).to_contain_text(wizard.step_title("public_places"))
    check_accessibility(page, "en/step-public_places")

    # Go back, find the answer kept, change it: the section disappears.
    wizard.back()
    assert wizard.step == "sites"
    public_place = wizard.question("pl1_public_place")
    expect(wizard.choice(public_place, "yes")).to_be_checked()
    wizard.answer(public_place, "no")
    wizard.submit()
    assert wizard.step == "premises"
    for skipped in ("public_places", "minors"):
        expect(wizard.sections()).not_to_contain_text(wizard.step_title(skipped))

    # Half-way through consent, leave; come back later from the link, on another device.
    wizard.walk(STORE_ENTRANCE, until="consent", check=check)
    resume_link = page.locator(".resume-link a").get_attribute("href")
    assert resume_link
    legal_basis = wizard.question("cn1_legal_basis")
    wizard.answer(legal_basis, "separate_consent")
    wizard.press(wizard.text("Save and finish later"))
    saved = wizard.text("Your answers are saved. To continue later, open this link: %(link)s")
    expect(page.get_by_role("status")).to_contain_text(saved.split("%(link)s")[0].strip())
    expect(page.get_by_role("status")).to_contain_text(resume_link.rstrip("/").rsplit("/", 1)[-1])
    expect(page.get_by_role("row", name=STORE_ENTRANCE["org_name"])).to_be_visible()

    laptop = WizardDriver(another_device)
    laptop.page.goto(resume_link)
    assert laptop.step == "consent"
    expect(laptop.choice(legal_basis, "separate_consent")).to_be_checked()
    visited = laptop.walk(STORE_ENTRANCE, check=checker(laptop.page, "en", shots=("consent",)))
    assert "minors" not in visited and "public_places" not in visited

    # The result, and the PDF to hand to the client.
    assert laptop.on_result
    expect(laptop.page.get_by_role("main")).to_contain_text(STORE_ENTRANCE["org_name"])
    check_accessibility(laptop.page, "en/result")
    screenshot(laptop.page, "en-result")
    check_pdf(download_pdf(laptop.page, "en"), "en-report", STORE_ENTRANCE["org_name"])


def test_a_chinese_speaking_user_switches_language_mid_step_and_finishes_in_chinese(page: Page) -> None:
    wizard = WizardDriver(page, "en")
    wizard.start(regime_label=wizard.catalogue.regime("draft-2023").name.get(wizard.language))
    for question_id in ("org_name", "scenario_name"):
        wizard.answer(wizard.question(question_id), TRAINING_CENTRE[question_id])
    step_url = page.url

    # The switcher keeps the step and what was typed, and the page speaks Chinese.
    wizard.press("简体中文")
    wizard.language = "zh-hans"
    assert page.url == step_url
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text(wizard.step_title("scenario"))
    for question_id in ("org_name", "scenario_name"):
        expect(wizard.field(wizard.question(question_id))).to_have_value(TRAINING_CENTRE[question_id])
    expect(page.get_by_role("button", name="English")).to_have_attribute("lang", "en")

    visited = wizard.walk(TRAINING_CENTRE, check=checker(page, "zh", shots=("scenario", "minors")))
    assert "minors" in visited and "public_places" not in visited
    assert wizard.on_result
    expect(page.get_by_role("main")).to_contain_text(TRAINING_CENTRE["org_name"])
    check_accessibility(page, "zh/result")
    screenshot(page, "zh-result")
    check_pdf(download_pdf(page, "zh-hans"), "zh-report", TRAINING_CENTRE["org_name"])

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("row", name=TRAINING_CENTRE["org_name"])).to_be_visible()
    check_accessibility(page, "zh/start")
    screenshot(page, "zh-start")
