"""Citations in words: exact where verified, never a guessed 2023 draft article number."""

from __future__ import annotations

import pytest

from assessment.catalogue import default_catalogue
from assessment.catalogue.loader import DRAFT_VERIFIED_ARTICLES
from assessment.catalogue.model import Citation, Text
from assessment.scoring.citations import chinese_number, format_citation

TOPIC = Text("filing rule", "备案规定")


@pytest.mark.parametrize(
    ("citation", "english", "chinese"),
    [
        (Citation("measures-2025", 13, 2), "Measures Art 13 ¶2", "第十三条第二款"),
        (Citation("pipl", 29), "PIPL Art 29", "第二十九条"),
        (Citation("spc-2021", 2, None, 3), "Art 2(3)", "第二条第（三）项"),
        (Citation("draft-2023", 15, 1), "2023 draft Art 15 ¶1", "第十五条第一款"),
        (Citation("pipl", 38, 1, 1), "PIPL Art 38 ¶1(1)", "第三十八条第一款第（一）项"),
        (
            Citation("draft-2023", None, verified=False, topic=TOPIC),
            "2023 draft, article number unverified (filing rule)",
            "条款序号未经核实：备案规定",
        ),
        (
            Citation("draft-2023", 16, verified=False, topic=TOPIC),
            "article number unverified (filing rule)",
            "未经核实",
        ),
    ],
)
def test_a_citation_reads_as_a_lawyer_would_write_it(citation: Citation, english: str, chinese: str) -> None:
    catalogue = default_catalogue()
    assert english in format_citation(catalogue, citation, "en")
    assert chinese in format_citation(catalogue, citation, "zh-hans")


def test_an_unverified_draft_number_is_never_shown() -> None:
    citation = Citation("draft-2023", 16, verified=False, topic=TOPIC)
    for language in ("en", "zh-hans"):
        text = format_citation(default_catalogue(), citation, language)
        assert "16" not in text and "十六" not in text


def test_chinese_numerals() -> None:
    assert [chinese_number(n) for n in (1, 10, 13, 20, 66)] == ["一", "十", "十三", "二十", "六十六"]


def test_no_rule_or_determination_cites_an_unverified_draft_article_as_verified() -> None:
    catalogue = default_catalogue()
    citations = [c for rule in catalogue.rules for c in rule.citations]
    citations += [c for d in catalogue.determinations for o in d.outcomes for c in o.citations]
    for citation in citations:
        if citation.instrument == "draft-2023" and citation.verified:
            assert citation.article in DRAFT_VERIFIED_ARTICLES
        if not citation.verified or citation.article is None:
            assert citation.topic is not None
