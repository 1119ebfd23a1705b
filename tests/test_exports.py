"""The JSON and CSV exports: the same context as the page, as data."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.reports.context import assessment_date
from assessment.scoring import score
from assessment.scoring.serialise import result_to_dict
from tests.test_report_context import gap_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def retailer() -> Assessment:
    return Assessment.objects.create(answers=gap_answers(), status="complete")


def test_the_json_export_holds_the_result_and_the_answers(client: Client, retailer: Assessment) -> None:
    response = client.get(f"/a/{retailer.token}/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="frt-gap-report_Huaxia-Retail-Ltd_')
    document = json.loads(response.content)
    # The export is dated like the report: the assessment's own day gives `filing.as_of`.
    result = score(default_catalogue(), "measures-2025", retailer.answers, as_of=assessment_date(retailer))
    expected = result_to_dict(default_catalogue(), result)
    assert document["result"] == json.loads(json.dumps(expected))
    assert document["answers"] == retailer.answers
    assert document["organisation"] == "Huaxia Retail Ltd 华夏零售"
    assert document["regime"] == "measures-2025"


def test_the_json_export_follows_the_regime_and_the_language(client: Client, retailer: Assessment) -> None:
    client.cookies["django_language"] = "zh-hans"
    document = json.loads(client.get(f"/a/{retailer.token}/export.json", {"regime": "draft-2023"}).content)
    assert document["regime"] == "draft-2023"
    assert document["result"]["language"] == "zh-hans"
    assert document["result"]["findings"][0]["cited_as"][0].startswith("《")


def test_the_csv_export_opens_in_excel_with_chinese_intact(client: Client, retailer: Assessment) -> None:
    client.cookies["django_language"] = "zh-hans"
    response = client.get(f"/a/{retailer.token}/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    result = score(default_catalogue(), "measures-2025", retailer.answers)
    assert len(rows) == len(result.findings) + 1
    header, first = rows[0], rows[1]
    assert first[0] == "F1"
    assert first[1] in {f.rule.id for f in result.findings}
    assert any("\u4e00" <= ch <= "\u9fff" for ch in first[4]), "the finding title is in Chinese"
    assert len(header) == len(first)
