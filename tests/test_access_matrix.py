"""Every assessment URL, for every kind of visitor: members get what their role allows, everyone
else a 404 (never a 403, so that the existence of an assessment does not leak)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from assessment.assessments.models import Assessment
from tests.cast import ROLES, Cast, cast, client_for, make_assessment, make_user
from tests.conftest import step_post_data

__all__ = ["cast"]  # the fixture, imported for pytest

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
    ("accounts:history", {}, "get", "view"),
    ("accounts:export_data", {}, "get", "view"),
    ("accounts:reassess", {}, "get", "edit"),
    ("accounts:reassess", {}, "post", "edit"),
    ("accounts:delete", {}, "get", "own"),
    ("accounts:delete", {}, "post", "own"),
]


def url_exists(name: str, **kwargs: str) -> bool:
    try:
        reverse(name, kwargs={"token": "x", **kwargs})
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
    url = reverse(name, kwargs={"token": assessment.token, **kwargs})
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
