"""Walking the wizard with the test client: branches, resume, back, errors, parallel tabs."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.wizard.forms import StepForm
from tests.conftest import WizardWalker, complete_answers

pytestmark = pytest.mark.django_db

BASE = {"org_name": "Acme Retail", "scenario_name": "Store entrance", "sc1_fr_identity": "yes"}


def test_a_business_without_facial_recognition_answers_two_steps(walker: WizardWalker) -> None:
    assessment = walker.start()
    answers = complete_answers(**{**BASE, "sc1_fr_identity": "no", "sc3_face_analysis": "no"})
    assert walker.walk(assessment, answers) == ["scenario", "scope"]
    assessment.refresh_from_db()
    assert assessment.is_complete


def test_a_store_in_a_public_place_is_asked_about_signs_but_not_about_children(walker: WizardWalker) -> None:
    assessment = walker.start()
    visited = walker.walk(assessment, complete_answers(**BASE, pl1_public_place="yes", mn1_under14="no"))
    assert "public_places" in visited
    assert "minors" not in visited
    assessment.refresh_from_db()
    assert assessment.answers["pl3_signage"] == "no"


def test_a_training_centre_with_children_is_asked_for_guardian_consent(walker: WizardWalker) -> None:
    assessment = walker.start()
    answers = complete_answers(**BASE, mn1_under14="yes", fl1_people_stored=150_000, fl2_filed="yes")
    visited = walker.walk(assessment, answers)
    assert "minors" in visited and "public_places" not in visited
    assessment.refresh_from_db()
    assert assessment.answers["mn1_guardian_consent"] == "no"
    assert assessment.answers["fl2_filed_on_time"] == "no"  # shown only above 100,000 people


def test_finishing_marks_the_assessment_complete_and_shows_the_result(walker: WizardWalker, client: Client) -> None:
    assessment = walker.start()
    walker.walk(assessment, complete_answers(**BASE))
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.COMPLETE and assessment.completed_at is not None
    response = client.get(f"/a/{assessment.token}/result/")
    assert response.status_code == 200
    assert "Acme Retail" in response.content.decode()


def test_each_valid_step_is_saved_at_once_in_a_single_update(walker: WizardWalker) -> None:
    assessment = walker.start()
    with CaptureQueriesContext(connection) as queries:
        response = walker.submit(assessment, "scenario", complete_answers(**BASE))
    assert response.status_code == 302
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "wizard_assessment"')]
    # One compare-and-swap write of the answers, carrying where to resume as well.
    assert len(updates) == 1
    assert '"answers"' in updates[0] and "\"current_step\" = 'scope'" in updates[0] and '"version" = 0' in updates[0]
    assessment.refresh_from_db()
    assert assessment.answers["org_name"] == "Acme Retail"
    assert assessment.completed_steps == ["scenario"]


def test_a_user_can_close_the_browser_and_resume_from_the_link(walker: WizardWalker) -> None:
    assessment = walker.start()
    answers = complete_answers(**BASE)
    walker.submit(assessment, "scenario", answers)
    other_device = Client()
    response = other_device.get(f"/a/{assessment.token}/")
    assert response.status_code == 302 and response["Location"].endswith("/step/scope/")
    page = other_device.get(f"/a/{assessment.token}/step/scenario/").content.decode()
    assert 'value="Acme Retail"' in page


def test_going_back_keeps_what_was_typed_on_both_steps(walker: WizardWalker, client: Client) -> None:
    assessment = walker.start()
    answers = complete_answers(**BASE)
    walker.submit(assessment, "scenario", answers)
    # Half of the scope step typed, then Back.
    response = walker.submit(assessment, "scope", {"sc1_fr_identity": "yes"}, wizard_goto_step="scenario")
    assert response.status_code == 302 and response["Location"].endswith("/step/scenario/")
    assert 'value="Acme Retail"' in client.get(response["Location"]).content.decode()
    scope_page = client.get(walker.step_url(assessment, "scope")).content.decode()
    assert 'name="scope-sc1_fr_identity" value="yes" required' in scope_page or (
        'value="yes" id="id_scope-sc1_fr_identity_0" checked' in scope_page
    )


def test_a_step_with_errors_keeps_every_value_and_lists_the_errors(walker: WizardWalker) -> None:
    assessment = walker.start()
    answers = complete_answers(**BASE)
    del answers["scenario_description"]
    answers["org_name"] = "深圳某某科技有限公司"
    response = walker.submit(assessment, "scenario", answers)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert '<a href="#field-scenario_description">' in page
    assert 'id="id_scenario-scenario_description_error"' in page
    assert 'value="深圳某某科技有限公司"' in page and 'value="Store entrance"' in page


def test_an_integer_that_is_not_a_number_gets_a_message_not_an_error_page(walker: WizardWalker) -> None:
    assessment = walker.start()
    answers = complete_answers(**BASE)
    walker.submit(assessment, "scenario", answers)
    response = walker.submit(assessment, "scope", {**answers, "fl1_people_stored": "lots"})
    assert response.status_code == 200
    assert "Enter a whole number." in response.content.decode()


def test_two_assessments_in_two_tabs_keep_their_own_answers(walker: WizardWalker) -> None:
    first, second = walker.start(), walker.start()
    walker.submit(first, "scenario", complete_answers(**BASE))
    walker.submit(second, "scenario", complete_answers(**{**BASE, "org_name": "Beta Hotel"}))
    walker.submit(first, "scope", complete_answers(**BASE))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.answers["org_name"] == "Acme Retail" and second.answers["org_name"] == "Beta Hotel"
    assert first.current_step == "purpose" and second.current_step == "scope"


def test_an_answer_that_hides_later_steps_drops_their_answers(walker: WizardWalker) -> None:
    assessment = walker.start()
    walker.walk(assessment, complete_answers(**BASE, pl1_public_place="yes"))
    assessment.refresh_from_db()
    assert "pl3_signage" in assessment.answers
    response = walker.submit(assessment, "sites", complete_answers(**BASE, pl1_public_place="no"))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert "pl3_signage" not in assessment.answers
    assert "public_places" not in assessment.completed_steps
    assert assessment.status == Assessment.Status.DRAFT  # changed answers reopen it


def test_a_follow_up_in_the_same_step_is_required_only_when_it_applies(walker: WizardWalker) -> None:
    assessment = walker.start()
    answers = complete_answers(**BASE, pl1_public_place="yes", pl5_other_uses="yes")
    walker.walk(assessment, {k: v for k, v in answers.items()})
    assessment.refresh_from_db()
    assert assessment.answers["pl5_other_uses_consent"] == "no"
    missing = {k: v for k, v in answers.items() if k != "pl5_other_uses_consent"}
    response = walker.submit(assessment, "public_places", missing)
    assert response.status_code == 200 and "Please answer this question." in response.content.decode()
    no_other_use = {**missing, "pl5_other_uses": "no", "pl5_other_uses_consent": "yes"}
    assert walker.submit(assessment, "public_places", no_other_use).status_code == 302
    assessment.refresh_from_db()
    assert "pl5_other_uses_consent" not in assessment.answers


def test_an_unknown_assessment_link_is_a_404(client: Client) -> None:
    assert client.get("/a/not-a-real-token/step/scenario/").status_code == 404
    assert client.get("/a/not-a-real-token/result/").status_code == 404


def test_the_start_page_offers_this_visitors_assessments(walker: WizardWalker, client: Client) -> None:
    assessment = walker.start()
    walker.submit(assessment, "scenario", complete_answers(**BASE))
    page = client.get("/").content.decode()
    assert "Acme Retail" in page and f"/a/{assessment.token}/" in page
    assert "Acme Retail" not in Client().get("/").content.decode()


def test_the_progress_counts_the_steps_that_may_still_apply(walker: WizardWalker, client: Client) -> None:
    assessment = walker.start()
    page = client.get(walker.step_url(assessment, "scenario")).content.decode()
    assert "Step 1 of 16" in page  # nothing answered yet: every section may apply
    answers = complete_answers(**BASE)
    walker.submit(assessment, "scenario", answers)
    walker.submit(assessment, "scope", answers)
    page = client.get(walker.step_url(assessment, "purpose")).content.decode()
    assert "Step 3 of 15" in page  # no children; public places and premises not answered yet
    assert "Save and continue" in page
    walker.submit(assessment, "purpose", answers)
    walker.submit(assessment, "alternatives", answers)
    walker.submit(assessment, "sites", answers)
    page = client.get(walker.step_url(assessment, "consent")).content.decode()
    assert "Step 6 of 13" in page  # no public place or premises either


def test_the_last_button_says_finish_only_once_no_later_section_can_apply(walker: WizardWalker, client: Client) -> None:
    assessment = walker.start()
    walker.submit(assessment, "scenario", complete_answers(**BASE))
    scope_url = walker.step_url(assessment, "scope")
    assert "Save and continue" in client.get(scope_url).content.decode()  # nothing ruled out yet
    no_faces = complete_answers(**{**BASE, "sc1_fr_identity": "no", "sc3_face_analysis": "no"})
    walker.submit(assessment, "scope", no_faces, wizard_goto_step="scenario")  # Back, answers kept
    assert "Finish and see the result" in client.get(scope_url).content.decode()


def test_dates_follow_the_language(walker: WizardWalker, client: Client) -> None:
    assessment = walker.start()
    walker.submit(assessment, "scenario", complete_answers(**BASE))
    assessment.refresh_from_db()
    edited = timezone.localtime(assessment.updated_at)
    english = client.get("/").content.decode()
    assert f"{edited.day} {edited:%b} {edited.year}" in english  # "22 Nov 2026", not 11/22/2026
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert f"{edited.year}年{edited.month}月{edited.day}日" in chinese


def _all_steps_saved(walker: WizardWalker, client: Client) -> Assessment:
    """Every step saved and the assessment completed, then reopened: ready to be finished again."""
    assessment = walker.start()
    walker.walk(assessment, complete_answers(**BASE))
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.DRAFT, completed_at=None)
    assessment.refresh_from_db()
    return assessment


def test_finishing_completes_without_building_each_step_form_again(
    walker: WizardWalker, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment = _all_steps_saved(walker, client)
    built: list[str] = []
    original = StepForm.__init__

    def counting(form: StepForm, *args: Any, **kwargs: Any) -> None:
        built.append(form.step.id)
        original(form, *args, **kwargs)

    monkeypatch.setattr(StepForm, "__init__", counting)
    response = client.get(walker.step_url(assessment, "finish"))
    assert response["Location"] == f"/a/{assessment.token}/result/"
    assert Assessment.objects.get(pk=assessment.pk).is_complete
    assert len(built) <= 1  # formtools hands the last step's form over; revalidating built every step's


def test_finishing_with_a_stored_answer_no_longer_valid_goes_back_to_its_step(
    walker: WizardWalker, client: Client
) -> None:
    assessment = _all_steps_saved(walker, client)
    Assessment.objects.filter(pk=assessment.pk).update(answers={**assessment.answers, "fl1_people_stored": -5})
    response = client.get(walker.step_url(assessment, "finish"))
    assert response["Location"] == walker.step_url(assessment, default_catalogue().question("fl1_people_stored").step)
    assert not Assessment.objects.get(pk=assessment.pk).is_complete
    page = client.get(response["Location"]).content.decode()
    assert "greater than or equal to 0" in page


def test_finishing_with_a_step_never_saved_goes_to_that_step(walker: WizardWalker, client: Client) -> None:
    assessment = _all_steps_saved(walker, client)
    Assessment.objects.filter(pk=assessment.pk).update(
        completed_steps=[s for s in assessment.completed_steps if s != "security"]
    )
    response = client.get(walker.step_url(assessment, "finish"))
    assert response["Location"] == walker.step_url(assessment, "security")
    assert not Assessment.objects.get(pk=assessment.pk).is_complete
