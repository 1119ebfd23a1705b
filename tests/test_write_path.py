"""One write path: concurrent editors, stale tabs, deletion and claims never lose or revive anything."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.assessments import services
from assessment.assessments.models import Assessment
from assessment.audit.models import AuditEvent
from assessment.catalogue import default_catalogue
from assessment.catalogue.flow import shown_steps
from assessment.wizard.storage import SEEN_FIELD, parse_seen, seen_value
from tests.cast import PASSWORD, make_organisation, make_user
from tests.conftest import WizardWalker, complete_answers, step_post_data

BASE = {"org_name": "Acme Retail", "scenario_name": "Store entrance", "sc1_fr_identity": "yes"}
TRIALS = 50


def answered_assessment() -> Assessment:
    """An anonymous assessment with every applicable step saved through the service."""
    assessment, _secret = services.create_assessment("measures-2025", None, None)
    answers = complete_answers(**BASE)
    catalogue = default_catalogue()
    for step in shown_steps(catalogue, answers):
        step_answers = {q.id: answers[q.id] for q in catalogue.questions_in_step(step.id) if q.id in answers}
        assessment = services.record_answers(assessment.pk, step.id, step_answers, None)
    return assessment


def post_step(
    client: Client, assessment: Assessment, step: str, answers: dict[str, Any], seen: str, **extra: str
) -> Any:
    data = {**step_post_data(step, answers), SEEN_FIELD: seen, **extra}
    return client.post(f"/a/{assessment.token}/step/{step}/", data)


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_two_steps_at_the_same_moment_both_keep_their_changes() -> None:
    assessment = answered_assessment()
    lost = 0
    for trial in range(TRIALS):
        stored = Assessment.objects.get(pk=assessment.pk)
        answers = dict(stored.answers)
        mine = {**answers, "scenario_description": f"Entrance gates, trial {trial}"}
        theirs = {**answers, "pn1_purpose_documented": "yes" if trial % 2 == 0 else "no"}
        barrier = threading.Barrier(2)
        statuses: list[int] = []

        def edit(
            step: str,
            values: dict[str, Any],
            seen: str,
            barrier: threading.Barrier = barrier,
            stored: Assessment = stored,
            statuses: list[int] = statuses,
        ) -> None:
            # Each thread is one editor on its own database connection, through the storage's write path.
            try:
                step_answers = {q.id: values.get(q.id) for q in default_catalogue().questions_in_step(step)}
                barrier.wait()
                services.record_answers(stored.pk, step, step_answers, None, parse_seen(seen))
                statuses.append(302)
            finally:
                connection.close()

        threads = [
            threading.Thread(target=edit, args=("scenario", mine, seen_value(stored, "scenario"))),
            threading.Thread(target=edit, args=("purpose", theirs, seen_value(stored, "purpose"))),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert statuses == [302, 302]
        after = Assessment.objects.get(pk=assessment.pk)
        kept = (
            after.answers["scenario_description"] == mine["scenario_description"]
            and after.answers["pn1_purpose_documented"] == theirs["pn1_purpose_documented"]
        )
        lost += not kept
    print(f"\nrace: {TRIALS} trials on {connection.vendor}, {lost} lost")
    assert lost == 0
    # The audit trail replays to exactly what is stored: it records nothing that was not kept.
    replayed: dict[str, Any] = {}
    for event in AuditEvent.objects.filter(assessment_id=assessment.pk, kind="answer_changed").order_by("at", "id"):
        if event.new_value is None:
            replayed.pop(event.question_id, None)
        else:
            replayed[event.question_id] = event.new_value
    assert replayed == Assessment.objects.get(pk=assessment.pk).answers


@pytest.mark.django_db
def test_a_stale_tab_is_shown_the_clash_with_both_values_and_keeps_what_was_typed(client: Client) -> None:
    assessment = answered_assessment()
    stale_seen = seen_value(assessment, "scenario")
    other = Client()
    fresh = {**assessment.answers, "org_name": "Beta Holdings"}
    assert post_step(other, assessment, "scenario", fresh, stale_seen).status_code == 302

    typed = {**assessment.answers, "org_name": "Alpha Trading", "scenario_name": "Staff gate"}
    response = post_step(client, assessment, "scenario", typed, stale_seen)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed these answers" in page
    assert "Alpha Trading" in page and "Beta Holdings" in page  # both values offered
    assert 'value="Staff gate"' in page  # what was typed is still in the form
    stored = Assessment.objects.get(pk=assessment.pk)
    assert stored.answers["org_name"] == "Beta Holdings" and stored.answers["scenario_name"] == "Store entrance"
    assert not AuditEvent.objects.filter(new_value="Alpha Trading").exists()

    # Keeping mine: the page now carries the newer version, so the save goes through.
    response = post_step(client, assessment, "scenario", typed, response.context["seen"], wizard_keep_mine="1")
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.answers["org_name"] == "Alpha Trading" and stored.answers["scenario_name"] == "Staff gate"


@pytest.mark.django_db
def test_keeping_theirs_after_a_clash_keeps_the_saved_value_and_the_rest_of_what_was_typed(client: Client) -> None:
    assessment = answered_assessment()
    stale_seen = seen_value(assessment, "scenario")
    post_step(Client(), assessment, "scenario", {**assessment.answers, "org_name": "Beta Holdings"}, stale_seen)
    typed = {**assessment.answers, "org_name": "Alpha Trading", "scenario_name": "Staff gate"}
    response = post_step(client, assessment, "scenario", typed, stale_seen)
    assert response.context["conflict_ids"] == "org_name"
    response = post_step(client, assessment, "scenario", typed, response.context["seen"], wizard_keep_theirs="org_name")
    assert response.status_code == 302
    stored = Assessment.objects.get(pk=assessment.pk)
    assert stored.answers["org_name"] == "Beta Holdings" and stored.answers["scenario_name"] == "Staff gate"


@pytest.mark.django_db
def test_a_stale_page_does_not_undo_a_change_it_did_not_touch_on_the_same_step(client: Client) -> None:
    assessment = answered_assessment()
    stale_seen = seen_value(assessment, "scenario")
    post_step(Client(), assessment, "scenario", {**assessment.answers, "org_name": "Beta Holdings"}, stale_seen)
    typed = {**assessment.answers, "scenario_name": "Staff gate"}  # org_name as it was loaded
    assert post_step(client, assessment, "scenario", typed, stale_seen).status_code == 302
    stored = Assessment.objects.get(pk=assessment.pk)
    assert stored.answers["org_name"] == "Beta Holdings" and stored.answers["scenario_name"] == "Staff gate"


@pytest.mark.django_db
def test_a_deleted_assessment_stays_deleted_after_a_stale_save(client: Client) -> None:
    assessment = answered_assessment()
    seen = seen_value(assessment, "scenario")
    services.delete_assessment(assessment.pk, None)
    response = post_step(client, assessment, "scenario", {**assessment.answers, "org_name": "Back?"}, seen)
    assert response.status_code == 404
    with pytest.raises(services.AssessmentGone):
        services.record_answers(assessment.pk, "scenario", {"org_name": "Back?"}, None)
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not AuditEvent.objects.filter(assessment_id=assessment.pk).exists()


@pytest.mark.django_db
def test_a_stale_save_does_not_undo_a_claim(client: Client) -> None:
    walker = WizardWalker(client)
    assessment = walker.start()
    walker.walk(assessment, complete_answers(**BASE))
    assessment.refresh_from_db()
    stale_seen = seen_value(assessment, "scenario")
    stale = Client()
    stale.get(f"/a/{assessment.token}/")  # another link holder's tab, open before the claim
    user = make_user("li.wei@example.cn")
    organisation = make_organisation("Acme", owner=user)
    secrets = client.session["assessment_creator_secrets"]
    assert services.claim_assessments([assessment.token], organisation, user, secrets) == [assessment]
    # The link alone no longer reaches it, and a service-level stale save keeps the organisation.
    assert (
        post_step(stale, assessment, "scenario", {**assessment.answers, "org_name": "X"}, stale_seen).status_code == 404
    )
    services.record_answers(assessment.pk, "scenario", {"org_name": "Acme Retail Ltd"}, None)
    assessment.refresh_from_db()
    assert assessment.organisation == organisation and assessment.answers["org_name"] == "Acme Retail Ltd"


@pytest.mark.django_db
def test_only_the_creating_browser_may_claim_an_anonymous_assessment(client: Client) -> None:
    walker = WizardWalker(client)
    assessment = walker.start()
    walker.walk(assessment, complete_answers(**BASE))
    holder = Client()
    assert holder.get(f"/a/{assessment.token}/result/").status_code == 200  # the link lets one view
    user = make_user("someone@example.cn")
    organisation = make_organisation("Taker", owner=user)
    holder.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    holder.force_login(user)
    page = holder.get(reverse("accounts:claim")).content.decode()
    assert "Store entrance" not in page
    holder.post(reverse("accounts:claim"), {"assessments": [assessment.token], "organisation": organisation.pk})
    assert services.claim_assessments([assessment.token], organisation, user, {assessment.token: "guess"}) == []
    assessment.refresh_from_db()
    assert assessment.organisation is None
    assert client.get(f"/a/{assessment.token}/result/").status_code == 200  # the creator still reaches it


@pytest.mark.django_db(transaction=True)
def test_two_claims_at_once_one_wins() -> None:
    assessment, secret = services.create_assessment("measures-2025", None, None)
    user = make_user("li.wei@example.cn")
    first, second = make_organisation("First", owner=user), make_organisation("Second", owner=user)
    barrier = threading.Barrier(2)
    results: list[int] = []

    def claim(organisation: Any) -> None:
        try:
            barrier.wait()
            results.append(
                len(services.claim_assessments([assessment.token], organisation, user, {assessment.token: secret}))
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(org,)) for org in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert AuditEvent.objects.filter(kind="claimed").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["no-such-step", "public_places"])
def test_a_post_naming_an_unknown_or_closed_step_redirects_with_a_message(client: Client, step: str) -> None:
    assessment = answered_assessment()  # no public place in its answers: public_places is not shown
    response = client.post(
        f"/a/{assessment.token}/step/scenario/", {"assessment_wizard-current_step": step, "scenario-org_name": "X"}
    )
    assert response.status_code == 302
    assert "/step/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "That section does not apply to your answers" in page
    assert Assessment.objects.get(pk=assessment.pk).answers["org_name"] == "Acme Retail"


@pytest.mark.django_db
def test_opening_a_step_does_not_change_last_edited(client: Client) -> None:
    assessment = answered_assessment()
    before = assessment.updated_at
    client.get(f"/a/{assessment.token}/step/purpose/")
    client.get(f"/a/{assessment.token}/step/scenario/")
    assert Assessment.objects.get(pk=assessment.pk).updated_at == before


@pytest.mark.django_db
def test_save_and_finish_later_shows_the_link_to_come_back_to(client: Client) -> None:
    assessment = answered_assessment()
    data = {**step_post_data("scenario", assessment.answers), SEEN_FIELD: seen_value(assessment, "scenario")}
    response = client.post(f"/a/{assessment.token}/step/scenario/", {**data, "wizard_save_exit": "1"}, follow=True)
    assert f"http://testserver/a/{assessment.token}/" in response.content.decode()


def _writes(queries: list[dict[str, str]]) -> list[str]:
    return [
        q["sql"].split(" ", 2)[0] + " " + q["sql"].split('"')[1]
        for q in queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
    ]


@pytest.mark.django_db
def test_saving_a_step_is_one_write_of_the_assessment_with_its_audit_and_the_next_step_to_resume_at(
    client: Client,
) -> None:
    walker = WizardWalker(client)
    assessment = walker.start()
    answers = complete_answers(**BASE)
    walker.submit(assessment, "scenario", answers)
    with CaptureQueriesContext(connection) as saved:
        response = walker.submit(assessment, "scope", answers)
    assert response["Location"].endswith("/step/purpose/")
    assert _writes(saved.captured_queries) == ["UPDATE wizard_assessment", "INSERT audit_auditevent"]
    stored = Assessment.objects.get(pk=assessment.pk)
    assert stored.current_step == "purpose" and "scope" in stored.completed_steps
    with CaptureQueriesContext(connection) as opened:
        client.get(response["Location"])
    assert _writes(opened.captured_queries) == []  # opening the next step writes nothing, not even the session


@pytest.mark.django_db
def test_saving_a_step_again_unchanged_only_notes_where_to_resume_without_a_new_version(client: Client) -> None:
    walker = WizardWalker(client)
    assessment = walker.start()
    answers = complete_answers(**BASE)
    walker.submit(assessment, "scenario", answers)
    walker.submit(assessment, "scope", answers)
    client.get(f"/a/{assessment.token}/step/scenario/")
    version = Assessment.objects.get(pk=assessment.pk).version
    with CaptureQueriesContext(connection) as saved:
        walker.submit(assessment, "scenario", answers)
    stored = Assessment.objects.get(pk=assessment.pk)
    assert (stored.version, stored.current_step) == (version, "scope")
    assert _writes(saved.captured_queries) == ["UPDATE wizard_assessment"]
