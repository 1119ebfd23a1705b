"""The instruments table and the citation guard.

Each `[[instruments]]` entry lists the articles the instrument has, as ../shared/regulation/
shows them: `articles = [{ n = 13, paragraphs = 2 }, { n = 16, verified = false }, ...]`. A
citation of an article, paragraph or item the table does not have is refused, and so is a
verified citation of an unverified article or of a paragraph whose placement is uncertain.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .entry import Entry
from .model import Article, Citation, Instrument

# ../shared/regulation/README.md, "2023 draft article numbers": only these numbers are verified,
# and the placement of Art 9 paras 2-3 is uncertain. The table may not claim more than this.
DRAFT_INSTRUMENT = "draft-2023"
DRAFT_VERIFIED_ARTICLES = frozenset({1, 2, 3, 4, 5, 8, 9, 15})
DRAFT_UNCERTAIN_PARAGRAPHS: Mapping[int, frozenset[int]] = {9: frozenset({2, 3})}

INSTRUMENT_KEYS = ("id", "short", "name", "status", "issued", "articles")
ARTICLE_KEYS = frozenset({"n", "paragraphs", "items", "verified", "unverified_paragraphs"})
CITATION_KEYS = frozenset({"instrument", "article", "paragraph", "item", "verified", "topic"})


def instrument(entry: Entry) -> Instrument:
    """One `[[instruments]]` entry with its articles table."""
    entry.check_keys(INSTRUMENT_KEYS)
    raw_articles = entry.data["articles"]
    if not isinstance(raw_articles, list):
        raise entry.fail("'articles' must be a list of { n = ..., paragraphs = ..., verified = ... }")
    articles = tuple(_article(entry, raw) for raw in raw_articles)
    numbers = [a.n for a in articles]
    if len(set(numbers)) != len(numbers):
        raise entry.fail("an article is listed twice in 'articles'")
    if entry.data["id"] == DRAFT_INSTRUMENT:
        for article in articles:
            _check_draft_article(entry, article)
    return Instrument(
        id=entry.data["id"],
        short=entry.text("short"),
        name=entry.text("name"),
        status=entry.text("status"),
        issued=entry.data["issued"],
        articles=articles,
    )


def _article(entry: Entry, raw: Any) -> Article:
    if not isinstance(raw, dict) or not set(raw) <= ARTICLE_KEYS or "n" not in raw:
        raise entry.fail(f"an article needs n and may have {', '.join(sorted(ARTICLE_KEYS - {'n'}))}: {raw!r}")
    for key in ("n", "paragraphs", "items"):
        if key in raw and (isinstance(raw[key], bool) or not isinstance(raw[key], int) or raw[key] < 0):
            raise entry.fail(f"article {key} must be a whole number: {raw!r}")
    uncertain = raw.get("unverified_paragraphs", [])
    paragraphs = raw.get("paragraphs", 1)
    if not isinstance(uncertain, list) or any(not isinstance(p, int) or not 1 <= p <= paragraphs for p in uncertain):
        raise entry.fail(f"Art {raw['n']}: unverified_paragraphs must list paragraphs it has")
    return Article(
        n=raw["n"],
        paragraphs=paragraphs,
        items=raw.get("items", 0),
        verified=bool(raw.get("verified", True)),
        unverified_paragraphs=tuple(uncertain),
    )


def _check_draft_article(entry: Entry, article: Article) -> None:
    """The table may not mark a draft article verified beyond what the notes verify."""
    if article.verified and article.n not in DRAFT_VERIFIED_ARTICLES:
        raise entry.fail(f"2023 draft Art {article.n} cannot be marked verified: its number is not verified")
    uncertain = DRAFT_UNCERTAIN_PARAGRAPHS.get(article.n, frozenset())
    if not uncertain <= set(article.unverified_paragraphs):
        listed = ", ".join(map(str, sorted(uncertain)))
        raise entry.fail(
            f"2023 draft Art {article.n}: paragraphs {listed} are of uncertain placement"
            " and must be listed in unverified_paragraphs"
        )


def citation(entry: Entry, raw: Any, instruments: Mapping[str, Instrument]) -> Citation:
    """One citation, checked against the instruments table."""
    if not isinstance(raw, dict) or not set(raw) <= CITATION_KEYS or "instrument" not in raw:
        raise entry.fail(f"a citation needs instrument and may have {', '.join(sorted(CITATION_KEYS))}: {raw!r}")
    cited = instruments.get(raw["instrument"])
    if cited is None:
        raise entry.fail(f"unknown instrument '{raw['instrument']}' (not in the [[instruments]] table)")
    for key in ("article", "paragraph", "item"):
        if raw.get(key) is not None and (isinstance(raw[key], bool) or not isinstance(raw[key], int)):
            raise entry.fail(f"citation {key} must be an integer")
    if raw.get("article") is None:
        if "topic" not in raw:
            raise entry.fail("a citation without an article number needs a topic to cite it by")
        if raw.get("paragraph") is not None or raw.get("item") is not None:
            raise entry.fail("a citation without an article number cannot name a paragraph or item")
    else:
        _check_cited_article(entry, raw, cited)
    return Citation(
        instrument=raw["instrument"],
        article=raw.get("article"),
        paragraph=raw.get("paragraph"),
        item=raw.get("item"),
        verified=bool(raw.get("verified", True)),
        topic=entry.as_text(raw["topic"], "citation topic") if "topic" in raw else None,
    )


def _check_cited_article(entry: Entry, raw: Mapping[str, Any], cited: Instrument) -> None:
    number, paragraph, item = raw["article"], raw.get("paragraph"), raw.get("item")
    name = f"{cited.short.en} Art {number}"
    article = cited.article(number)
    if article is None:
        raise entry.fail(f"{name} is not an article of {cited.id} in the [[instruments]] table")
    if paragraph is not None and not 1 <= paragraph <= article.paragraphs:
        raise entry.fail(f"{name} has no paragraph {paragraph} (the table gives it {article.paragraphs})")
    if item is not None and not 1 <= item <= article.items:
        raise entry.fail(f"{name} has no item {item} (the table gives it {article.items})")
    if not raw.get("verified", True):
        if "topic" not in raw:
            raise entry.fail(f"an unverified citation of {name} needs a topic to cite it by")
        return
    if not article.verified:
        raise entry.fail(f"{name} is not a verified article number: cite it with verified = false and a topic")
    if paragraph in article.unverified_paragraphs:
        raise entry.fail(f"{name} paragraph {paragraph} is of uncertain placement: it cannot be cited as verified")
