"""The result page: the full report on screen, in English and Chinese, with its controls."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from assessment.assessments.models import Assessment
from assessment.reports.context import build_report_context
from tests.cast import Cast, cast, make_assessment
from tests.test_report_context import INJECTION, gap_answers
from tests.test_scenarios import scenario_answers

__all__ = ["cast"]  # the fixture, imported for pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def retailer() -> Assessment:
    return Assessment.objects.create(answers=gap_answers(), status="complete")


def page(client: Client, assessment: Assessment, language: str = "en", **params: str) -> Any:
    client.cookies["django_language"] = language
    return client.get(f"/a/{assessment.token}/result/", params)


def test_the_result_page_shows_the_whole_report_in_english(client: Client, retailer: Assessment) -> None:
    response = page(client, retailer)
    assert response.status_code == 200
    html = response.content.decode()
    context = response.context
    assert '<html lang="en">' in html
    for heading in (
        "Executive summary",
        "Findings",
        "Action plan",
        "Requirements met",
        "Not applicable",
        "Answers appendix",
        "Disclaimer and sources",
    ):
        assert f">{heading}</h2>" in html
    first = context["findings"][0]
    assert first["title"] in html and first["citations"][0] in html
    assert 'role="img"' in html and '<title id="chart-title">' in html, "the chart has a text alternative"
    assert '<th scope="col"' in html and '<th scope="row"' in html
    assert f'href="/a/{retailer.token}/">Edit answers</a>' in html


def test_the_result_page_in_chinese(client: Client, retailer: Assessment) -> None:
    response = page(client, retailer, "zh-hans")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert response.context["findings"][0]["citations"][0] in html
    assert '<span lang="en">English</span>' in html, "the other language's name is marked as such"


def test_the_page_offers_the_pdf_in_three_languages_and_the_exports(client: Client, retailer: Assessment) -> None:
    html = page(client, retailer).content.decode()
    assert f'method="post" action="/a/{retailer.token}/report/request/"' in html, "requesting a PDF queues it (POST)"
    for value in ("en", "zh-hans", "bilingual"):
        assert f'name="lang" value="{value}"' in html
    assert 'aria-live="polite"' in html and "js/report.js" in html
    assert f"/a/{retailer.token}/export.csv?regime=measures-2025" in html
    assert f"/a/{retailer.token}/export.json?regime=measures-2025" in html


def test_switching_to_the_2023_draft_says_it_never_took_effect(client: Client, retailer: Assessment) -> None:
    response = page(client, retailer, regime="draft-2023")
    assert response.context["cover"]["regime_id"] == "draft-2023"
    html = response.content.decode()
    assert 'aria-current="page"' in html
    assert response.context["cover"]["regime_status"] in html
    assert 'name="regime" value="draft-2023"' in html, "the PDF follows the regime shown"


def test_an_unknown_regime_falls_back_to_the_assessments_own(client: Client, retailer: Assessment) -> None:
    assert page(client, retailer, regime="gdpr").context["cover"]["regime_id"] == "measures-2025"


def test_an_unfinished_assessment_lists_the_missing_questions(client: Client) -> None:
    answers = gap_answers()
    answers.pop("cn1_legal_basis")
    assessment = Assessment.objects.create(answers=answers)
    html = page(client, assessment).content.decode()
    assert "This assessment is not finished" in html
    assert f'href="/a/{assessment.token}/step/consent/"' in html
    assert "Continue the assessment" in html


def test_what_a_user_typed_is_shown_as_text(client: Client) -> None:
    assessment = Assessment.objects.create(answers=gap_answers(org_name=INJECTION))
    html = page(client, assessment).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "</style><style>body{display:none}" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_unknown_link_is_not_found(client: Client) -> None:
    assert client.get("/a/no-such-token/result/").status_code == 404
    assert client.get("/a/no-such-token/report.pdf").status_code == 404


def test_the_page_offers_each_member_only_what_their_role_allows(cast: Cast) -> None:
    assessment = make_assessment(cast.organisation)
    url = f"/a/{assessment.token}/result/"
    owner_page = cast.client("owner").get(url).content.decode()
    viewer_page = cast.client("viewer").get(url).content.decode()
    assert f"/a/{assessment.token}/delete/" in owner_page and f"/a/{assessment.token}/" in owner_page
    assert f"/a/{assessment.token}/history/" in viewer_page
    assert f"/a/{assessment.token}/delete/" not in viewer_page
    assert f'href="/a/{assessment.token}/"' not in viewer_page  # no "Edit answers" for a viewer


def test_the_cover_names_the_member_who_prepared_the_report(cast: Cast) -> None:
    assessment = make_assessment(cast.organisation)
    page = cast.client("editor").get(f"/a/{assessment.token}/result/").content.decode()
    assert "Eddie Editor" in page


@pytest.mark.parametrize(
    ("language", "covered_words", "separator"),
    [("en", "covered under the law in force by ", ", "), ("zh-hans", "现行法律下由", "、")],
)
def test_remote_identification_does_not_vanish_under_the_measures(
    client: Client, language: str, covered_words: str, separator: str
) -> None:
    """The supermarket scanning every shopper: the draft's remote-identification article has no twin in
    the Measures, so the page names the findings that carry the topic under the law in force."""
    answers = scenario_answers("supermarket-scans-every-shopper")
    assessment = Assessment.objects.create(answers=answers, status="complete", regime="measures-2025")
    context = build_report_context(assessment, "measures-2025", language)
    (entry,) = [c for c in context["result_data"]["coverage"] if c["topic"] == "remote_identification"]
    assert entry["status"] == "covered" and entry["covered_by"], "the scan of every shopper is a gap"
    numbers = {f["rule"]: f["number"] for f in context["findings"]}
    expected = separator.join(numbers[rule_id] for rule_id in entry["covered_by"])
    shown = page(client, assessment, language).content.decode()
    assert 'id="coverage-title"' in shown
    assert covered_words + expected in shown


@pytest.mark.parametrize(
    ("language", "not_final", "final"),
    [
        (
            "en",
            "The result is not final until the unanswered required questions are answered.",
            "No gaps were found against",
        ),
        ("zh-hans", "在未回答的必答问题作答之前，该结果并非最终结论。", "对照所检查的规则，未发现差距。"),
    ],
)
def test_no_gaps_on_an_unfinished_assessment_is_said_to_be_not_final(
    client: Client, language: str, not_final: str, final: str
) -> None:
    unfinished = Assessment.objects.create(answers=scenario_answers("incomplete-legal-basis-unanswered"))
    html = page(client, unfinished, language).content.decode()
    assert not_final in html and final not in html
    finished = Assessment.objects.create(answers=scenario_answers("well-run-staff-attendance"), status="complete")
    html = page(client, finished, language).content.decode()
    assert final in html and not_final not in html
