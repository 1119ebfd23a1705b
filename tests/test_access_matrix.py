"""Every assessment URL, for every kind of visitor: members get what their role allows, everyone
else a 404 (never a 403, so that the existence of an assessment does not leak)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from assessment.assessments.models import Assessment
from tests.cast import ROLES, Cast, add_member, cast, client_for, make_assessment, make_user
from tests.conftest import step_post_data

__all__ = ["cast"]  # the fixture, imported for pytest

ACTION = "<an action of the assessment>"  # replaced by the id of a tracked action made for the case
ALLOWED = {"view": {"owner", "editor", "viewer"}, "edit": {"owner", "editor"}, "own": {"owner"}}

# (URL name, extra kwargs, method, access it needs). Report URLs are built by the reports app.
MATRIX: list[tuple[str, dict[str, str], str, str]] = [
    ("assessment:resume", {}, "get", "edit"),
    ("assessment:step", {"step": "scenario"}, "get", "edit"),
    ("assessment:step", {"step": "scenario"}, "post", "edit"),
    ("reports:result", {}, "get", "view"),
    ("reports:pdf", {}, "get", "view"),
    ("reports:request_pdf", {}, "post", "view"),
    ("reports:pdf_status", {}, "get", "view"),
    ("reports:export_json", {}, "get", "view"),
    ("reports:export_csv", {}, "get", "view"),
    ("filing:gap_report_docx", {}, "get", "view"),
    ("accounts:history", {}, "get", "view"),
    ("accounts:export_data", {}, "get", "view"),
    ("accounts:reassess", {}, "get", "edit"),
    ("accounts:reassess", {}, "post", "edit"),
    ("accounts:delete", {}, "get", "own"),
    ("accounts:delete", {}, "post", "own"),
    ("actions:regimes", {}, "get", "view"),
    ("actions:changes", {}, "get", "view"),
    ("actions:export_xlsx", {}, "get", "view"),
    ("actions:export_csv", {}, "get", "view"),
    ("actions:plan", {}, "get", "view"),
    ("actions:update", {"action_id": ACTION}, "post", "edit"),
    ("actions:comment", {"action_id": ACTION}, "post", "edit"),
]


def url_exists(name: str, **kwargs: str) -> bool:
    try:
        reverse(name, kwargs={"token": "x", **{k: "1" if v == ACTION else v for k, v in kwargs.items()}})
    except NoReverseMatch:
        return False
    return True


def matrix_cases() -> list[Any]:
    cases = []
    for name, kwargs, method, need in MATRIX:
        missing = not url_exists(name, **kwargs)
        for role in ROLES:
            marks = [pytest.mark.skip(reason=f"{name} is not built yet")] if missing else []
            cases.append(pytest.param(name, kwargs, method, need, role, marks=marks, id=f"{name}-{method}-{role}"))
    return cases


def url_for(name: str, assessment: Assessment, kwargs: dict[str, str]) -> str:
    if ACTION in kwargs.values():
        from assessment.actions.models import Action

        action = Action.objects.create(assessment=assessment, rule_id="pipl-legal-basis")
        kwargs = {k: str(action.pk) if v == ACTION else v for k, v in kwargs.items()}
    return reverse(name, kwargs={"token": assessment.token, **kwargs})


def request(client: Any, method: str, url: str, assessment: Assessment, kwargs: dict[str, str]) -> Any:
    if method == "get":
        return client.get(url)
    data = step_post_data(kwargs["step"], assessment.answers) if "step" in kwargs else {}
    return client.post(url, data)


@pytest.mark.parametrize(("name", "kwargs", "method", "need", "role"), matrix_cases())
def test_each_role_reaches_exactly_what_it_may(
    cast: Cast, name: str, kwargs: dict[str, str], method: str, need: str, role: str
) -> None:
    assessment = make_assessment(cast.organisation)
    url = url_for(name, assessment, kwargs)
    response = request(cast.client(role), method, url, assessment, kwargs)
    if role in ALLOWED[need]:
        assert response.status_code in (200, 302), f"{role} should reach {method.upper()} {url}"
        assert "/accounts/login/" not in response.get("Location", "")
    else:
        assert response.status_code == 404, f"{role} must get a 404 for {method.upper()} {url}"
    if method == "post" and role not in ALLOWED[need]:
        assert Assessment.objects.filter(pk=assessment.pk, status=assessment.status).exists()  # nothing changed


def assessment_url_names() -> set[str]:
    """Every named URL that takes an assessment token (paths under a/<token>/)."""
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and str(pattern.pattern).startswith("a/<"):
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def test_the_matrix_covers_every_assessment_url() -> None:
    covered = {name for name, *_rest in MATRIX}
    assert assessment_url_names() - covered == set(), "add the new assessment URL to MATRIX"


def test_a_viewer_may_not_change_answers_even_with_a_crafted_post(cast: Cast) -> None:
    assessment = make_assessment(cast.organisation)
    data = step_post_data("scenario", {**assessment.answers, "org_name": "Changed by a viewer"})
    response = cast.client("viewer").post(reverse("assessment:step", args=[assessment.token, "scenario"]), data)
    assert response.status_code == 404
    assessment.refresh_from_db()
    assert assessment.answers["org_name"] == "Acme Retail"


def test_an_unknown_token_is_a_404_for_members_too(cast: Cast) -> None:
    client = cast.client("owner")
    for name in ("accounts:history", "accounts:delete", "accounts:reassess", "accounts:export_data"):
        assert client.get(reverse(name, args=["no-such-token"])).status_code == 404


@pytest.mark.django_db
def test_an_anonymous_quick_assessment_is_a_capability_link_to_view_and_edit_but_never_delete() -> None:
    assessment = make_assessment(None)
    stranger = make_user("someone@example.com")
    for client in (client_for(None), client_for(stranger)):
        assert client.get(reverse("accounts:history", args=[assessment.token])).status_code == 200
        assert client.get(reverse("assessment:resume", args=[assessment.token])).status_code == 302
        assert client.get(reverse("accounts:delete", args=[assessment.token])).status_code == 404
        assert client.post(reverse("accounts:delete", args=[assessment.token])).status_code == 404
    assert Assessment.objects.filter(pk=assessment.pk).exists()


# --- Consultancies and their clients -------------------------------------------------------------
# Who reaches a client's assessment, and with which role (None: a 404 for everything).
WORKSPACE_ROLES: dict[str, str | None] = {
    "consultancy-owner": "owner",
    "consultancy-editor": "editor",  # named on the restricted client
    "consultancy-viewer": "viewer",  # named on the restricted client
    "client-owner": "owner",
    "client-editor": "editor",
    "client-viewer": "viewer",
    "other-client-owner": None,  # staff of another client of the same consultancy
    "rival-consultant": None,  # owner of another consultancy
    "restricted-out-editor": None,  # consultancy editor not named on the restricted client
    "anonymous": None,
}


@pytest.fixture
def workspace(db: None) -> dict[str, Any]:
    from assessment.organisations.models import ClientAssignment, Organisation

    users: dict[str, Any] = {key: make_user(f"{key}@example.com") for key in WORKSPACE_ROLES if key != "anonymous"}
    users["anonymous"] = None
    consultancy = Organisation.objects.create(name="Lambert Advisory", kind=Organisation.Kind.CONSULTANCY)
    rival = Organisation.objects.create(name="Rival Advisory", kind=Organisation.Kind.CONSULTANCY)
    hotel = Organisation.objects.create(name="Jinjiang Star Hotels", managed_by=consultancy)
    other_client = Organisation.objects.create(name="Harbour Gym", managed_by=consultancy)
    for key in ("consultancy-owner", "consultancy-editor", "consultancy-viewer", "restricted-out-editor"):
        role = WORKSPACE_ROLES[key] or "editor"
        add_member(consultancy, users[key], role)
    add_member(hotel, users["client-owner"], "owner")
    add_member(hotel, users["client-editor"], "editor")
    add_member(hotel, users["client-viewer"], "viewer")
    add_member(other_client, users["other-client-owner"], "owner")
    add_member(rival, users["rival-consultant"], "owner")
    # The owner restricts the hotel to named members: the editor and the viewer are named, the
    # "restricted-out" editor is not (consultancy owners always keep access).
    for key in ("consultancy-editor", "consultancy-viewer"):
        ClientAssignment.objects.create(client=hotel, user=users[key])
    return {"users": users, "hotel": hotel, "other_client": other_client, "consultancy": consultancy}


def workspace_cases() -> list[Any]:
    cases = []
    for name, kwargs, method, need in MATRIX:
        marks = [pytest.mark.skip(reason=f"{name} is not built yet")] if not url_exists(name, **kwargs) else []
        for key in WORKSPACE_ROLES:
            cases.append(pytest.param(name, kwargs, method, need, key, marks=marks, id=f"{name}-{method}-{key}"))
    return cases


@pytest.mark.parametrize(("name", "kwargs", "method", "need", "who"), workspace_cases())
def test_consultancy_and_client_roles_reach_exactly_what_they_may(
    workspace: dict[str, Any], name: str, kwargs: dict[str, str], method: str, need: str, who: str
) -> None:
    assessment = make_assessment(workspace["hotel"])
    url = url_for(name, assessment, kwargs)
    response = request(client_for(workspace["users"][who]), method, url, assessment, kwargs)
    role = WORKSPACE_ROLES[who]
    if role is not None and role in ALLOWED[need]:
        assert response.status_code in (200, 302), f"{who} should reach {method.upper()} {url}"
        assert "/accounts/login/" not in response.get("Location", "")
    else:
        assert response.status_code == 404, f"{who} must get a 404 for {method.upper()} {url}"
        assert Assessment.objects.filter(pk=assessment.pk, status=assessment.status).exists()


def test_an_unrestricted_client_is_open_to_every_consultancy_member_with_their_role(
    workspace: dict[str, Any],
) -> None:
    assessment = make_assessment(workspace["other_client"])
    history = reverse("accounts:history", args=[assessment.token])
    delete = reverse("accounts:delete", args=[assessment.token])
    editor = client_for(workspace["users"]["restricted-out-editor"])
    assert editor.get(history).status_code == 200  # not restricted here
    assert editor.get(delete).status_code == 404  # an editor, not an owner
    assert client_for(workspace["users"]["client-owner"]).get(history).status_code == 404  # another client


def test_lifting_a_restriction_reopens_the_client_to_the_whole_consultancy(workspace: dict[str, Any]) -> None:
    assessment = make_assessment(workspace["hotel"])
    history = reverse("accounts:history", args=[assessment.token])
    assert client_for(workspace["users"]["restricted-out-editor"]).get(history).status_code == 404
    workspace["hotel"].assignments.all().delete()
    assert client_for(workspace["users"]["restricted-out-editor"]).get(history).status_code == 200


def test_a_business_that_names_a_business_as_manager_grants_nothing(db: None) -> None:
    from assessment.organisations.models import Organisation

    boss = make_user("boss@example.com")
    business = Organisation.objects.create(name="Not a consultancy")
    add_member(business, boss, "owner")
    managed = Organisation.objects.create(name="Oddly managed", managed_by=business)
    assessment = make_assessment(managed)
    assert client_for(boss).get(reverse("accounts:history", args=[assessment.token])).status_code == 404


# --- The workspace's own pages: organisations, clients, their profile, staffing and the logo --------
CONSULTANCY_MEMBERS = {"consultancy-owner", "consultancy-editor", "consultancy-viewer", "restricted-out-editor"}
HOTEL_VIEW = {
    "consultancy-owner",
    "consultancy-editor",
    "consultancy-viewer",
    "client-owner",
    "client-editor",
    "client-viewer",
}
HOTEL_EDIT = {"consultancy-owner", "consultancy-editor", "client-owner", "client-editor"}
HOTEL_OWN = {"consultancy-owner", "client-owner"}
CONSULTANCY_OWNER = {"consultancy-owner"}

# (URL name, organisation, extra URL arguments, method, POST data, who may).
ORG_MATRIX: list[tuple[str, str, tuple[str, ...], str, dict[str, Any], set[str]]] = [
    ("accounts:organisation", "hotel", (), "get", {}, HOTEL_VIEW),
    ("accounts:organisation", "consultancy", (), "get", {}, CONSULTANCY_MEMBERS),
    ("accounts:client_new", "consultancy", (), "get", {}, CONSULTANCY_OWNER),
    ("accounts:client_new", "consultancy", (), "post", {"name": "New client"}, CONSULTANCY_OWNER),
    ("accounts:client_profile", "hotel", (), "get", {}, HOTEL_EDIT),
    ("accounts:client_profile", "hotel", (), "post", {"name": "Renamed", "province": "上海"}, HOTEL_EDIT),
    ("accounts:client_restriction", "hotel", (), "get", {}, CONSULTANCY_OWNER),
    ("accounts:client_restriction", "hotel", (), "post", {"members": []}, CONSULTANCY_OWNER),
    ("accounts:lift_restriction", "hotel", (), "post", {}, CONSULTANCY_OWNER),
    ("accounts:logo", "consultancy", (), "get", {}, CONSULTANCY_OWNER),
    ("accounts:logo", "consultancy", (), "post", {"remove": "1"}, CONSULTANCY_OWNER),
    ("accounts:logo_image", "consultancy", (), "get", {}, CONSULTANCY_MEMBERS),
    ("accounts:invite", "hotel", (), "get", {}, HOTEL_OWN),
    ("accounts:invite", "hotel", (), "post", {"email": "new@jinjiang.example", "role": "viewer"}, HOTEL_OWN),
    (
        "accounts:invite",
        "consultancy",
        (),
        "post",
        {"email": "new@lambert.example", "role": "viewer"},
        CONSULTANCY_OWNER,
    ),
    ("accounts:cancel_invitation", "hotel", ("invitation",), "post", {}, HOTEL_OWN),
    ("accounts:change_role", "hotel", ("client-viewer",), "post", {"role": "editor"}, HOTEL_OWN),
    ("accounts:remove_member", "hotel", ("client-viewer",), "post", {}, HOTEL_OWN),
    ("accounts:delete_organisation", "hotel", (), "get", {}, HOTEL_OWN),
    ("accounts:delete_organisation", "hotel", (), "post", {"name": "Jinjiang Star Hotels"}, HOTEL_OWN),
    ("accounts:delete_organisation", "consultancy", (), "get", {}, CONSULTANCY_OWNER),
    ("accounts:export_org_data", "hotel", (), "get", {}, HOTEL_OWN),
]


def workspace_state() -> list[Any]:
    """Everything a refused request must leave as it was."""
    from assessment.organisations.models import ClientAssignment, Invitation, Logo, Membership, Organisation

    return [
        list(Organisation.objects.order_by("pk").values_list("pk", "name", "province")),
        list(Membership.objects.order_by("pk").values_list("pk", "role")),
        list(Invitation.objects.order_by("pk").values_list("pk", "email")),
        list(ClientAssignment.objects.order_by("pk").values_list("pk", "user_id")),
        list(Logo.objects.order_by("pk").values_list("pk", "sha256")),
    ]


def org_cases() -> list[Any]:
    return [
        pytest.param(name, target, extra, method, data, allowed, who, id=f"{name}-{target}-{method}-{who}")
        for name, target, extra, method, data, allowed in ORG_MATRIX
        for who in WORKSPACE_ROLES
    ]


@pytest.mark.parametrize(("name", "target", "extra", "method", "data", "allowed", "who"), org_cases())
def test_the_workspace_pages_answer_exactly_whom_they_should(
    workspace: dict[str, Any],
    name: str,
    target: str,
    extra: tuple[str, ...],
    method: str,
    data: dict[str, Any],
    allowed: set[str],
    who: str,
) -> None:
    from assessment.organisations import services
    from assessment.organisations.logo import CheckedLogo
    from assessment.organisations.models import Invitation

    organisation = workspace[target]
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>'
    services.set_logo(workspace["consultancy"], CheckedLogo(svg, "image/svg+xml", None, None), None)
    invitation = Invitation.objects.create(organisation=workspace["hotel"], email="x@example.com", token_hash="0" * 64)
    arguments: list[Any] = [organisation.pk]
    for key in extra:
        if key == "invitation":
            arguments.append(invitation.pk)
        else:
            arguments.append(workspace["hotel"].memberships.get(user=workspace["users"][key]).pk)
    url = reverse(name, args=arguments)
    before = workspace_state()
    client = client_for(workspace["users"][who])
    response = client.get(url) if method == "get" else client.post(url, data)
    if who in allowed:
        assert response.status_code in (200, 302), f"{who} should reach {method.upper()} {url}"
        assert "/accounts/login/" not in response.get("Location", "")
    elif who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 404, f"{who} must get a 404 for {method.upper()} {url}"
    if who not in allowed:
        assert workspace_state() == before, f"{who} changed something through {method.upper()} {url}"


def test_the_org_matrix_covers_every_organisation_url() -> None:
    names: set[str] = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "accounts":
            for inner in pattern.url_patterns:
                if isinstance(inner, URLPattern) and str(inner.pattern).startswith("organisations/<int:pk>/"):
                    names.add(f"accounts:{inner.name}")
    assert {"accounts:organisation", "accounts:client_new", "accounts:logo_image"} <= names
    assert names - {name for name, *_rest in ORG_MATRIX} == set(), "add the new organisation URL to ORG_MATRIX"
