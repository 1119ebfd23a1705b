"""The instruments table guards every citation: no article, paragraph or item the law does not have,
and no unverified 2023 draft article number shown as verified."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.catalogue import CatalogueError, default_catalogue, load_catalogue
from assessment.catalogue.loader import DRAFT_VERIFIED_ARTICLES, QUESTIONNAIRE_FILE, RULES_FILE

RULES = RULES_FILE.read_text(encoding="utf-8")


def load_with(tmp_path: Path, old: str, new: str) -> None:
    """Load the shipped catalogue with the first `old` in rules.toml replaced by `new`."""
    assert old in RULES, old
    (tmp_path / "rules.toml").write_text(RULES.replace(old, new, 1), encoding="utf-8")
    load_catalogue(QUESTIONNAIRE_FILE, tmp_path / "rules.toml")


def test_every_instrument_lists_its_articles_and_every_citation_is_in_the_table() -> None:
    catalogue = default_catalogue()
    by_id = {i.id: i for i in catalogue.instruments}
    assert len(by_id["measures-2025"].articles) == 20
    assert len(by_id["pipl"].articles) == 74
    assert by_id["gbt-41819-2022"].articles == ()  # cited by theme only
    citations = [c for rule in catalogue.rules for c in rule.citations]
    citations += [c for d in catalogue.determinations for o in d.outcomes for c in o.citations]
    for citation in citations:
        if citation.article is not None:
            article = by_id[citation.instrument].article(citation.article)
            assert article is not None, citation
            assert citation.paragraph is None or citation.paragraph <= article.paragraphs, citation
            assert not citation.verified or article.verified, citation


def test_the_draft_table_verifies_only_the_verified_numbers_and_never_art_9_paragraphs_2_and_3() -> None:
    draft = default_catalogue().instrument("draft-2023")
    assert {a.n for a in draft.articles if a.verified} == DRAFT_VERIFIED_ARTICLES
    art9 = draft.article(9)
    assert art9 is not None and set(art9.unverified_paragraphs) == {2, 3}


def test_a_citation_of_an_article_the_instrument_does_not_have_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"rules.toml: rule '[\w-]+': Measures Art 21 is not an article"):
        load_with(
            tmp_path,
            '{ instrument = "measures-2025", article = 13, paragraph = 2 }',
            '{ instrument = "measures-2025", article = 21 }',
        )


def test_a_citation_of_a_paragraph_the_article_does_not_have_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"rules.toml: rule '[\w-]+': Measures Art 13 has no paragraph 3"):
        load_with(
            tmp_path,
            '{ instrument = "measures-2025", article = 13, paragraph = 2 }',
            '{ instrument = "measures-2025", article = 13, paragraph = 3 }',
        )


def test_a_citation_of_an_item_the_article_does_not_have_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"rules.toml: rule '[\w-]+': Measures Art 13 has no item 1"):
        load_with(
            tmp_path,
            '{ instrument = "measures-2025", article = 13, paragraph = 2 }',
            '{ instrument = "measures-2025", article = 13, item = 1 }',
        )


def test_a_verified_citation_of_an_unverified_draft_article_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        CatalogueError, match=r"rules.toml: rule '[\w-]+': 2023 draft Art 16 is not a verified article number"
    ):
        load_with(tmp_path, 'instrument = "draft-2023", article = 15', 'instrument = "draft-2023", article = 16')


def test_an_unverified_citation_of_an_unverified_draft_article_is_accepted(tmp_path: Path) -> None:
    load_with(
        tmp_path,
        'instrument = "draft-2023", article = 15, paragraph = 1 }',
        'instrument = "draft-2023", article = 16, verified = false, topic = { en = "filing rule", zh = "备案规定" } }',
    )


def test_draft_art_9_paragraph_2_cannot_be_cited_as_verified(tmp_path: Path) -> None:
    with pytest.raises(
        CatalogueError, match=r"rules.toml: rule '[\w-]+': 2023 draft Art 9 paragraph 2 is of uncertain placement"
    ):
        load_with(
            tmp_path,
            '{ instrument = "draft-2023", article = 9, paragraph = 1 }',
            '{ instrument = "draft-2023", article = 9, paragraph = 2 }',
        )


def test_the_table_cannot_mark_an_unverified_draft_article_verified(tmp_path: Path) -> None:
    with pytest.raises(
        CatalogueError, match=r"rules.toml: instrument 'draft-2023': 2023 draft Art 16 cannot be marked verified"
    ):
        load_with(tmp_path, "{ n = 16, verified = false }", "{ n = 16 }")


def test_the_table_cannot_drop_the_uncertainty_of_draft_art_9(tmp_path: Path) -> None:
    with pytest.raises(
        CatalogueError,
        match=r"rules.toml: instrument 'draft-2023': 2023 draft Art 9: paragraphs 2, 3 are of uncertain placement",
    ):
        load_with(tmp_path, "{ n = 9, paragraphs = 3, unverified_paragraphs = [2, 3] }", "{ n = 9, paragraphs = 3 }")


def test_an_instrument_without_an_articles_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"rules.toml: instrument 'gbt-41819-2022': missing key\(s\) articles"):
        load_with(tmp_path, "articles = []\n", "")


def test_a_citation_of_an_instrument_not_in_the_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"rules.toml: rule '[\w-]+': unknown instrument 'order-800'"):
        load_with(
            tmp_path,
            '{ instrument = "measures-2025", article = 13, paragraph = 2 }',
            '{ instrument = "order-800", article = 8 }',
        )


def test_a_standard_cited_by_article_number_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        CatalogueError, match=r"GB/T 41819-2022 \(recommended practice\) Art 6 is not an article of gbt-41819-2022"
    ):
        load_with(
            tmp_path,
            '{ instrument = "gbt-41819-2022", verified = false',
            '{ instrument = "gbt-41819-2022", article = 6, verified = true',
        )


# Paragraphs (款) and numbered items (项) of each Measures article, as the full text the notes rely
# on shows them (MS1, read 2026-12-02); every article not listed has one paragraph and no items.
MEASURES_STRUCTURE = {2: (2, 0), 5: (4, 5), 6: (2, 0), 7: (2, 0), 8: (2, 0), 9: (2, 4), 10: (2, 0)}
MEASURES_STRUCTURE |= {13: (2, 0), 15: (2, 5), 16: (2, 0), 19: (1, 6)}


def test_the_measures_articles_table_matches_the_full_text() -> None:
    measures = default_catalogue().instrument("measures-2025")
    assert [a.n for a in measures.articles] == list(range(1, 21))
    for article in measures.articles:
        assert (article.paragraphs, article.items) == MEASURES_STRUCTURE.get(article.n, (1, 0)), article.n
        assert article.verified


def test_the_ndsmr_has_64_articles_and_order_799_its_paragraphs_as_the_notes_show() -> None:
    catalogue = default_catalogue()
    assert [a.n for a in catalogue.instrument("ndsmr").articles] == list(range(1, 65))
    order_799 = catalogue.instrument("order-799")
    assert len(order_799.articles) == 34
    shown = {n: (a.paragraphs, a.items) for n in (7, 8, 9, 15, 16, 27) if (a := order_799.article(n))}
    assert shown == {7: (3, 0), 8: (2, 4), 9: (2, 0), 15: (2, 0), 16: (2, 0), 27: (2, 0)}
