"""Shared fixtures and builders for the test suite."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.catalogue.flow import question_is_shown, shown_steps

MANAGEMENT_FIELD = "assessment_wizard-current_step"
DEFAULTS = {"integer": 500, "date": "2025-03-01", "text": "Example"}


def complete_answers(**overrides: Any) -> dict[str, Any]:
    """A full answers document: the override where given, else a plain valid answer."""
    catalogue = default_catalogue()
    answers: dict[str, Any] = {}
    for question in catalogue.questions:
        if not question_is_shown(catalogue, question, answers):
            continue
        if question.id in overrides:
            answers[question.id] = overrides[question.id]
        elif question.type in ("yes_no", "yes_no_unsure"):
            answers[question.id] = "no"
        elif question.type == "single":
            answers[question.id] = question.choice_codes[0]
        elif question.type == "multiple":
            answers[question.id] = [question.choice_codes[0]]
        else:
            answers[question.id] = DEFAULTS[question.type]
    return answers


def step_post_data(step: str, answers: dict[str, Any]) -> dict[str, Any]:
    """POST data for one wizard step from answers-document values."""
    data: dict[str, Any] = {MANAGEMENT_FIELD: step}
    for question in default_catalogue().questions_in_step(step):
        if question.id in answers:
            value = answers[question.id]
            data[f"{step}-{question.id}"] = value if isinstance(value, list) else str(value)
    return data


class WizardWalker:
    """Drives the wizard through the test client the way a browser would."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def start(self, regime: str = "measures-2025") -> Assessment:
        response = self.client.post("/new/", {"regime": regime})
        assert response.status_code == 302
        return Assessment.objects.latest("created_at")

    def step_url(self, assessment: Assessment, step: str) -> str:
        return f"/a/{assessment.token}/step/{step}/"

    def submit(self, assessment: Assessment, step: str, answers: dict[str, Any], **extra: str) -> Any:
        return self.client.post(self.step_url(assessment, step), {**step_post_data(step, answers), **extra})

    def walk(self, assessment: Assessment, answers: dict[str, Any]) -> list[str]:
        """Submit every step that applies, in order; returns the steps visited."""
        catalogue = default_catalogue()
        visited: list[str] = []
        while True:
            assessment.refresh_from_db()
            remaining = [s for s in shown_steps(catalogue, assessment.answers) if s.id not in visited]
            if not remaining:
                return visited
            step = remaining[0].id
            response = self.submit(assessment, step, answers)
            assert response.status_code == 302, f"step {step} did not validate: {_errors(response)}"
            visited.append(step)
            if "/result/" in response["Location"] or response["Location"].endswith("/finish/"):
                if response["Location"].endswith("/finish/"):
                    self.client.get(response["Location"])
                return visited


def _errors(response: Any) -> str:
    form = response.context["wizard"]["form"] if response.context else None
    return str(form.errors) if form is not None else response.content[:500].decode()


@pytest.fixture
def walker(client: Client) -> WizardWalker:
    return WizardWalker(client)


@pytest.fixture
def well_run_answers() -> dict[str, Any]:
    """A complete, well-run staff attendance scenario (also a scoring scenario)."""
    from tests.test_scenarios import scenario_answers

    return scenario_answers("well-run-staff-attendance")
