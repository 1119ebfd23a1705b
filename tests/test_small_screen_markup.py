"""What the phone layout needs from the pages (the layout itself is checked in a browser, in
tests/browser/test_small_screens.py): the chart's list form on the page but never in the PDF, and
each record table's cells named by their column for the stacked cards."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.reports.context import build_edition_context
from assessment.reports.pdf import render_report_html
from assessment.scoring import score
from tests.test_report_context import gap_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def retailer() -> Assessment:
    return Assessment.objects.create(answers=gap_answers(), status="complete")


def result_page(client: Client, assessment: Assessment, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(f"/a/{assessment.token}/result/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_chart_has_a_list_form_for_phones_with_every_topic_and_its_counts_in_words(
    client: Client, retailer: Assessment, language: str
) -> None:
    html = result_page(client, retailer, language)
    narrow = re.search(r'<ul class="chart-narrow">(.*?)</ul>', html, re.S)
    assert narrow is not None
    rows = re.findall(r'<li class="chart-narrow-row">(.*?)</li>', narrow.group(1), re.S)
    result = score(default_catalogue(), retailer.regime, retailer.answers)
    topics_with_findings = {f.rule.topic for f in result.findings}
    assert len(rows) >= len(topics_with_findings) >= 1
    high = "高" if language == "zh-hans" else "High"
    counts = " ".join(re.sub(r"<[^>]+>", " ", row) for row in rows)
    assert re.search(rf"{high} \d", counts), "the counts are written out, not left to the bar's colour"
    assert 'aria-hidden="true"' in narrow.group(1)  # the bars repeat what the words say


@pytest.mark.parametrize("edition", ["en", "zh-hans", "bilingual"])
def test_the_pdf_has_the_drawn_chart_only(retailer: Assessment, edition: str) -> None:
    html = render_report_html(build_edition_context(retailer, retailer.regime, edition, None))
    assert 'class="topic-chart"' in html
    assert "chart-narrow" not in html


def test_the_action_plan_cells_are_named_by_their_columns(client: Client, retailer: Assessment) -> None:
    html = result_page(client, retailer, "zh-hans")
    plan = re.search(r'<table class="action-plan stacks">.*?</table>', html, re.S)
    assert plan is not None
    for label in ("优先级", "整改措施", "对应发现"):
        assert f'data-label="{label}"' in plan.group(0), label
