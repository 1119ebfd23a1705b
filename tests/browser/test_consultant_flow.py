"""A consultancy at work in a real browser: Claire of Lambert Advisory, with a colleague and two
client organisations, completes an assessment for the hotel, reassesses it a year on with changed
answers, reads what changed, tracks an action, exports the action plan and hands over the PDF.

SCREENSHOTS=1 keeps pictures of the changes page, the regime comparison and the action plan, in
English and Chinese (screenshots/consultant-*.png); axe-core checks each of those pages.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import BrowserContext, Page, expect

from assessment.assessments.models import Assessment
from assessment.assessments.services import create_assessment
from assessment.catalogue import default_catalogue
from assessment.organisations.models import Membership, Organisation
from tests.browser.checks import check_accessibility, check_pdf, screenshot, ui_text
from tests.browser.test_assessment_flow import STORE_ENTRANCE, download_pdf
from tests.browser.wizard_driver import WizardDriver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Lantern-harbour-2026"
HOTEL_LEGAL_NAME = "Jinjiang Star Hotels Co., Ltd."
# The hotel recognises guests at its lobby gate; the answers of a store entrance fit it well.
GUEST_CHECK_IN = {
    **STORE_ENTRANCE,
    "org_name": HOTEL_LEGAL_NAME,
    "scenario_name": "Guest recognition at the lobby gate",
    "scenario_description": "Cameras at the lobby gate match arriving guests against enrolled members.",
    "sector": "hospitality",
}
# A year later: the system is graded under the MLPS, and nobody is scanned without opting in.
A_YEAR_LATER = {**GUEST_CHECK_IN, "se2_mlps": "yes", "sa3_remote_identification": "no"}
CLOSED = ("m25-mlps-confirm", "pipl-passive-capture-without-consent")  # "unsure" was a confirm finding
# The two answers changed, and the two follow-ups of remote identification no longer asked.
CHANGED = ("se2_mlps", "sa3_remote_identification", "sa3_conditions_met", "sa4_watchlist")
TRACKED = "pipl-breach-response-plan"
LAST_WEEK = date.today() - timedelta(days=7)  # the breach plan was due then: it shows as overdue


def person(email: str, name: str) -> User:
    first, _space, last = name.partition(" ")
    return User.objects.create_user(email, email, PASSWORD, first_name=first, last_name=last)


@pytest.fixture
def consultancy(db: None) -> dict[str, Any]:
    """Lambert Advisory (Claire, owner; Li, editor) manages a hotel and a gym; the clients are set up
    by the ORM, as their creation pages are someone else's work."""
    claire, li = person("claire@lambert.example", "Claire Lambert"), person("li@lambert.example", "Li Na")
    lambert = Organisation.objects.create(name="Lambert Advisory", kind=Organisation.Kind.CONSULTANCY)
    Membership.objects.create(user=claire, organisation=lambert, role="owner")
    Membership.objects.create(user=li, organisation=lambert, role="editor")
    hotel = Organisation.objects.create(
        name="Jinjiang Star Hotels",
        managed_by=lambert,
        legal_name_en=HOTEL_LEGAL_NAME,
        legal_name_zh="锦江星辰酒店有限公司",
    )
    gym = Organisation.objects.create(name="Harbour Gym", managed_by=lambert)
    Assessment.objects.create(organisation=gym, answers={"scenario_name": "Member entry"}, rating="medium")
    assessment, _secret = create_assessment("measures-2025", hotel, claire)
    return {"claire": claire, "li": li, "hotel": hotel, "gym": gym, "assessment": assessment}


def log_in(page: Page, email: str) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_label(ui_text("E-mail address", "en"), exact=True).fill(email)
    page.get_by_label(ui_text("Password", "en"), exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=ui_text("Log in", "en"), exact=True).click()


def rule_title(rule_id: str, language: str = "en") -> str:
    rule = next(r for r in default_catalogue().rules if r.id == rule_id)
    return rule.title.get(language)


def look(page: Page, name: str) -> None:
    check_accessibility(page, name)
    screenshot(page, f"consultant-{name.replace('/', '-')}")


def test_a_consultant_completes_reassesses_tracks_and_exports_for_a_client(
    page: Page, consultancy: dict[str, Any], new_context: Any
) -> None:
    claire = WizardDriver(page)
    log_in(page, "claire@lambert.example")
    expect(page.get_by_role("main")).to_contain_text("Harbour Gym")  # both clients on the dashboard

    # The assessment for the hotel, answered in full.
    page.goto(reverse("assessment:resume", args=[consultancy["assessment"].token]))
    claire.walk(GUEST_CHECK_IN)
    assert claire.on_result
    expect(page.get_by_role("main")).to_contain_text(HOTEL_LEGAL_NAME)

    # A year on: reassess, change two answers, finish.
    page.goto(reverse("accounts:reassess", args=[consultancy["assessment"].token]))
    claire.press(claire.text("Start the reassessment"))
    claire.walk(A_YEAR_LATER)
    assert claire.on_result
    second = Assessment.objects.get(reassessed_from=consultancy["assessment"])
    expect(page.locator(".changes-since")).to_contain_text(rule_title(CLOSED[0]))

    # The changes page: exactly the closed findings and the changed answers.
    page.goto(reverse("actions:changes", args=[second.token]))
    changes = page.locator(".changes-since")
    closed = changes.locator("h3", has_text=claire.text("Findings closed")).locator("xpath=following-sibling::ul[1]/li")
    expect(closed).to_have_count(len(CLOSED))
    for rule_id in CLOSED:
        expect(closed.filter(has_text=rule_title(rule_id))).to_have_count(1)
    answers = changes.locator("tbody tr")
    expect(answers).to_have_count(len(CHANGED))
    for question_id in CHANGED:
        expect(answers.filter(has_text=default_catalogue().question(question_id).label.get("en"))).to_have_count(1)
    look(page, "en/changes")
    page.goto(reverse("actions:regimes", args=[second.token]))
    look(page, "en/regimes")

    # The action plan, from the result page: the breach plan goes to Li, due last week.
    page.goto(reverse("reports:result", args=[second.token]))
    with page.expect_navigation():
        page.get_by_role("link", name=claire.text("Track the action plan")).click()
    card = page.locator("article.tracked-action", has=page.get_by_role("heading", name=rule_title(TRACKED)))
    card.locator("summary", has_text=claire.text("Change the owner, due date or status")).click()
    card.get_by_label(claire.text("Status")).select_option("risk_accepted")
    with page.expect_navigation():
        card.get_by_role("button", name=claire.text("Save the action")).click()
    card = page.locator("article.tracked-action", has=page.get_by_role("heading", name=rule_title(TRACKED)))
    expect(card.get_by_role("alert")).to_contain_text(claire.text("Accepting a risk needs a written justification."))
    card.get_by_label(claire.text("Status")).select_option("in_progress")
    card.get_by_label(claire.text("Owner")).select_option(label="Li Na")
    card.get_by_label(claire.text("Due date")).fill(LAST_WEEK.isoformat())
    with page.expect_navigation():
        card.get_by_role("button", name=claire.text("Save the action")).click()
    expect(page.get_by_role("status")).to_contain_text(claire.text("The action is saved."))
    card = page.locator("article.tracked-action", has=page.get_by_role("heading", name=rule_title(TRACKED)))
    expect(card.locator(".action-state")).to_contain_text("Li Na")
    expect(card.locator(".notes")).to_contain_text("Claire Lambert")
    look(page, "en/action-plan")

    # The colleague, on her own computer: the scenario once, with its trend; Claire's change on the plan.
    colleague: BrowserContext = new_context()
    li_page = colleague.new_page()
    log_in(li_page, "li@lambert.example")
    row = li_page.get_by_role("row", name=GUEST_CHECK_IN["scenario_name"])
    expect(row).to_have_count(1)
    expect(row).to_contain_text(ui_text("1 earlier assessment", "en"))
    expect(row).to_contain_text("High risk → High risk = unchanged")
    overdue = li_page.get_by_role("region", name=ui_text("Overdue actions", "en"))
    expect(overdue.get_by_role("listitem")).to_have_count(1)
    expect(overdue).to_contain_text(rule_title(TRACKED))
    look(li_page, "en/dashboard")
    li_page.goto(reverse("actions:plan", args=[second.token]))
    li_card = li_page.locator("article.tracked-action", has=li_page.get_by_role("heading", name=rule_title(TRACKED)))
    expect(li_card.locator(".action-state")).to_contain_text(ui_text("In progress", "en"))
    li_card.locator("summary", has_text=ui_text("Add a comment", "en")).click()
    li_card.get_by_label(ui_text("Add a comment", "en")).fill("Drafting the breach plan with the hotel's IT.")
    with li_page.expect_navigation():
        li_card.get_by_role("button", name=ui_text("Add the comment", "en")).click()
    colleague.close()

    # The action plan as XLSX, read back.
    page.goto(reverse("reports:result", args=[second.token]))
    with page.expect_download() as started:
        page.get_by_role("link", name=claire.text("Action plan (XLSX)")).click()
    workbook = load_workbook(io.BytesIO(Path(started.value.path()).read_bytes()))
    actions_sheet, findings_sheet = workbook.worksheets
    rows = {r[0]: r for r in actions_sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[TRACKED][4:7] == ("In progress", "Li Na", LAST_WEEK.isoformat())
    assert not set(CLOSED) & set(rows)  # the closed findings have no action on the reassessment
    assert len(list(findings_sheet.iter_rows(min_row=2))) == len(rows)

    # The PDF, rendered by the worker, to hand to the client.
    check_pdf(download_pdf(page, "en"), "consultant-en-report", HOTEL_LEGAL_NAME)

    # The same three pages in Chinese.
    page.goto(reverse("actions:changes", args=[second.token]))
    claire.press("简体中文")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator(".changes-since")).to_contain_text(rule_title(CLOSED[0], "zh"))
    look(page, "zh/changes")
    page.goto(reverse("actions:regimes", args=[second.token]))
    look(page, "zh/regimes")
    page.goto(reverse("actions:plan", args=[second.token]))
    expect(page.locator("main")).to_contain_text(rule_title(TRACKED, "zh"))
    look(page, "zh/action-plan")
