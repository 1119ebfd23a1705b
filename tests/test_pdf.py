"""Real PDFs, rendered by WeasyPrint and read back: pages, text, embedded fonts, no warnings, the
cache, the fetcher's refusals, and user text that stays text."""

from __future__ import annotations

import datetime
import io
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest
from django.test import Client
from pypdf import PdfReader

from assessment.assessments.models import Assessment
from assessment.reports import pdf as report_pdf
from assessment.reports.context import assessment_date, build_edition_context
from assessment.reports.models import CachedReport
from assessment.reports.pdf_sections import HEADER_WIDTH, display_width, running_organisation, shorten
from tests.test_report_context import INJECTION, gap_answers, unsaved
from tests.test_scenarios import scenario_answers


class WarningCollector(logging.Handler):
    """Collects what WeasyPrint logs at WARNING or above (missing glyphs, refused URLs, bad CSS)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def weasyprint_warnings() -> Iterator[list[str]]:
    collector = WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    yield collector.messages
    logger.removeHandler(collector)


def render(answers: dict[str, Any], edition: str, regime: str = "measures-2025") -> tuple[dict[str, Any], str, bytes]:
    context = report_pdf.edition_context(unsaved(answers, regime), regime, edition)
    html = report_pdf.render_report_html(context)
    return context, html, report_pdf.render_pdf(html)


# A scenario name far too long for the running header, with an unbroken run of letters.
LONG_SCENARIO = "Entrance gates of every store in the Greater Bay Area " + "Turnstile" * 12


@pytest.fixture(scope="module")
def english(weasyprint_warnings: list[str]) -> tuple[dict[str, Any], str, bytes]:
    """A careless retailer whose organisation name tries to inject markup and CSS."""
    return render(gap_answers(org_name=INJECTION, scenario_name=LONG_SCENARIO), "en")


@pytest.fixture(scope="module")
def chinese(weasyprint_warnings: list[str]) -> tuple[dict[str, Any], str, bytes]:
    return render(scenario_answers("well-run-staff-attendance"), "zh-hans")


@pytest.fixture(scope="module")
def bilingual(weasyprint_warnings: list[str]) -> tuple[dict[str, Any], str, bytes]:
    return render(scenario_answers("hotel-guest-room-devices"), "bilingual")


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def embedded_fonts(pdf: bytes) -> set[str]:
    """The /BaseFont of every font the pages use, subset prefix removed."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def is_noto_sans_cjk_sc(name: str) -> bool:
    # pdffonts shows "Noto-Sans-CJK-SC"; other builds say "NotoSansCJKsc-Regular".
    squashed = re.sub(r"[^a-z]", "", name.lower())
    return squashed.startswith("notosanscjksc")


def test_the_english_report_has_its_pages_citations_and_organisation(
    english: tuple[dict[str, Any], str, bytes],
) -> None:
    context, _, pdf = english
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 3
    text = flat(text_of(pdf))
    for finding in context["findings"][:5]:
        assert flat(finding["citations"][0]) in text
    assert flat(INJECTION) in text, "the organisation name is printed as typed, markup and all"
    assert reader.metadata is not None and INJECTION in str(reader.metadata.title)


def test_user_text_cannot_inject_html_or_css(english: tuple[dict[str, Any], str, bytes]) -> None:
    _, html, pdf = english
    assert "<script>alert(1)</script>" not in html
    assert "</style><style>body{display:none}" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/style&gt;&lt;style&gt;body{display:none}" in html
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 3, "the body was not hidden"


def text_runs(pdf: bytes) -> list[tuple[str, str]]:
    """Each run of text the pages draw, with the font it is drawn in (subset prefix removed)."""
    runs: list[tuple[str, str]] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
            if text.strip() and font is not None:
                runs.append((text, str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]))

        page.extract_text(visitor_text=visit)
    return runs


def is_latin_face(name: str) -> bool:
    return name.startswith("DejaVu-Sans")


CJK_CHARACTER = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def test_english_is_set_in_a_latin_face_first_and_chinese_in_the_simplified_chinese_face(
    english: tuple[dict[str, Any], str, bytes],
    chinese: tuple[dict[str, Any], str, bytes],
    bilingual: tuple[dict[str, Any], str, bytes],
) -> None:
    for _, _, pdf in (english, chinese, bilingual):
        fonts = embedded_fonts(pdf)
        assert all(is_noto_sans_cjk_sc(name) or is_latin_face(name) for name in fonts), f"another face: {fonts}"
        for text, font in text_runs(pdf):
            if CJK_CHARACTER.search(text):
                assert is_noto_sans_cjk_sc(font), f"Chinese {text!r} drawn in {font}, not Noto Sans CJK SC"
    for _, _, pdf in (english, bilingual):
        apostrophes = [(text, font) for text, font in text_runs(pdf) if re.search(r"[A-Za-z][’'][a-z]", text)]
        assert apostrophes, "the English text has words with apostrophes (person's, can't ...)"
        # In the CJK face the apostrophe takes its full-width glyph: "can’ t".
        assert all(is_latin_face(font) for _, font in apostrophes), apostrophes[:3]
    assert all(is_noto_sans_cjk_sc(name) for name in embedded_fonts(chinese[2])), "Chinese: the CJK face first"


def test_citations_are_joined_by_a_full_width_semicolon_in_chinese_and_by_a_semicolon_in_english(
    english: tuple[dict[str, Any], str, bytes], chinese: tuple[dict[str, Any], str, bytes]
) -> None:
    for (context, _, pdf), separator in ((chinese, "；"), (english, ";")):
        text = flat(text_of(pdf))
        several = [r["citations"] for r in context["checked_rows"] if len(r.get("citations", [])) > 1]
        several += [f["citations"] for f in context["findings"] if len(f["citations"]) > 1]
        assert several, "some rule cites more than one article"
        for citations in several:
            assert flat(separator.join(citations)) in text, citations
    assert "；" not in text_of(english[2])


def test_the_pdf_is_tagged_for_accessibility_with_its_language(
    english: tuple[dict[str, Any], str, bytes], chinese: tuple[dict[str, Any], str, bytes]
) -> None:
    for (_, _, pdf), language in ((english, "en"), (chinese, "zh-Hans")):
        root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
        assert "/StructTreeRoot" in root, "a tagged PDF has a structure tree"
        assert bool(root["/MarkInfo"]["/Marked"])
        assert root["/Lang"] == language


def test_a_long_scenario_name_is_shortened_in_the_running_header_and_kept_whole_on_the_cover(
    english: tuple[dict[str, Any], str, bytes],
) -> None:
    context, _, pdf = english
    header = context["running_organisation"]
    assert header.endswith("…") and display_width(header) <= HEADER_WIDTH["en"]
    pages = [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert flat(LONG_SCENARIO) in pages[0], "the cover keeps the whole name (wrapped)"
    assert all(flat(header) in page for page in pages[1:]), "every later page carries the short header"


def test_rules_met_and_not_applicable_are_one_compact_row_each_with_their_citations(
    english: tuple[dict[str, Any], str, bytes],
) -> None:
    context, html, pdf = english
    rows = [r for r in context["checked_rows"] if "rule" in r]
    checked = {m["rule"] for m in context["met"]} | {m["rule"] for m in context["covered"]}
    checked |= {m["rule"] for group in context["not_applicable"] for m in group["rules"]}
    assert sorted(r["rule"] for r in rows) == sorted(checked), "each rule exactly once"
    text = flat(text_of(pdf))
    for r in rows:
        assert flat(r["rule"]) in text and all(flat(c) in text for c in r["citations"])
    # No prose: the requirement of a met rule is told on the result page, not in the PDF.
    assert context["met"][0]["requirement"] not in html


def test_the_chinese_report_is_in_chinese(chinese: tuple[dict[str, Any], str, bytes]) -> None:
    context, html, pdf = chinese
    assert '<html lang="zh-Hans"' in html
    text = flat(text_of(pdf))
    assert flat(context["met"][0]["citations"][0]) in text
    assert "已满足、已涵盖或不适用的规则" in text and "2025年《办法》与2023年征求意见稿对比" in text
    assert "人脸识别" in text


def test_the_bilingual_edition_marks_each_passage_with_its_language(
    bilingual: tuple[dict[str, Any], str, bytes],
) -> None:
    context, html, pdf = bilingual
    title = context["findings"][0]["title"]
    english_title, chinese_title = (p.text for p in title)
    assert f'<span class="passage" lang="en">{english_title}</span><span class="passage" lang="zh-Hans">' in html
    text = flat(text_of(pdf))
    assert flat(english_title) in text and flat(chinese_title) in text


def test_no_weasyprint_warning_was_logged(
    english: tuple[dict[str, Any], str, bytes],
    chinese: tuple[dict[str, Any], str, bytes],
    bilingual: tuple[dict[str, Any], str, bytes],
    weasyprint_warnings: list[str],
) -> None:
    assert weasyprint_warnings == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.css",
        "https://example.com/x.css",
        "file:///static/../etc/passwd",
        "file:///static/css/../../assessment/settings.py",
        "file:///static/%2e%2e/assessment/settings.py",
        "file:///static/css/report.css?x=1",
        "file://evil.example/static/css/report.css",
        "file:///work/main/static/css/report.css",
        "data:text/css,body{display:none}",
        "ftp://example.com/x.css",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(url: str) -> None:
    from assessment.reports.fetcher import RefusedURL, StaticFilesFetcher

    with pytest.raises(RefusedURL):
        StaticFilesFetcher().fetch(url)


def test_the_fetcher_serves_the_report_stylesheet() -> None:
    from assessment.reports.fetcher import StaticFilesFetcher

    response = StaticFilesFetcher().fetch("file:///static/css/report.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()
    response.close()


# --- the download, through the view -------------------------------------------------------------


@pytest.fixture
def well_run(db: None) -> Assessment:
    return Assessment.objects.create(answers=scenario_answers("well-run-staff-attendance"), status="complete")


def download(client: Client, assessment: Assessment, **params: str) -> Any:
    """Ask for an edition (POST), let a worker's task render it, then download it."""
    from assessment.reports.models import ReportRender
    from assessment.reports.tasks import render_report

    client.post(f"/a/{assessment.token}/report/request/", params)
    for render in ReportRender.objects.filter(assessment=assessment, status=ReportRender.Status.QUEUED):
        render_report.call(render.pk)
    return client.get(f"/a/{assessment.token}/report.pdf", params)


def test_a_repeated_download_is_served_from_the_cache_without_rendering(client: Client, well_run: Assessment) -> None:
    first = download(client, well_run)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    renders = report_pdf.render_count()
    second = download(client, well_run)
    assert report_pdf.render_count() == renders, "the cache hit did not render"
    assert second.content == first.content
    assert CachedReport.objects.filter(assessment=well_run).count() == 1


def test_another_regime_language_or_answer_renders_anew(client: Client, well_run: Assessment) -> None:
    download(client, well_run)
    renders = report_pdf.render_count()
    response = download(client, well_run, regime="draft-2023", lang="zh-hans")
    assert report_pdf.render_count() == renders + 1
    assert "_draft-2023_zh.pdf" in response["Content-Disposition"]
    assert CachedReport.objects.filter(key=report_pdf.report_cache_key(well_run, "draft-2023", "zh-hans")).exists()
    well_run.answers = {**well_run.answers, "pl1_public_place": "yes"}
    well_run.save()
    download(client, well_run, regime="draft-2023", lang="zh-hans")
    assert report_pdf.render_count() == renders + 2
    download(client, well_run, regime="draft-2023", lang="zh-hans", answers="0")
    assert report_pdf.render_count() == renders + 3, "leaving the answers out is another PDF"
    well_run.delete()
    assert not CachedReport.objects.exists(), "deleting the assessment deleted its cached PDFs"


def test_an_assessment_keeps_only_a_few_cached_pdfs(well_run: Assessment) -> None:
    for n in range(report_pdf.CACHED_PER_ASSESSMENT + 3):
        report_pdf.store_report_pdf(well_run, f"{n:064d}", b"%PDF-1.7 stand-in")
    assert CachedReport.objects.filter(assessment=well_run).count() == report_pdf.CACHED_PER_ASSESSMENT


def test_the_download_name_is_safe_and_keeps_chinese_through_rfc_6266(db: None) -> None:
    assessment = Assessment.objects.create(
        answers={"org_name": '华夏零售 / Huaxia "Retail"', "scenario_name": "门店入口; Store: entrance"}
    )
    filename, fallback = report_pdf.report_filenames(assessment, "draft-2023")
    date = assessment_date(assessment).isoformat()
    assert filename == f"frt-gap-report_华夏零售-Huaxia-Retail_门店入口-Store-entrance_{date}_draft-2023.pdf"
    assert fallback == f"frt-gap-report_Huaxia-Retail_Store-entrance_{date}_draft-2023.pdf"
    header = report_pdf.content_disposition(filename, fallback)
    assert header.startswith(f"attachment; filename=\"{fallback}\"; filename*=UTF-8''")
    assert unquote(header.split("''", 1)[1]) == filename


def test_an_unfinished_assessments_pdf_names_the_missing_questions() -> None:
    answers = gap_answers()
    answers.pop("cn1_legal_basis")
    context = build_edition_context(unsaved(answers), "measures-2025", "en")
    html = report_pdf.render_report_html(context)
    assert 'class="notice missing-print"' in html
    assert context["missing"][0]["label"] in html


# --- the running header, and the comparison sections ----------------------------------------------


def test_names_are_shortened_by_their_width_a_chinese_character_counting_two() -> None:
    assert shorten("Acme Retail", 20) == "Acme Retail"
    assert shorten("华夏零售集团股份有限公司", 10) == "华夏零售…"
    assert display_width(shorten("华夏零售集团股份有限公司", 10)) <= 10
    assert shorten("Jinjiang Star Hotels Co., Ltd.", 14) == "Jinjiang Star…"
    short_organisation = running_organisation("Acme", "A" * 200, 40)
    assert short_organisation.startswith("Acme · A") and display_width(short_organisation) <= 40
    both_long = running_organisation("华" * 50, "B" * 100, 40)
    assert both_long.count("…") == 2 and display_width(both_long) <= 40


@pytest.fixture
def reassessment(db: None) -> Assessment:
    """A year on, the retailer obtained separate consent and now keeps faces for longer."""
    earlier = Assessment.objects.create(
        answers=gap_answers(), status="complete", completed_at=datetime.datetime(2025, 11, 3, 10, tzinfo=datetime.UTC)
    )
    return Assessment.objects.create(
        answers={**gap_answers(), "cn1_legal_basis": "separate_consent", "cn2_consent_separate_before": "yes"},
        status="complete",
        reassessed_from=earlier,
    )


def test_a_reassessments_pdf_shows_the_changes_and_the_two_regimes_side_by_side(
    reassessment: Assessment, weasyprint_warnings: list[str]
) -> None:
    context = report_pdf.edition_context(reassessment, "measures-2025", "zh-hans")
    changes, regimes = context["changes"], context["regimes"]
    assert changes["any"] and changes["answers"], "the answers changed"
    text = flat(text_of(report_pdf.render_pdf(report_pdf.render_report_html(context))))
    assert "自2025-11-03以来的变化" in text and "答案变化" in text
    for f in changes["closed"] + changes["new"]:
        assert flat(f["title"]) in text and flat("；".join(f["citations"])) in text
    for a in changes["answers"]:
        assert flat(a["question"]) in text
    assert "2025年《办法》与2023年征求意见稿对比" in text
    assert regimes["rows"] or regimes["alike"], "the comparison lists something"
    for row in regimes["rows"]:
        assert flat(row["title"]) in text
        for c in row["measures_citations"] + row["draft_citations"]:
            assert flat(c) in text
    assert weasyprint_warnings == []


def test_a_first_assessments_pdf_has_no_changes_section(well_run: Assessment) -> None:
    context = report_pdf.edition_context(well_run, "measures-2025", "en")
    assert context["changes"] is None
    html = report_pdf.render_report_html(context)
    assert "changes-since" not in html and 'id="regimes-title"' in html
