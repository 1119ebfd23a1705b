"""What only a browser shows about accessibility: error announcements, keyboard use, no JavaScript.

axe-core runs on every page these tests reach (see also test_assessment_flow.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from assessment.catalogue.model import Question
from tests.browser.checks import check_accessibility, screenshot
from tests.browser.wizard_driver import WizardDriver
from tests.conftest import complete_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = {"org_name": "Acme Retail", "scenario_name": "Store entrance", "sc1_fr_identity": "yes"}


def switch_to(wizard: WizardDriver, language: str) -> None:
    """Use the page's own language switcher."""
    if language != wizard.language:
        wizard.press("简体中文" if language == "zh-hans" else "English")
        wizard.language = language


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_step_with_errors_says_what_is_wrong_next_to_each_field_and_at_the_top(page: Page, language: str) -> None:
    wizard = WizardDriver(page)
    wizard.start()
    switch_to(wizard, language)
    org_name, scenario_name, description, sector = (
        wizard.question(q) for q in ("org_name", "scenario_name", "scenario_description", "sector")
    )
    wizard.answer(org_name, "深圳某某科技有限公司")
    wizard.answer(description, "Badge readers at the staff entrance.\nFaces are matched on the device.")
    wizard.submit()  # no scenario name, no sector

    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text(wizard.text("Please correct the following:"))
    message = wizard.text("Please answer this question.")

    def summary_line(question: Question) -> str:
        return wizard.text("%(label)s: %(error)s") % {"label": question.label.get(language), "error": message}

    for question in (scenario_name, sector):
        expect(summary.get_by_role("link", name=summary_line(question))).to_be_visible()
    assert page.title().startswith(f"{wizard.text('Error:')} {wizard.step_title('scenario')}")

    # Each message sits by its field and is the field's accessible description.
    name_input = wizard.field(scenario_name)
    expect(name_input).to_have_attribute("aria-invalid", "true")
    expect(name_input).to_have_accessible_description(f"{scenario_name.help.get(language)} {message}")
    expect(wizard.field(sector)).to_have_accessible_description(message)
    expect(page.locator("#field-sector .errors")).to_have_text(message)
    expect(wizard.field(org_name)).not_to_have_attribute("aria-invalid", "true")

    # Nothing typed is lost.
    expect(wizard.field(org_name)).to_have_value("深圳某某科技有限公司")
    expect(wizard.field(description)).to_have_value(
        "Badge readers at the staff entrance.\nFaces are matched on the device."
    )

    check_accessibility(page, f"{language[:2]}/step-scenario-errors")
    screenshot(page, f"{language[:2]}-step-errors")

    # The summary's link takes the cursor to the question.
    summary.get_by_role("link", name=summary_line(sector)).click()
    expect(wizard.choice(sector, sector.choice_codes[0])).to_be_focused()

    wizard.answer(scenario_name, "Staff entrance")
    wizard.answer(sector, "employer")
    wizard.submit()
    assert wizard.step == "scope"


class KeyboardUser:
    """Reaches every control with Tab and works it with Space, Enter and the arrow keys."""

    def __init__(self, wizard: WizardDriver) -> None:
        self.wizard = wizard
        self.page = wizard.page
        self.keyboard = wizard.page.keyboard

    def tab_to(self, target: str, value: str, limit: int = 60) -> None:
        """Tab until the focused element's `target` attribute (id, name) is `value`."""
        for _ in range(limit):
            self.keyboard.press("Tab")
            if self.page.evaluate(
                "([k, v]) => document.activeElement && document.activeElement[k] === v", [target, value]
            ):
                self.assert_focus_is_visible()
                return
        raise AssertionError(f"Tab never reached the element whose {target} is {value!r}")

    def assert_focus_is_visible(self) -> None:
        style = self.page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert style[0] != "none" and style[1] >= 2, f"no visible focus ring: {style}"

    def answer(self, question_id: str, value: Any) -> None:
        question = self.wizard.question(question_id)
        if question.type == "multiple":
            for code in question.choice_codes:
                box = self.wizard.choice(question, code)
                self.tab_to("id", box.get_attribute("id") or "")
                if box.is_checked() != (code in value):
                    self.keyboard.press("Space")
        elif question.type in ("yes_no", "yes_no_unsure", "single"):
            self.choose(question_id, question.choice_codes.index(value))
        else:
            self.tab_to("id", self.wizard.field(question).get_attribute("id") or "")
            self.keyboard.type(str(value))
        if question.type != "multiple":
            return
        for code in question.choice_codes:
            expect(self.wizard.choice(question, code)).to_be_checked(checked=code in value)

    def choose(self, question_id: str, index: int) -> None:
        """Tab into the radio group, then arrows to the choice (arrows select as they move)."""
        question = self.wizard.question(question_id)
        self.tab_to("name", f"{self.wizard.step}-{question_id}")
        radios: Locator = self.wizard.field(question).get_by_role("radio")
        ids = [radio.get_attribute("id") for radio in radios.all()]
        current = ids.index(self.page.evaluate("() => document.activeElement.id"))
        if not radios.nth(current).is_checked():
            self.keyboard.press("Space")
        for _ in range(abs(index - current)):
            self.keyboard.press("ArrowDown" if index > current else "ArrowUp")
        expect(radios.nth(index)).to_be_checked()

    def submit(self) -> None:
        with self.page.expect_navigation():
            self.tab_to("className", "button primary")
            self.keyboard.press("Enter")


def test_the_whole_wizard_can_be_completed_with_the_keyboard_alone(page: Page) -> None:
    wizard = WizardDriver(page)
    user = KeyboardUser(wizard)
    answers = complete_answers(
        **BASE, sector="employer", fl1_people_stored=2000, se1_controls=["encryption", "access_control"]
    )
    page.goto("/")

    user.tab_to("className", "skip-link")
    expect(page.get_by_role("link", name=wizard.text("Skip to main content"))).to_be_in_viewport()
    page.keyboard.press("Enter")
    with page.expect_navigation():
        user.tab_to("className", "button primary")
        page.keyboard.press("Enter")
    assert wizard.step == "scenario"

    # Enter in a text field continues (it must not switch language or go back).
    for question_id in ("org_name", "scenario_name", "scenario_description", "sector", "province"):
        user.answer(question_id, answers[question_id])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert wizard.step == "scope"

    steps = 1
    while not wizard.on_result and steps < 2 * len(wizard.catalogue.steps):
        for question in wizard.catalogue.questions_in_step(wizard.step):
            if question.id in answers and wizard.field(question).is_visible():
                user.answer(question.id, answers[question.id])
        user.submit()
        steps += 1
        expect(page.locator(".error-summary")).to_have_count(0)
    assert wizard.on_result
    expect(page.get_by_role("main")).to_contain_text("Acme Retail")


def test_a_step_works_without_javascript(new_context: Any) -> None:
    page = new_context(java_script_enabled=False).new_page()
    wizard = WizardDriver(page)
    wizard.start()
    answers = complete_answers(**BASE)
    wizard.answer_step(answers)
    wizard.submit()
    assert wizard.step == "scope"

    # Without the script, a follow-up is shown from the start and the server decides.
    mode = wizard.question("sc1_mode")
    expect(wizard.field(mode)).to_be_visible()
    wizard.answer_step({k: v for k, v in answers.items() if k != "sc1_mode"})
    wizard.submit()
    assert wizard.step == "scope"
    expect(page.get_by_role("alert")).to_contain_text(mode.label.en)
    expect(wizard.choice(wizard.question("sc1_fr_identity"), "yes")).to_be_checked()
    expect(wizard.field(wizard.question("fl1_people_stored"))).to_have_value(str(answers["fl1_people_stored"]))
    # (axe-core itself is a script: it checks the same page with JavaScript, elsewhere.)

    # The language switcher is a plain submit button: it works too, and keeps the answers.
    switch_to(wizard, "zh-hans")
    assert wizard.step == "scope"
    expect(wizard.choice(wizard.question("sc1_fr_identity"), "yes")).to_be_checked()
    wizard.answer(mode, "both")
    wizard.submit()
    assert wizard.step == "purpose"


PHONE = {"width": 320, "height": 640}


def assert_fits_the_screen(page: Page, name: str) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than the screen"
    screenshot(page, f"en-phone-{name}")


@pytest.mark.browser_context_args(viewport=PHONE)
def test_pages_reflow_on_a_narrow_screen(page: Page) -> None:
    """WCAG 1.4.10: content fits 320 CSS pixels wide (400% zoom on a laptop) without a sideways scroll."""
    wizard = WizardDriver(page)
    page.goto("/")
    assert_fits_the_screen(page, "start")
    wizard.start()
    wizard.answer_step(complete_answers(**BASE))
    wizard.submit()
    assert_fits_the_screen(page, "step-scope")
    wizard.walk(complete_answers(**{**BASE, "sc1_fr_identity": "no", "sc3_face_analysis": "no"}))
    assert wizard.on_result
    assert_fits_the_screen(page, "result")
