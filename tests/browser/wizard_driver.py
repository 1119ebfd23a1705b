"""A person filling in the wizard: every question found by its visible label, in either language.

Labels come from the catalogue (`label.en` / `label.zh`), button names from the UI's translation
catalogue, so the tests follow the pages as they are translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Locator, Page

from assessment.catalogue import Catalogue, default_catalogue
from assessment.catalogue.flow import question_is_shown
from assessment.catalogue.model import Question
from tests.browser.checks import ui_text

STEP_PATH = re.compile(r"^/a/(?P<token>[^/]+)/step/(?P<step>[^/]+)/$")
RESULT_PATH = re.compile(r"^/a/(?P<token>[^/]+)/result/$")
CHOICE_TYPES = ("yes_no", "yes_no_unsure", "single")


def label_pattern(text: str) -> re.Pattern[str]:
    """The question's label, allowing a trailing note such as "(optional)"."""
    return re.compile("^" + re.escape(text) + r"(\s*[(（][^)）]*[)）])?$")


def page_path(page: Page) -> str:
    return urlparse(page.url).path


@dataclass
class WizardDriver:
    page: Page
    language: str = "en"
    catalogue: Catalogue = field(default_factory=default_catalogue)

    # --- where we are ---------------------------------------------------------------------

    @property
    def step(self) -> str:
        match = STEP_PATH.match(page_path(self.page))
        assert match, f"not on a wizard step: {self.page.url}"
        return match.group("step")

    @property
    def on_result(self) -> bool:
        return bool(RESULT_PATH.match(page_path(self.page)))

    def text(self, message: str) -> str:
        return ui_text(message, self.language)

    def step_title(self, step_id: str) -> str:
        return self.catalogue.step(step_id).title.get(self.language)

    def sections(self) -> Locator:
        return self.page.get_by_role("navigation", name=self.text("Sections"))

    # --- answering ------------------------------------------------------------------------

    def question(self, question_id: str) -> Question:
        return self.catalogue.question(question_id)

    def field(self, question: Question) -> Locator:
        """The input, or the group of radios/checkboxes, named by the question's label."""
        name = label_pattern(question.label.get(self.language))
        if question.type in (*CHOICE_TYPES, "multiple"):
            return self.page.get_by_role("group", name=name)
        return self.page.get_by_label(name)

    def choice(self, question: Question, code: str) -> Locator:
        return self.field(question).get_by_label(question.choice_label(code, self.language), exact=True)

    def answer(self, question: Question, value: Any) -> None:
        if question.type in CHOICE_TYPES:
            self.choice(question, value).check()
        elif question.type == "multiple":
            for code in question.choice_codes:
                self.choice(question, code).set_checked(code in value)
        else:
            self.field(question).fill(str(value))

    def answer_step(self, answers: dict[str, Any]) -> None:
        """Answer every question of the current step that applies to `answers`."""
        for question in self.catalogue.questions_in_step(self.step):
            if question.id in answers and question_is_shown(self.catalogue, question, answers):
                self.answer(question, answers[question.id])

    # --- buttons --------------------------------------------------------------------------

    def press(self, button_name: str) -> None:
        """Click a button and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button_name, exact=True).click()

    def submit(self) -> None:
        names = [self.text("Save and continue"), self.text("Finish and see the result")]
        button = self.page.get_by_role("button", name=re.compile("^(" + "|".join(map(re.escape, names)) + ")$"))
        with self.page.expect_navigation():
            button.click()

    def back(self) -> None:
        self.press(self.text("Back"))

    def start(self, regime_label: str | None = None) -> None:
        self.page.goto("/")
        if regime_label:
            self.page.get_by_label(regime_label).check()
        self.press(self.text("Start a new assessment"))
        assert self.step == "scenario"

    def walk(
        self, answers: dict[str, Any], until: str | None = None, check: Callable[[str], None] | None = None
    ) -> list[str]:
        """Answer and submit step after step until the result page (or step `until`).

        `check(step)` runs on each step once it is filled in. Returns the steps submitted.
        """
        visited: list[str] = []
        for _ in range(2 * len(self.catalogue.steps)):
            if self.on_result or self.step == until:
                return visited
            step = self.step
            self.answer_step(answers)
            if check:
                check(step)
            self.submit()
            errors = self.page.locator(".error-summary")
            if errors.count():
                raise AssertionError(f"step {step} was refused: {errors.inner_text()}")
            visited.append(step)
        raise AssertionError(f"the wizard went round in circles: {visited}")
