"""The error summary at the top of a form: each error led by its question, with no doubled
punctuation where the question already ends in a question mark ("？：")."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import WizardWalker, complete_answers

pytestmark = pytest.mark.django_db

BASE = {"org_name": "Acme Retail", "scenario_name": "Store entrance", "sc1_fr_identity": "yes"}
QUESTION_ZH = "该场景是否在中国境内利用人脸信息对个人进行验证（1:1）或辨识（1:N）？"
QUESTION_EN = "Does this scenario use face information to verify (1:1) or identify (1:N) people in mainland China?"


def summary_of(page: str) -> str:
    start = page.index('class="error-summary"')
    return page[start : page.index("</div>", start)]


@pytest.mark.parametrize(
    ("language", "question", "doubled"), [("zh-hans", QUESTION_ZH, "？："), ("en", QUESTION_EN, "?:")]
)
def test_a_question_ending_in_a_question_mark_gets_no_colon_after_it(
    client: Client, walker: WizardWalker, language: str, question: str, doubled: str
) -> None:
    client.cookies["django_language"] = language
    assessment = walker.start()
    walker.submit(assessment, "scenario", complete_answers(**BASE))
    answers = complete_answers(**BASE)
    del answers["sc1_fr_identity"]
    response = walker.submit(assessment, "scope", answers)
    assert response.status_code == 200
    summary = summary_of(response.content.decode())
    assert question in summary, "the error names its question"
    assert doubled not in summary and f"{question}：" not in summary and f"{question}:" not in summary
    error = "请回答此问题。" if language == "zh-hans" else "Please answer this question."
    assert (f"{question}{error}" if language == "zh-hans" else f"{question} {error}") in summary


def test_a_label_without_its_own_punctuation_is_followed_by_the_languages_colon(
    client: Client, walker: WizardWalker
) -> None:
    client.cookies["django_language"] = "zh-hans"
    assessment = walker.start()
    answers = complete_answers(**BASE)
    del answers["scenario_description"]
    summary = summary_of(walker.submit(assessment, "scenario", answers).content.decode())
    assert "：" in summary and "？：" not in summary
