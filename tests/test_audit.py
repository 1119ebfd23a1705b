"""The audit trail: who changed which answer, when, at which step, from what to what."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from assessment.assessments.models import Assessment
from assessment.audit.models import AuditEvent
from assessment.catalogue import default_catalogue
from tests.cast import Cast, cast, make_assessment
from tests.conftest import WizardWalker, complete_answers

__all__ = ["cast"]

BASE = {"org_name": "Acme Retail", "scenario_name": "Store entrance", "sc1_fr_identity": "yes"}


def answer_events(assessment: Assessment) -> list[AuditEvent]:
    return list(assessment.audit_events.filter(kind="answer_changed").order_by("id"))


def test_every_answer_of_a_step_is_recorded_with_who_and_where(cast: Cast) -> None:
    walker = WizardWalker(cast.client("editor"))
    assessment = walker.start()
    assert assessment.organisation == cast.organisation
    answers = complete_answers(**BASE)
    walker.submit(assessment, "scenario", answers)
    events = answer_events(assessment)
    scenario_questions = [q.id for q in default_catalogue().questions_in_step("scenario") if q.id in answers]
    assert [e.question_id for e in events] == scenario_questions
    assert all(e.user == cast.users["editor"] and e.step == "scenario" and e.old_value is None for e in events)
    assert {e.question_id: e.new_value for e in events}["org_name"] == "Acme Retail"


def test_changing_one_answer_records_its_old_and_new_value_only(cast: Cast) -> None:
    walker = WizardWalker(cast.client("owner"))
    assessment = walker.start()
    answers = complete_answers(**BASE)
    walker.submit(assessment, "scenario", answers)
    before = AuditEvent.objects.count()
    walker.submit(assessment, "scenario", {**answers, "org_name": "Acme Retail Group"})
    (event,) = AuditEvent.objects.order_by("id")[before:]
    assert (event.question_id, event.old_value, event.new_value) == ("org_name", "Acme Retail", "Acme Retail Group")
    assert event.user == cast.users["owner"]
    assessment.refresh_from_db()
    assert assessment.updated_by == cast.users["owner"]


def test_resubmitting_the_same_answers_records_nothing(cast: Cast) -> None:
    walker = WizardWalker(cast.client("editor"))
    assessment = walker.start()
    walker.submit(assessment, "scenario", complete_answers(**BASE))
    before = AuditEvent.objects.count()
    walker.submit(assessment, "scenario", complete_answers(**BASE))
    assert AuditEvent.objects.count() == before


def test_completing_and_reopening_are_recorded(cast: Cast) -> None:
    walker = WizardWalker(cast.client("editor"))
    assessment = walker.start()
    walker.walk(assessment, complete_answers(**BASE))
    assert list(assessment.audit_events.exclude(kind="answer_changed").values_list("kind", flat=True)) == ["completed"]
    walker.submit(assessment, "scenario", complete_answers(**{**BASE, "scenario_name": "Back door"}))
    kinds = list(assessment.audit_events.order_by("id").values_list("kind", flat=True))
    assert kinds[-2:] == ["reopened", "answer_changed"]
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_answers_dropped_by_a_branch_are_recorded_as_removed(cast: Cast) -> None:
    walker = WizardWalker(cast.client("editor"))
    assessment = walker.start()
    walker.walk(assessment, complete_answers(**BASE, pl1_public_place="yes"))
    walker.submit(assessment, "sites", complete_answers(**BASE, pl1_public_place="no"))
    removed = assessment.audit_events.get(question_id="pl3_signage", new_value__isnull=True)
    assert removed.old_value == "no" and removed.step == "public_places"


def test_an_anonymous_visitor_is_recorded_as_anonymous(client: Client, db: None) -> None:
    walker = WizardWalker(client)
    assessment = walker.start()
    walker.submit(assessment, "scenario", complete_answers(**BASE))
    assert assessment.audit_events.exists()
    assert not assessment.audit_events.filter(user__isnull=False).exists()
    page = client.get(reverse("accounts:history", args=[assessment.token])).content.decode()
    assert "Anonymous visitor" in page


def test_the_history_page_shows_question_and_answer_labels(cast: Cast) -> None:
    walker = WizardWalker(cast.client("editor"))
    assessment = walker.start()
    answers = complete_answers(**BASE)
    walker.walk(assessment, answers)
    walker.submit(assessment, "scope", {**answers, "sc1_fr_identity": "no"})
    page = cast.client("viewer").get(reverse("accounts:history", args=[assessment.token])).content.decode()
    question = default_catalogue().question("sc1_fr_identity")
    assert question.label.en in page
    row = page[page.rindex(question.label.en) :]
    row = row[: row.index("</tr>")]
    assert (
        'data-label="Old answer">Yes</td>' in row and 'data-label="New answer">No</td>' in row
    )  # labels, not the codes yes/no
    assert "Eddie Editor" in page and "Completed" in page and "Reopened" in page


def test_a_deletion_leaves_only_a_note_without_answers(cast: Cast) -> None:
    assessment = make_assessment(cast.organisation)
    cast.client("owner").post(reverse("accounts:delete", args=[assessment.token]))
    event = AuditEvent.objects.get(kind="deleted")
    assert event.organisation == cast.organisation and event.user == cast.users["owner"]
    assert event.assessment is None and event.old_value is None and event.new_value is None


@pytest.mark.parametrize("role", ["viewer", "editor", "owner"])
def test_every_member_may_read_the_history(cast: Cast, role: str) -> None:
    assessment = make_assessment(cast.organisation)
    assert cast.client(role).get(reverse("accounts:history", args=[assessment.token])).status_code == 200


def test_a_link_holder_does_not_learn_who_edited_an_anonymous_assessment(cast: Cast, client: Client) -> None:
    assessment = make_assessment(None)
    AuditEvent.objects.create(
        kind=AuditEvent.Kind.ANSWER_CHANGED, user=cast.users["owner"], assessment=assessment, question_id="org_name"
    )
    history = client.get(reverse("accounts:history", args=[assessment.token])).content.decode()
    data = client.get(reverse("accounts:export_data", args=[assessment.token])).content.decode()
    for page in (history, data):
        assert str(cast.users["owner"].email) not in page
    assert "A signed-in user" in history and "signed-in user" in data


def test_members_see_who_edited_their_organisations_assessment(cast: Cast) -> None:
    assessment = make_assessment(cast.organisation)
    AuditEvent.objects.create(
        kind=AuditEvent.Kind.ANSWER_CHANGED, user=cast.users["editor"], assessment=assessment, question_id="org_name"
    )
    data = cast.client("owner").get(reverse("accounts:export_data", args=[assessment.token])).content.decode()
    assert str(cast.users["editor"].email) in data
