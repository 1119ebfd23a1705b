"""A consultancy's workspace, as its people use it: an owner adds a client with its profile, edits
it, restricts it to a colleague and opens it again; the client's own staff are invited in and see
only their client; a new assessment for a client starts from the client's profile."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.organisations import prefill
from assessment.organisations.models import ClientAssignment, Membership, Organisation
from tests.cast import add_member, client_for, make_assessment, make_user

VALID_USCC = "91350100M000100Y43"
PROFILE = {
    "name": "Jinjiang Star",
    "legal_name_zh": "锦江之星旅馆有限公司",
    "legal_name_en": "Jinjiang Star Hotels Co., Ltd.",
    "unified_social_credit_code": VALID_USCC,
    "registered_address": "上海市徐汇区漕溪北路1号",
    "province": "上海",
    "legal_representative": "王明",
    "pi_officer_name": "李华",
    "pi_officer_contact": "dpo@jinjiang.example",
}


@pytest.fixture
def lambert(db: None) -> dict[str, Any]:
    """Claire owns Lambert Advisory; Chen is an editor there, Vera a viewer."""
    users = {
        "claire": make_user("claire@lambert.example", name="Claire Lambert"),
        "chen": make_user("chen@lambert.example", name="Chen Wei"),
        "vera": make_user("vera@lambert.example", name="Vera Viewer"),
    }
    consultancy = Organisation.objects.create(name="Lambert Advisory", kind=Organisation.Kind.CONSULTANCY)
    add_member(consultancy, users["claire"], "owner")
    add_member(consultancy, users["chen"], "editor")
    add_member(consultancy, users["vera"], "viewer")
    return {"consultancy": consultancy, **users}


def add_client(owner: User, consultancy: Organisation, **profile: str) -> Any:
    return client_for(owner).post(reverse("accounts:client_new", args=[consultancy.pk]), {**PROFILE, **profile})


def test_a_consultancy_owner_adds_a_client_with_its_profile(lambert: dict[str, Any]) -> None:
    response = add_client(lambert["claire"], lambert["consultancy"])
    client = Organisation.objects.get(name="Jinjiang Star")
    assert response["Location"] == reverse("accounts:organisation", args=[client.pk])
    assert client.managed_by == lambert["consultancy"] and client.kind == Organisation.Kind.BUSINESS
    assert {field: getattr(client, field) for field in PROFILE} == PROFILE
    assert not client.memberships.exists()  # reached through the consultancy, not by membership
    page = client_for(lambert["chen"]).get(reverse("accounts:organisation", args=[client.pk])).content.decode()
    assert "锦江之星旅馆有限公司" in page and "Managed by Lambert Advisory." in page
    listing = client_for(lambert["vera"]).get(reverse("accounts:organisation", args=[lambert["consultancy"].pk]))
    assert "Jinjiang Star" in listing.content.decode()


def test_a_mistyped_credit_code_is_refused_and_nothing_is_created(lambert: dict[str, Any]) -> None:
    response = add_client(lambert["claire"], lambert["consultancy"], unified_social_credit_code="91350100M000100Y44")
    assert response.status_code == 200
    assert "check character" in response.content.decode()
    assert not Organisation.objects.filter(managed_by=lambert["consultancy"]).exists()


def test_only_the_consultancy_owner_adds_clients(lambert: dict[str, Any]) -> None:
    for who in ("chen", "vera"):
        assert add_client(lambert[who], lambert["consultancy"]).status_code == 404
    business = Organisation.objects.create(name="Acme Retail")
    add_member(business, lambert["claire"], "owner")
    assert add_client(lambert["claire"], business).status_code == 404  # a business has no clients
    assert not Organisation.objects.filter(managed_by__isnull=False).exists()


def test_an_editor_corrects_the_profile_and_only_changed_columns_are_written(lambert: dict[str, Any]) -> None:
    add_client(lambert["claire"], lambert["consultancy"])
    client = Organisation.objects.get(name="Jinjiang Star")
    url = reverse("accounts:client_profile", args=[client.pk])
    editor = client_for(lambert["chen"])
    assert "锦江之星旅馆有限公司" in editor.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        response = editor.post(url, {**PROFILE, "province": "江苏", "unified_social_credit_code": "91110000600037341l"})
    assert response.status_code == 302
    update = next(q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE"))
    assert "province" in update and "unified_social_credit_code" in update and "legal_name_zh" not in update
    client.refresh_from_db()
    assert (client.province, client.unified_social_credit_code) == ("江苏", "91110000600037341L")
    assert client_for(lambert["vera"]).post(url, {**PROFILE, "province": "浙江"}).status_code == 404
    client.refresh_from_db()
    assert client.province == "江苏"


def test_an_owner_restricts_a_client_to_a_colleague_and_opens_it_again(lambert: dict[str, Any]) -> None:
    add_client(lambert["claire"], lambert["consultancy"])
    client = Organisation.objects.get(name="Jinjiang Star")
    assessment = make_assessment(client)
    history = reverse("accounts:history", args=[assessment.token])
    owner = client_for(lambert["claire"])
    restriction = reverse("accounts:client_restriction", args=[client.pk])
    page = owner.get(restriction).content.decode()
    assert "Chen Wei (Editor)" in page and "Claire" not in page.split("<form")[1]  # owners are not listed
    assert owner.post(restriction, {"members": [lambert["chen"].pk]}).status_code == 302
    assert list(client.assignments.values_list("user__email", flat=True)) == ["chen@lambert.example"]
    assert client_for(lambert["chen"]).get(history).status_code == 200
    assert client_for(lambert["vera"]).get(history).status_code == 404  # not named
    assert owner.get(history).status_code == 200  # owners always
    # Only the consultancy's owner decides, and only its members can be named.
    stranger = make_user("stranger@example.com")
    assert client_for(lambert["chen"]).post(restriction, {"members": [lambert["chen"].pk]}).status_code == 404
    owner.post(restriction, {"members": [lambert["chen"].pk, stranger.pk]})
    assert not ClientAssignment.objects.filter(user=stranger).exists()
    assert owner.post(reverse("accounts:lift_restriction", args=[client.pk])).status_code == 302
    assert not client.assignments.exists()
    assert client_for(lambert["vera"]).get(history).status_code == 200


def test_client_staff_are_invited_into_their_client_and_see_only_it(
    lambert: dict[str, Any], mailoutbox: list[Any]
) -> None:
    add_client(lambert["claire"], lambert["consultancy"])
    hotel = Organisation.objects.get(name="Jinjiang Star")
    gym = Organisation.objects.create(name="Harbour Gym", managed_by=lambert["consultancy"])
    hotel_work, gym_work = make_assessment(hotel), make_assessment(gym)
    owner = client_for(lambert["claire"])
    response = owner.post(
        reverse("accounts:invite", args=[hotel.pk]), {"email": "li@jinjiang.example", "role": "editor"}
    )
    assert response.status_code == 302
    link = re.search(r"https?://[^/]+(/invitations/\S+/)", mailoutbox[-1].body)
    assert link is not None
    li = make_user("li@jinjiang.example")
    staff = client_for(li)
    assert staff.post(link.group(1)).status_code == 302
    assert Membership.objects.get(user=li).organisation == hotel
    assert staff.get(reverse("accounts:history", args=[hotel_work.token])).status_code == 200
    assert staff.get(reverse("accounts:history", args=[gym_work.token])).status_code == 404
    assert staff.get(reverse("accounts:organisation", args=[lambert["consultancy"].pk])).status_code == 404
    assert staff.get(reverse("accounts:organisation", args=[gym.pk])).status_code == 404
    dashboard = staff.get(reverse("accounts:dashboard")).content.decode()
    assert "Jinjiang Star" in dashboard and "Harbour Gym" not in dashboard
    # The client's staff manage neither the consultancy's staffing nor its clients.
    assert staff.get(reverse("accounts:client_restriction", args=[hotel.pk])).status_code == 404


def test_a_consultancy_is_chosen_when_the_organisation_is_created(db: None) -> None:
    claire = make_user("claire@lambert.example")
    client_for(claire).post(reverse("accounts:organisation_new"), {"name": "Lambert Advisory", "kind": "consultancy"})
    consultancy = Organisation.objects.get(name="Lambert Advisory")
    assert consultancy.kind == Organisation.Kind.CONSULTANCY
    page = client_for(claire).get(reverse("accounts:organisation", args=[consultancy.pk])).content.decode()
    assert reverse("accounts:client_new", args=[consultancy.pk]) in page


def test_the_profile_answers_questions_of_the_first_step() -> None:
    first = default_catalogue().steps[0].id
    ids = {q.id for q in default_catalogue().questions_in_step(first)}
    assert {prefill.ORGANISATION_NAME, prefill.PROVINCE} <= ids


def test_a_consultant_starts_an_assessment_for_a_client_and_step_one_comes_from_its_profile(
    lambert: dict[str, Any],
) -> None:
    add_client(lambert["claire"], lambert["consultancy"])
    hotel = Organisation.objects.get(name="Jinjiang Star")
    Organisation.objects.create(
        name="Rival's Client", managed_by=Organisation.objects.create(name="Rival", kind="consultancy")
    )
    chen = client_for(lambert["chen"])
    start = chen.get(reverse("assessment:start"), {"organisation": hotel.pk}).content.decode()
    assert f'<option value="{hotel.pk}" selected>Jinjiang Star</option>' in start
    assert "Rival's Client" not in start
    response = chen.post(reverse("assessment:new"), {"regime": "draft-2023", "organisation": hotel.pk})
    assessment = Assessment.objects.get()
    assert (assessment.organisation, assessment.regime) == (hotel, "draft-2023")
    step = chen.get(response["Location"], follow=True).content.decode()
    assert 'value="Jinjiang Star Hotels Co., Ltd."' in step and 'value="上海"' in step
    chinese = chen.get(response["Location"], follow=True, headers={"accept-language": "zh-hans"})
    assert 'value="锦江之星旅馆有限公司"' in chinese.content.decode()
    assert "org_name" not in Assessment.objects.get().answers  # a suggestion until the step is saved


def test_a_viewer_of_the_consultancy_cannot_start_an_assessment_for_a_client(lambert: dict[str, Any]) -> None:
    hotel = Organisation.objects.create(name="Jinjiang Star", managed_by=lambert["consultancy"])
    client_for(lambert["vera"]).post(reverse("assessment:new"), {"organisation": hotel.pk})
    assert Assessment.objects.get().organisation is None  # an anonymous quick assessment, as for any viewer


def test_no_template_compares_role_names() -> None:
    """Roles become permissions in one place (OrganisationAccess.can); templates only read flags."""
    templates = Path(__file__).resolve().parent.parent / "templates"
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if re.search(r"role\s*(==|!=)|(==|!=)\s*['\"](owner|editor|viewer)['\"]", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_last_of_the_client_staff_may_leave_because_the_consultancy_keeps_the_client(
    lambert: dict[str, Any],
) -> None:
    hotel = Organisation.objects.create(name="Jinjiang Star", managed_by=lambert["consultancy"])
    li = make_user("li@jinjiang.example")
    membership = add_member(hotel, li, "owner")
    response = client_for(li).post(reverse("accounts:remove_member", args=[hotel.pk, membership.pk]))
    assert response["Location"] == reverse("accounts:dashboard")
    assert not hotel.memberships.exists()
    assert client_for(lambert["claire"]).get(reverse("accounts:organisation", args=[hotel.pk])).status_code == 200


FUZZ = settings(
    max_examples=6,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NASTY = st.sampled_from(["", "\x00", "a\nb", "a" * 301, "<script>x</script>", "91350100m000100y43", "锦江", "\u202e"])
TEXT = st.one_of(NASTY, st.text(max_size=40))


def test_the_workspace_forms_survive_fuzzed_input(lambert: dict[str, Any]) -> None:
    """No input is a server error; a rejected profile leaves the client as it was."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessment.organisations.models import Logo

    hotel = Organisation.objects.create(name="Jinjiang Star", managed_by=lambert["consultancy"], province="上海")
    owner = client_for(lambert["claire"])
    urls = {
        "new": reverse("accounts:client_new", args=[lambert["consultancy"].pk]),
        "profile": reverse("accounts:client_profile", args=[hotel.pk]),
        "restriction": reverse("accounts:client_restriction", args=[hotel.pk]),
    }

    @FUZZ
    @given(data=st.fixed_dictionaries({field: TEXT for field in PROFILE}), members=st.lists(TEXT, max_size=3))
    def run(data: dict[str, str], members: list[str]) -> None:
        before = Organisation.objects.filter(pk=hotel.pk).values().get()
        for name in ("new", "profile"):
            response = owner.post(urls[name], data)
            assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert Organisation.objects.filter(pk=hotel.pk).values().get() == before
        assert owner.post(urls["restriction"], {"members": members}).status_code in (200, 302)

    @FUZZ
    @given(content=st.one_of(st.binary(max_size=300), st.text(max_size=200).map(str.encode)), name=TEXT)
    def upload(content: bytes, name: str) -> None:
        file = SimpleUploadedFile(name.replace("\x00", "") or "x", content)
        response = owner.post(reverse("accounts:logo", args=[lambert["consultancy"].pk]), {"logo": file})
        assert response.status_code == 200  # refused: nothing random is a PNG or a static SVG
        assert not Logo.objects.exists()

    run()
    upload()
