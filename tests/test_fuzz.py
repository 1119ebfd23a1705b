"""Every form, fuzzed (hypothesis): no answer is a server error, and a rejected request never changes
an assessment's stored answers.

Bounded so the whole module takes well under a minute: each wizard step gets WIZARD_EXAMPLES cases
and each other form FORM_EXAMPLES, with `deadline=None` and no example database. The total is
printed at the end (`-s` shows it) and declared here: up to 4 per step (64 wizard cases; a step hidden
by an accepted fuzzed answer is skipped) + 13 forms × 5 = 65, so at most 129 cases
on each database (SQLite, and PostgreSQL through scripts/test.sh).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.catalogue.flow import shown_steps
from assessment.organisations.models import Organisation
from tests.cast import PASSWORD, add_member, client_for, make_assessment, make_organisation, make_user
from tests.conftest import MANAGEMENT_FIELD, WizardWalker, complete_answers

pytestmark = pytest.mark.django_db

WIZARD_EXAMPLES = 4
FORM_EXAMPLES = 5
CASES: dict[str, int] = {}

FUZZ_SETTINGS = settings(
    max_examples=FORM_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What attackers and unlucky users type: NUL and control characters, line breaks in one-line
# fields, over-long values (the database holds 150/200/254), markup, odd Unicode, numbers.
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "line\nbreak",
    "tab\there",
    "\r\nBcc: victim@example.cn",
    "a" * 151,
    "a" * 255,
    "a" * 50_001,
    "x" * 140 + "@example.cn",
    "x" * 250 + "@example.cn",
    "<script>alert(1)</script>",
    "O'Brien & Sons",
    "' OR 1=1 --",
    "深圳某某科技有限公司",
    "\u202eevil",
    "\ufeff",
    "💥" * 60,
    "-1",
    "99999999999999999999",
    "dashboard",
    "//evil.example.com",
    "https://evil.example.com/",
    "/a/%00/",
    "li.wei@example.cn",
]
text = st.one_of(st.sampled_from(NASTY), st.text(max_size=200))
value = st.one_of(text, st.lists(text, max_size=3))


def count(name: str) -> None:
    CASES[name] = CASES.get(name, 0) + 1


def stored_answers(assessment: Assessment) -> dict[str, Any]:
    return dict(Assessment.objects.get(pk=assessment.pk).answers)


def post(client: Client, url: str, data: dict[str, Any]) -> Any:
    # The test client re-raises a view's exception, so a 500 fails here with its traceback.
    response = client.post(url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code < 500, (url, response.status_code)
    return response


STEPS = [step.id for step in default_catalogue().steps]


@pytest.fixture
def finished(client: Client) -> Assessment:
    """A quick assessment walked through to the end, so that every step is reachable."""
    walker = WizardWalker(client)
    assessment = walker.start()
    walker.walk(
        assessment, complete_answers(org_name="Acme Retail", scenario_name="Store entrance", sc1_fr_identity="yes")
    )
    return assessment


# The wizard's own "current step" field is fuzzed only with real step ids: an arbitrary value
# there is the stale-step error that the write-path issue (i11) fixes; set True once it has landed.
FUZZ_MANAGEMENT_FIELD = True


def test_every_wizard_step_survives_fuzzed_answers(client: Client, finished: Assessment) -> None:
    catalogue = default_catalogue()

    def field(question: Any) -> st.SearchStrategy[Any]:
        valid = list(getattr(question, "choice_codes", None) or [])
        if valid:
            return st.one_of(st.sampled_from(valid), st.lists(st.sampled_from(valid), max_size=3), value)
        return value

    step_field = st.one_of(st.sampled_from(STEPS), text) if FUZZ_MANAGEMENT_FIELD else st.sampled_from(STEPS)

    @settings(FUZZ_SETTINGS, max_examples=WIZARD_EXAMPLES)
    @given(draw=st.data())
    def run(step: str, draw: st.DataObject) -> None:
        if not FUZZ_MANAGEMENT_FIELD and step not in [s.id for s in shown_steps(catalogue, stored_answers(finished))]:
            return  # an earlier fuzzed answer that was accepted hid this step
        questions = catalogue.questions_in_step(step)
        data = draw.draw(st.fixed_dictionaries({f"{step}-{q.id}": field(q) for q in questions}), label="answers")
        current = (
            draw.draw(st.one_of(st.just(step), step_field), label="current step") if FUZZ_MANAGEMENT_FIELD else step
        )
        count(f"wizard:{step}")
        before = stored_answers(finished)
        response = post(client, f"/a/{finished.token}/step/{step}/", {**data, MANAGEMENT_FIELD: current})
        if response.status_code != 302:  # rejected: shown again with its errors
            assert stored_answers(finished) == before

    baseline = stored_answers(finished)
    for step in STEPS:
        # Each step starts from the whole walked-through document, so no step is hidden by an
        # answer accepted while fuzzing an earlier one.
        Assessment.objects.filter(pk=finished.pk).update(answers=baseline)
        run(step)


def owner_setup() -> dict[str, Any]:
    owner = make_user("owner@example.cn", password=PASSWORD)
    organisation = make_organisation("Acme", owner=owner)
    member = make_user("member@example.cn")
    membership = add_member(organisation, member, "editor")
    assessment = make_assessment(organisation)
    return {"owner": owner, "org": organisation, "membership": membership, "assessment": assessment}


FORMS: dict[str, tuple[str, dict[str, st.SearchStrategy[Any]], bool]] = {
    # name: (url pattern, fields, logged in as the owner)
    "signup": (
        "/accounts/signup/",
        {
            "full_name": text,
            "email": text,
            "password1": text,
            "password2": text,
            "organisation_name": text,
            "next": text,
        },
        False,
    ),
    "signup-invited": (
        "/accounts/signup/?invitation={token}",
        {"email": text, "password1": text, "password2": text, "full_name": text},
        False,
    ),
    "login": ("/accounts/login/?next={next}", {"username": text, "password": text, "next": text}, False),
    "admin-login": ("/admin/login/", {"username": text, "password": text}, False),
    "password-reset": ("/accounts/password/reset/", {"email": text}, False),
    "resend-verification": ("/accounts/verification/resend/", {"email": text}, False),
    "password-change": (
        "/accounts/password/change/",
        {"old_password": text, "new_password1": text, "new_password2": text},
        True,
    ),
    "organisation-new": ("/organisations/new/", {"name": text}, True),
    "invite": ("/organisations/{org}/invite/", {"email": text, "role": text}, True),
    "switch": ("/organisations/switch/", {"organisation": text, "next": text}, True),
    "role": ("/organisations/{org}/members/{member}/role/", {"role": text}, True),
    "delete-organisation": ("/organisations/{org}/delete/", {"name": text}, True),
    "claim": ("/claim/", {"assessments": value, "organisation": text}, True),
    "invitation-token": ("/invitations/{fuzz}/", {}, True),
}


@pytest.mark.parametrize("name", list(FORMS))
def test_every_other_form_survives_fuzzed_input(name: str) -> None:
    url, fields, logged_in = FORMS[name]
    cast = owner_setup()
    client = client_for(cast["owner"]) if logged_in else Client()
    answers_before = stored_answers(cast["assessment"])
    pending = cast["org"].invitations.create(email="new@example.cn", role="editor", token_hash="0" * 64)

    @settings(FUZZ_SETTINGS)
    @given(data=st.fixed_dictionaries(fields), fuzz=text)
    def run(data: dict[str, Any], fuzz: str) -> None:
        count(name)
        from urllib.parse import quote

        target = url.format(
            org=cast["org"].pk,
            member=cast["membership"].pk,
            token=quote(fuzz, safe=""),
            next=quote(fuzz, safe=""),
            fuzz=quote(fuzz, safe="") or "x",
        )
        post(client, target, data)
        assert stored_answers(cast["assessment"]) == answers_before
        assert Organisation.objects.filter(pk=cast["org"].pk).exists() or name == "delete-organisation"

    run()
    assert pending.pk


def test_zz_the_case_count_is_declared() -> None:
    """Runs last in this module: prints how many fuzzed requests were made."""
    total = sum(CASES.values())
    print(
        f"\nfuzz: {total} cases ({len([k for k in CASES if k.startswith('wizard:')])} wizard steps, "
        f"{len([k for k in CASES if not k.startswith('wizard:')])} other forms)"
    )
    if CASES:  # run as a whole module: every step and form got its cases
        assert total >= len(CASES) * min(WIZARD_EXAMPLES, FORM_EXAMPLES)
