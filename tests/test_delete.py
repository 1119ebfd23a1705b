"""Deleting an assessment or a whole organisation leaves no rows behind; the data can be downloaded first."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from assessment.assessments.models import Assessment
from assessment.audit.models import AuditEvent
from assessment.organisations.models import Invitation, Membership, Organisation
from tests.cast import Cast, cast, make_assessment
from tests.conftest import WizardWalker, complete_answers

__all__ = ["cast"]

SECRET = "Zebra Crossing Pilot 7781"  # a scenario name that must vanish with its assessment


def rows_referring_to(model: type[models.Model], pk: int) -> dict[str, int]:
    """For every model with a foreign key to `model`: how many rows still point at `pk`."""
    counts = {}
    for other in apps.get_models():
        for field in other._meta.get_fields():
            if field.concrete and field.is_relation and field.many_to_one and field.related_model is model:
                counts[f"{other._meta.label}.{field.name}"] = other._default_manager.filter(
                    **{field.attname: pk}
                ).count()
    return counts


def database_dump() -> str:
    out = StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def assessment_with_everything(cast: Cast) -> Assessment:
    """A completed assessment with answers typed by a member, its history, and a cached PDF if reports cache them."""
    walker = WizardWalker(cast.client("editor"))
    assessment = walker.start()
    walker.walk(assessment, complete_answers(org_name="Acme Retail", scenario_name=SECRET, sc1_fr_identity="yes"))
    assessment.refresh_from_db()
    assert assessment.organisation == cast.organisation and assessment.audit_events.count() > 3
    if apps.is_installed("assessment.reports") and "cachedreport" in apps.all_models["reports"]:
        apps.get_model("reports", "CachedReport").objects.create(assessment=assessment, key="k" * 64, pdf=b"%PDF")
    return assessment


def test_the_confirmation_page_offers_the_data_first(cast: Cast) -> None:
    assessment = assessment_with_everything(cast)
    client = cast.client("owner")
    page = client.get(reverse("accounts:delete", args=[assessment.token])).content.decode()
    download = reverse("accounts:export_data", args=[assessment.token])
    assert f'href="{download}"' in page
    response = client.get(download)
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["answers"]["scenario_name"] == SECRET
    assert {"question": "scenario_name", "new_value": SECRET}.items() <= next(
        e for e in data["history"] if e["question"] == "scenario_name"
    ).items()
    assert data["history"][0]["user"] == "eddie@acme.example"


def test_deleting_an_assessment_leaves_no_rows_behind(cast: Cast) -> None:
    assessment = assessment_with_everything(cast)
    reassessed = make_assessment(cast.organisation)
    Assessment.objects.filter(pk=reassessed.pk).update(reassessed_from=assessment)
    assert SECRET in database_dump()
    response = cast.client("owner").post(reverse("accounts:delete", args=[assessment.token]))
    assert response.status_code == 302
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert set(rows_referring_to(Assessment, assessment.pk).values()) == {0}
    assert SECRET not in database_dump()
    assert Assessment.objects.filter(pk=reassessed.pk).exists()  # another assessment, kept, unlinked
    assert AuditEvent.objects.filter(kind="deleted", organisation=cast.organisation).count() == 1


def test_deleting_the_organisation_takes_everything_of_it(cast: Cast) -> None:
    assessment = assessment_with_everything(cast)
    organisation = cast.organisation
    Invitation.objects.create(organisation=organisation, email="nina@acme.example", token_hash="h" * 64)
    elsewhere = make_assessment(cast.other_organisation, org_name="Rival Hotels", scenario_name="Rival lobby")
    client = cast.client("owner")
    page = client.get(reverse("accounts:delete_organisation", args=[organisation.pk])).content.decode()
    assert reverse("accounts:export_org_data", args=[organisation.pk]) in page
    data = json.loads(client.get(reverse("accounts:export_org_data", args=[organisation.pk])).content)
    assert data["assessments"][0]["answers"]["scenario_name"] == SECRET
    assert {m["email"] for m in data["members"]} == {"olivia@acme.example", "eddie@acme.example", "vera@acme.example"}

    response = client.post(reverse("accounts:delete_organisation", args=[organisation.pk]), {"name": "Acme Retail"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert set(rows_referring_to(Organisation, organisation.pk).values()) == {0}
    assert set(rows_referring_to(Assessment, assessment.pk).values()) == {0}
    assert SECRET not in database_dump() and "Acme Retail" not in database_dump()
    # People and other organisations are not the organisation's data.
    assert User.objects.count() == 4 and Assessment.objects.filter(pk=elsewhere.pk).exists()
    assert Membership.objects.filter(user=cast.users["owner"]).count() == 0


def test_the_organisation_name_must_be_typed_to_delete_it(cast: Cast) -> None:
    client = cast.client("owner")
    response = client.post(reverse("accounts:delete_organisation", args=[cast.organisation.pk]), {"name": "acme"})
    assert response.status_code == 200
    assert "That is not the organisation&#x27;s name; nothing was deleted." in response.content.decode()
    assert Organisation.objects.filter(pk=cast.organisation.pk).exists()


@pytest.mark.parametrize("role", ["editor", "viewer", "outsider"])
def test_only_an_owner_deletes_or_downloads_the_organisation(cast: Cast, role: str) -> None:
    client = cast.client(role)
    for name in ("accounts:delete_organisation", "accounts:export_org_data"):
        assert client.get(reverse(name, args=[cast.organisation.pk])).status_code == 404
    assert (
        client.post(
            reverse("accounts:delete_organisation", args=[cast.organisation.pk]), {"name": "Acme Retail"}
        ).status_code
        == 404
    )
    assert Organisation.objects.filter(pk=cast.organisation.pk).exists()


def test_the_owner_sees_who_deleted_an_assessment_and_when(cast: Cast) -> None:
    assessment = make_assessment(cast.organisation, scenario_name=SECRET)
    client = cast.client("owner")
    client.post(reverse("accounts:delete", args=[assessment.token]))
    page = client.get(reverse("accounts:organisation", args=[cast.organisation.pk])).content.decode()
    assert "Assessment deleted (olivia@acme.example)" in page
    assert SECRET not in page
