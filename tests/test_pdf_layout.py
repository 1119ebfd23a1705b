"""Print layout of the PDF, read back from real renders (WeasyPrint): no page left nearly empty, no
citation split mid-word, no label cut by a page break, Chinese labels whole, a section's heading on
the page where its table starts. Two renders: a report with findings, the comparison and the rules
table in English, and one in Chinese."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from tests.test_pdf import flat, render
from tests.test_scenarios import scenario_answers

# A4 in points; the body lies between the page's margins (15 mm top, 14 mm bottom).
PAGE_HEIGHT = 841.89
BODY_TOP = PAGE_HEIGHT - 15 * 72 / 25.4
BODY_BOTTOM = 14 * 72 / 25.4


@pytest.fixture(scope="module")
def english() -> tuple[dict[str, Any], str, bytes]:
    # Findings that end a little past a page, the 2023 draft compared, the rules table: its last
    # findings once sat alone on a page 95% blank, and its citations split ("P|IPL").
    return render(scenario_answers("draft-two-filing-triggers"), "en")


@pytest.fixture(scope="module")
def chinese() -> tuple[dict[str, Any], str, bytes]:
    # The rules table's heading once sat alone at the foot of a page.
    return render(scenario_answers("residential-compound-face-only"), "zh-hans")


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def body_fill(pdf: bytes) -> list[float]:
    """How far down each page's body its text reaches, 0 to 1 (running header and footer left out)."""
    fills = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        lowest = BODY_TOP

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
            nonlocal lowest
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and BODY_BOTTOM < y < BODY_TOP:
                lowest = min(lowest, y)

        page.extract_text(visitor_text=visit)
        fills.append((BODY_TOP - lowest) / (BODY_TOP - BODY_BOTTOM))
    return fills


@pytest.mark.parametrize("edition", ["english", "chinese"])
def test_no_page_but_the_last_is_nearly_empty(edition: str, request: pytest.FixtureRequest) -> None:
    _, _, pdf = request.getfixturevalue(edition)
    fills = body_fill(pdf)
    nearly_empty = [number for number, fill in enumerate(fills[:-1], start=1) if fill < 0.25]
    assert not nearly_empty, f"pages {nearly_empty} are nearly empty: {[round(f, 2) for f in fills]}"


def test_citations_are_never_split_mid_word(english: tuple[dict[str, Any], str, bytes]) -> None:
    _, _, pdf = english
    text = "\n".join(page_texts(pdf))
    words = {"PIPL", "Measures", "SPC", "Interpretation", "Order", "NDSMR"}
    split = [f"{a}|{b}" for a, b in re.findall(r"(\w+)\n(\w+)", text) if a + b in words]
    assert not split, f"words split across lines: {split}"
    assert text.count("PIPL") > 20


@pytest.mark.parametrize("edition", ["english", "chinese"])
def test_no_page_starts_with_the_tail_of_a_label(edition: str, request: pytest.FixtureRequest) -> None:
    """A page break through a two-line label ("Evidence to / keep") printed its tail over the next page."""
    context, _, pdf = request.getfixturevalue(edition)
    labels = [str(context["labels"][key]) for key in ("citations", "requirement", "why", "remediation", "evidence")]
    tails = {label.split()[-1] for label in labels if " " in label}
    for number, text in enumerate(page_texts(pdf), start=1):
        assert text.split("\n")[0].strip() not in tails, f"page {number} starts with a label's tail"


def test_chinese_labels_are_whole(chinese: tuple[dict[str, Any], str, bytes]) -> None:
    context, _, pdf = chinese
    label = str(context["labels"]["evidence"])
    assert len(label) >= 8
    text = "\n".join(page_texts(pdf))
    assert text.count(label) == len(context["findings"]), f"{label} is broken across lines"


@pytest.mark.parametrize("edition", ["english", "chinese"])
def test_the_rules_table_starts_on_its_headings_page(edition: str, request: pytest.FixtureRequest) -> None:
    context, _, pdf = request.getfixturevalue(edition)
    heading = flat(str(context["pdf_labels"]["checked"]))
    first = next(row for row in context["checked_rows"] if not row.get("reason"))
    pages = [flat(text) for text in page_texts(pdf)[1:]]  # the cover's contents name it too
    page = next(text for text in pages if heading in text)
    assert flat(str(first["title"]))[:12] in page.split(heading, 1)[1], "the heading sits alone at a page's foot"
