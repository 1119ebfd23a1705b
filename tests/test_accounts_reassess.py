"""Reassessing: a completed assessment copied into a new draft a year later, the two linked."""

from __future__ import annotations

from django.urls import reverse

from assessment.assessments.models import Assessment
from tests.cast import Cast, cast, make_assessment

__all__ = ["cast"]


def test_reassessing_copies_the_answers_into_a_linked_draft(cast: Cast) -> None:
    old = make_assessment(cast.organisation, scenario_name="Lobby gate")
    client = cast.client("editor")
    response = client.post(reverse("accounts:reassess", args=[old.token]))
    new = Assessment.objects.exclude(pk=old.pk).get()
    assert response["Location"] == reverse("assessment:resume", args=[new.token])
    assert new.status == "draft" and new.reassessed_from == old and new.organisation == cast.organisation
    assert new.answers == old.answers and new.regime == old.regime
    assert new.created_by == cast.users["editor"]
    assert new.audit_events.filter(kind="reassessed").exists()
    old.refresh_from_db()
    assert old.status == "complete" and list(old.reassessments.all()) == [new]


def test_both_history_pages_show_the_link(cast: Cast) -> None:
    old = make_assessment(cast.organisation)
    client = cast.client("owner")
    client.post(reverse("accounts:reassess", args=[old.token]))
    new = old.reassessments.get()
    old_page = client.get(reverse("accounts:history", args=[old.token])).content.decode()
    assert "Reassessed as" in old_page and reverse("accounts:history", args=[new.token]) in old_page
    new_page = client.get(reverse("accounts:history", args=[new.token])).content.decode()
    assert "Reassessment of" in new_page and reverse("accounts:history", args=[old.token]) in new_page


def test_a_draft_cannot_be_reassessed(cast: Cast) -> None:
    draft = make_assessment(cast.organisation, complete=False)
    response = cast.client("editor").post(reverse("accounts:reassess", args=[draft.token]))
    assert response.status_code == 200
    assert "Only a completed assessment can be reassessed." in response.content.decode()
    assert Assessment.objects.count() == 1


def test_the_new_draft_opens_in_the_wizard_with_the_answers_filled_in(cast: Cast) -> None:
    old = make_assessment(cast.organisation)
    client = cast.client("editor")
    client.post(reverse("accounts:reassess", args=[old.token]))
    new = old.reassessments.get()
    page = client.get(reverse("assessment:step", args=[new.token, "scenario"])).content.decode()
    assert 'value="Acme Retail"' in page
