"""Tracked actions: one per finding, carried over to a reassessment by rule, overdue ones found,
exported as XLSX and CSV and read back."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from assessment.actions.exports import actions_csv, actions_xlsx
from assessment.actions.models import Action
from assessment.actions.services import (
    StaleAction,
    add_comment,
    carry_over,
    overdue_actions,
    owner_candidates,
    sync_actions,
    update_action,
)
from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.organisations.models import ClientAssignment, Organisation
from assessment.scoring import score
from tests.cast import add_member, client_for, make_organisation, make_user
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
    add_member(first.organisation, claire, "editor")
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


# The action-plan page: members with edit rights track each finding's action; viewers read it.


def consultancy_with_client() -> dict[str, Any]:
    """Lambert Advisory manages the hotel; Claire owns the consultancy, Li edits there, Zhou is the
    hotel's own viewer, Wang is a consultancy editor kept off the hotel once it is restricted."""
    people = {
        "claire": make_user("claire@lambert.example", name="Claire Lambert"),
        "li": make_user("li@lambert.example", name="Li Na"),
        "wang": make_user("wang@lambert.example", name="Wang Wei"),
        "zhou": make_user("zhou@jinjiang.example", name="Zhou Min"),
        "oscar": make_user("oscar@rival.example", name="Oscar Outsider"),
    }
    consultancy = Organisation.objects.create(name="Lambert Advisory", kind=Organisation.Kind.CONSULTANCY)
    add_member(consultancy, people["claire"], "owner")
    add_member(consultancy, people["li"], "editor")
    add_member(consultancy, people["wang"], "editor")
    hotel = Organisation.objects.create(name="Jinjiang Star Hotels", managed_by=consultancy)
    add_member(hotel, people["zhou"], "viewer")
    make_organisation("Rival Hotels", owner=people["oscar"])
    assessment = Assessment.objects.create(
        organisation=hotel, answers=scenario_answers("fitness-app-bundled-consent"), status="complete"
    )
    return {**people, "hotel": hotel, "assessment": assessment}


def plan_url(assessment: Assessment) -> str:
    return reverse("actions:plan", args=[assessment.token])


def post_action(
    client: Client, action: Action, version: int | None = None, language: str = "en", **values: object
) -> HttpResponse:
    fields = {"owner": "", "due_date": "", "status": action.status, "justification": "", **values}
    data = {f"action-{action.pk}-{name}": value for name, value in fields.items()}
    data[f"action-{action.pk}-version"] = action.version if version is None else version
    url = reverse("actions:update", args=[action.assessment.token, action.pk])
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)


def test_an_editor_sets_owner_due_date_and_status_and_the_thread_records_who_changed_what() -> None:
    cast = consultancy_with_client()
    li = client_for(cast["li"])
    page = li.get(plan_url(cast["assessment"]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    result = score(default_catalogue(), "measures-2025", cast["assessment"].answers)
    for finding in result.findings:
        assert finding.rule.title.get("en") in page
    assert "PIPL Art 13" in page  # each finding with its citation
    action = Action.objects.get(assessment=cast["assessment"], rule_id="pipl-legal-basis")

    response = post_action(
        li, action, owner=cast["zhou"].pk, due_date="2026-06-30", status="in_progress", justification=""
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#action-{action.pk}")
    action.refresh_from_db()
    assert (action.owner, action.due_date, action.status, action.version) == (
        cast["zhou"],
        date(2026, 6, 30),
        "in_progress",
        1,
    )
    assert action.updated_by == cast["li"]
    note = action.comments.get()
    assert note.author == cast["li"] and note.changes == {
        "owner": ["", "Zhou Min"],
        "due_date": ["", "2026-06-30"],
        "status": ["open", "in_progress"],
    }
    page = li.get(plan_url(cast["assessment"]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Li Na" in page and "Status: Open → In progress" in page and "Due date: — → 2026-06-30" in page


def test_owners_offered_are_the_clients_staff_and_the_consultants_who_reach_it() -> None:
    cast = consultancy_with_client()
    assert {u.email for u in owner_candidates(cast["hotel"])} == {
        "claire@lambert.example",
        "li@lambert.example",
        "wang@lambert.example",
        "zhou@jinjiang.example",
    }
    ClientAssignment.objects.create(client=cast["hotel"], user=cast["li"])  # restricted to Li (and the owner)
    assert {u.email for u in owner_candidates(cast["hotel"])} == {
        "claire@lambert.example",
        "li@lambert.example",
        "zhou@jinjiang.example",
    }
    page = client_for(cast["li"]).get(plan_url(cast["assessment"])).content.decode()
    assert "Zhou Min" in page and "Wang Wei" not in page and "Oscar" not in page
    action = Action.objects.get(assessment=cast["assessment"], rule_id="pipl-legal-basis")
    for stranger in ("wang", "oscar"):
        response = post_action(client_for(cast["li"]), action, owner=cast[stranger].pk)
        assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    action.refresh_from_db()
    assert action.owner is None and action.version == 0


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Accepting a risk needs a written justification."), ("zh-hans", "接受风险须附书面理由说明。")],
)
def test_accepting_a_risk_without_a_written_justification_is_a_clear_form_error(language: str, message: str) -> None:
    cast = consultancy_with_client()
    claire = client_for(cast["claire"])
    claire.get(plan_url(cast["assessment"]))
    action = Action.objects.get(assessment=cast["assessment"], rule_id="pipl-legal-basis")
    response = post_action(claire, action, status="risk_accepted", justification="   ", language=language)
    assert response.status_code == 200
    assert message in response.content.decode()
    action.refresh_from_db()
    assert action.status == "open" and not action.comments.exists()
    post_action(claire, action, status="risk_accepted", justification="Board decision of 2026-03-02, minutes §4")
    action.refresh_from_db()
    assert (action.status, action.justification) == ("risk_accepted", "Board decision of 2026-03-02, minutes §4")


def test_a_viewer_reads_the_plan_and_its_comments_but_changes_nothing() -> None:
    cast = consultancy_with_client()
    client_for(cast["li"]).get(plan_url(cast["assessment"]))  # an editor opened it: the actions exist
    action = Action.objects.get(assessment=cast["assessment"], rule_id="pipl-legal-basis")
    add_comment(action, cast["li"], "Asked the hotel for its consent records.")
    zhou = client_for(cast["zhou"])
    page = zhou.get(plan_url(cast["assessment"])).content.decode()
    assert "Asked the hotel for its consent records." in page
    assert "<form" not in page.split("<main", 1)[1].split("</main>")[0]
    assert post_action(zhou, action, status="done").status_code == 404
    comment_url = reverse("actions:comment", args=[cast["assessment"].token, action.pk])
    assert zhou.post(comment_url, {f"comment-{action.pk}-text": "Done!"}).status_code == 404
    assert client_for(cast["oscar"]).get(plan_url(cast["assessment"])).status_code == 404
    action.refresh_from_db()
    assert action.status == "open" and action.comments.count() == 1


def test_a_viewer_opening_the_plan_first_creates_no_rows() -> None:
    cast = consultancy_with_client()
    page = client_for(cast["zhou"]).get(plan_url(cast["assessment"])).content.decode()
    assert "Nobody yet" in page and not Action.objects.exists()


def test_two_people_editing_one_action_get_a_conflict_not_a_silent_loss() -> None:
    cast = consultancy_with_client()
    claire, li = client_for(cast["claire"]), client_for(cast["li"])
    claire.get(plan_url(cast["assessment"]))
    action = Action.objects.get(assessment=cast["assessment"], rule_id="pipl-legal-basis")
    seen = action.version  # both opened the page at this version

    assert post_action(claire, action, version=seen, status="done").status_code == 302
    stale = post_action(li, action, version=seen, status="open", owner=cast["li"].pk)
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Someone else changed this action after you opened the page" in page and "Claire Lambert" in page
    action.refresh_from_db()
    assert (action.status, action.owner) == ("done", None)  # Claire's change stands
    # Li's values are kept in the form, against the new version: saving again is a deliberate choice.
    assert f'name="action-{action.pk}-version" value="{action.version}"' in page
    assert post_action(li, action, version=action.version, status="done", owner=cast["li"].pk).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.owner) == ("done", cast["li"])


def test_a_stale_page_whose_values_match_what_is_stored_saves_without_a_conflict() -> None:
    cast = consultancy_with_client()
    claire = client_for(cast["claire"])
    claire.get(plan_url(cast["assessment"]))
    action = Action.objects.get(assessment=cast["assessment"], rule_id="pipl-legal-basis")
    update_action(action, cast["li"], 0, due_date=date(2026, 9, 1))
    with pytest.raises(StaleAction):
        update_action(Action.objects.get(pk=action.pk), cast["claire"], 0, due_date=date(2026, 10, 1))
    same = update_action(Action.objects.get(pk=action.pk), cast["claire"], 0, due_date=date(2026, 9, 1))
    assert same.version == 1 and Action.objects.get(pk=action.pk).comments.count() == 1


def test_comments_are_added_by_editors_and_an_empty_one_is_refused() -> None:
    cast = consultancy_with_client()
    li = client_for(cast["li"])
    li.get(plan_url(cast["assessment"]))
    action = Action.objects.get(assessment=cast["assessment"], rule_id="pipl-legal-basis")
    url = reverse("actions:comment", args=[cast["assessment"].token, action.pk])
    assert li.post(url, {f"comment-{action.pk}-text": "  "}).status_code == 200
    assert not action.comments.exists()
    assert li.post(url, {f"comment-{action.pk}-text": "Consent form drafted, sent to legal."}).status_code == 302
    comment = action.comments.get()
    assert (comment.author, comment.text, comment.changes) == (cast["li"], "Consent form drafted, sent to legal.", None)


def test_an_action_of_another_assessment_cannot_be_reached_through_this_one() -> None:
    cast = consultancy_with_client()
    other = Assessment.objects.create(organisation=cast["hotel"], answers=cast["assessment"].answers)
    foreign = Action.objects.create(assessment=other, rule_id="pipl-legal-basis")
    url = reverse("actions:update", args=[cast["assessment"].token, foreign.pk])
    assert client_for(cast["li"]).post(url, {}).status_code == 404


def test_the_plan_page_speaks_chinese_and_the_result_page_links_to_it() -> None:
    cast = consultancy_with_client()
    li = client_for(cast["li"])
    zh = li.get(plan_url(cast["assessment"]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "整改行动计划" in zh and "保存" in zh
    result = li.get(reverse("reports:result", args=[cast["assessment"].token])).content.decode()
    assert plan_url(cast["assessment"]) in result


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_plan_page_with_notes_errors_and_a_conflict_reads_in_one_language(language: str) -> None:
    from tests.test_i18n import assert_all_chinese, assert_all_english, user_values

    cast = consultancy_with_client()
    claire, li = client_for(cast["claire"]), client_for(cast["li"])
    claire.get(plan_url(cast["assessment"]))
    action = Action.objects.get(assessment=cast["assessment"], rule_id="pipl-legal-basis")
    post_action(claire, action, status="done", due_date="2020-01-01", owner=cast["li"].pk)
    add_comment(action, cast["claire"], "OK")
    pages = {
        "plan": li.get(plan_url(cast["assessment"]), HTTP_ACCEPT_LANGUAGE=language).content.decode(),
        "plan with an error": post_action(
            li, Action.objects.get(pk=action.pk), status="risk_accepted", language=language
        ).content.decode(),
        "plan with a conflict": post_action(li, action, version=0, status="open", language=language).content.decode(),
    }
    typed = [*user_values(cast["assessment"].answers), "Claire Lambert", "Li Na", "Zhou Min", "Wang Wei", "OK"]
    typed += ["Lambert Advisory", "Jinjiang Star Hotels"]
    for name, html in pages.items():
        if language == "en":
            assert_all_english(html, name, typed)
        else:
            assert_all_chinese(html, name, typed)


@pytest.mark.parametrize("page_name", ["actions:changes", "actions:regimes"])
def test_the_comparison_pages_read_in_chinese_with_chinese_punctuation(page_name: str) -> None:
    from tests.test_i18n import assert_all_chinese, user_values

    cast = consultancy_with_client()
    answers = cast["assessment"].answers
    # A year on: withdrawal is offered now.
    second = Assessment.objects.create(
        organisation=cast["hotel"],
        answers={**answers, "cn3_withdrawal": "yes"},
        status="complete",
        reassessed_from=cast["assessment"],
    )
    html = client_for(cast["li"]).get(reverse(page_name, args=[second.token]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = html.content.decode()
    assert "（" in page and "；" in page
    assert_all_chinese(page, page_name, [*user_values(answers), "Li Na", "Jinjiang Star Hotels", "Lambert Advisory"])


@pytest.mark.django_db(transaction=True)
def test_two_people_saving_one_action_at_the_same_moment_one_wins_the_other_is_told() -> None:
    import threading

    from django.db import connection

    cast = consultancy_with_client()
    result = score(default_catalogue(), "measures-2025", cast["assessment"].answers)
    action = next(a for a in sync_actions(cast["assessment"], result) if a.rule_id == "pipl-legal-basis")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(who: str, status: str) -> None:
        try:
            barrier.wait()
            update_action(Action.objects.get(pk=action.pk), cast[who], 0, status=status)
            outcomes[who] = "saved"
        except StaleAction:
            outcomes[who] = "conflict"
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=args) for args in (("claire", "done"), ("li", "in_progress"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(who for who, outcome in outcomes.items() if outcome == "saved")
    stored = Action.objects.get(pk=action.pk)
    assert (stored.status, stored.version, stored.updated_by) == (
        {"claire": "done", "li": "in_progress"}[winner],
        1,
        cast[winner],
    )
    assert stored.comments.count() == 1
