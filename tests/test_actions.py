"""Tracked actions: one per finding, carried over to a reassessment by rule, overdue ones found,
exported as XLSX and CSV and read back."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import load_workbook

from assessment.actions.exports import actions_csv, actions_xlsx
from assessment.actions.models import Action
from assessment.actions.services import add_comment, carry_over, overdue_actions, sync_actions, update_action
from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.scoring import score
from tests.cast import make_organisation, make_user
from tests.test_scenarios import scenario_answers

pytestmark = pytest.mark.django_db


def scored(answers: dict[str, object]) -> tuple[Assessment, object]:
    organisation = make_organisation("Jinjiang Star Hotels")
    assessment = Assessment.objects.create(organisation=organisation, answers=answers, status="complete")
    return assessment, score(default_catalogue(), "measures-2025", answers)


def test_each_finding_gets_one_action_and_accepting_a_risk_needs_reasons() -> None:
    assessment, result = scored(scenario_answers("fitness-app-bundled-consent"))
    actions = sync_actions(assessment, result)  # type: ignore[arg-type]
    assert [a.rule_id for a in actions] == [f.rule.id for f in result.findings]  # type: ignore[attr-defined]
    assert sync_actions(assessment, result) == actions  # type: ignore[arg-type]  # idempotent
    with pytest.raises(ValidationError):
        update_action(actions[0], status=Action.Status.RISK_ACCEPTED, justification="  ")
    update_action(actions[0], status=Action.Status.RISK_ACCEPTED, justification="Board accepted, minutes 2026-03")
    assert add_comment(actions[0], None, " Raised at the board. ").text == "Raised at the board."


def test_status_owner_and_due_date_carry_over_to_a_reassessment_by_rule() -> None:
    answers = scenario_answers("fitness-app-bundled-consent")
    first, result = scored(answers)
    claire = make_user("claire@lambert.example", name="Claire Lambert")
    actions = {a.rule_id: a for a in sync_actions(first, result)}  # type: ignore[arg-type]
    update_action(
        actions["pipl-legal-basis"], status=Action.Status.IN_PROGRESS, owner=claire, due_date=date(2026, 6, 30)
    )
    update_action(actions["m25-consent-withdrawal"], status=Action.Status.DONE)
    second_answers = {**answers, "cn3_withdrawal": "yes"}  # the withdrawal finding is closed
    second = Assessment.objects.create(
        organisation=first.organisation, answers=second_answers, status="complete", reassessed_from=first
    )
    second_result = score(default_catalogue(), "measures-2025", second_answers)
    carried = {a.rule_id: a for a in carry_over(first, second, second_result)}
    assert "m25-consent-withdrawal" not in carried
    legal = carried["pipl-legal-basis"]
    assert (legal.status, legal.owner, legal.due_date) == ("in_progress", claire, date(2026, 6, 30))
    assert carried["pipl-notice-of-changes"].status == "open"
    assert Action.objects.get(assessment=first, rule_id="pipl-legal-basis").assessment_id == first.pk  # kept
    assert overdue_actions([second], date(2026, 7, 1)) == [legal]
    assert overdue_actions([second], date(2026, 6, 30)) == []


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_xlsx_and_csv_exports_read_back(language: str) -> None:
    assessment, result = scored(scenario_answers("fitness-app-bundled-consent"))
    actions = sync_actions(assessment, result)  # type: ignore[arg-type]
    update_action(actions[0], status=Action.Status.IN_PROGRESS, due_date=date(2026, 6, 30))
    catalogue = default_catalogue()
    with translation.override(language):
        workbook = load_workbook(io.BytesIO(actions_xlsx(catalogue, result, actions, language)))  # type: ignore[arg-type]
        text = actions_csv(catalogue, result, actions, language)  # type: ignore[arg-type]
    action_sheet, finding_sheet = workbook.worksheets
    rows = list(action_sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + len(result.findings)  # type: ignore[attr-defined]
    assert rows[1][0] == "pipl-legal-basis" and rows[1][6] == "2026-06-30"
    assert rows[1][4] == ("处理中" if language.startswith("zh") else "In progress")
    assert [r[0] for r in finding_sheet.iter_rows(min_row=2, values_only=True)] == [
        f.rule.id
        for f in result.findings  # type: ignore[attr-defined]
    ]
    assert text.startswith("\ufeff")
    read = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert [list(map(lambda v: "" if v is None else str(v), r)) for r in rows] == read


def test_a_reassessment_page_shows_what_changed_in_both_languages() -> None:
    from django.urls import reverse

    from tests.cast import add_member, client_for

    answers = scenario_answers("fitness-app-bundled-consent")
    first, _result = scored(answers)
    second = Assessment.objects.create(
        organisation=first.organisation,
        answers={**answers, "cn3_withdrawal": "yes"},
        status="complete",
        reassessed_from=first,
    )
    viewer = make_user("vera@example.com")
    add_member(first.organisation, viewer, "viewer")
    client = client_for(viewer)
    page = client.get(reverse("actions:changes", args=[second.token]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Changes since" in page and "Findings closed" in page
    zh = client.get(reverse("actions:changes", args=[second.token]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "以来的变化" in zh and "已关闭的问题" in zh
    regimes = client.get(reverse("actions:regimes", args=[second.token]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert regimes.status_code == 200 and "仅在2023年征求意见稿下的问题" in regimes.content.decode()
    xlsx = client.get(reverse("actions:export_xlsx", args=[second.token]))
    assert xlsx.status_code == 200 and not Action.objects.filter(assessment=second).exists()  # a viewer writes nothing


def test_the_result_page_of_a_reassessment_has_its_changes_section() -> None:
    from django.urls import reverse

    from tests.cast import add_member, client_for

    answers = scenario_answers("fitness-app-bundled-consent")
    first, _result = scored(answers)
    second = Assessment.objects.create(
        organisation=first.organisation,
        answers={**answers, "cn3_withdrawal": "yes"},
        status="complete",
        reassessed_from=first,
    )
    owner = make_user("owner@example.com")
    add_member(first.organisation, owner, "owner")
    page = client_for(owner).get(reverse("reports:result", args=[second.token]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Findings closed" in page.content.decode()
    first_page = client_for(owner).get(reverse("reports:result", args=[first.token]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Findings closed" not in first_page.content.decode()
