"""Real PDFs, rendered by WeasyPrint and read back: pages, text, embedded fonts, no warnings, the
cache, the fetcher's refusals, and user text that stays text."""

from __future__ import annotations

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
    context = build_edition_context(unsaved(answers, regime), regime, edition)
    html = report_pdf.render_report_html(context)
    return context, html, report_pdf.render_pdf(html)


@pytest.fixture(scope="module")
def english(weasyprint_warnings: list[str]) -> tuple[dict[str, Any], str, bytes]:
    """A careless retailer whose organisation name tries to inject markup and CSS."""
    return render(gap_answers(org_name=INJECTION), "en")


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


def test_fonts_noto_sans_cjk_sc_everywhere_and_never_the_japanese_face(
    english: tuple[dict[str, Any], str, bytes],
    chinese: tuple[dict[str, Any], str, bytes],
    bilingual: tuple[dict[str, Any], str, bytes],
) -> None:
    for _, _, pdf in (english, chinese, bilingual):
        fonts = embedded_fonts(pdf)
        assert any(is_noto_sans_cjk_sc(name) for name in fonts), fonts
        assert all(is_noto_sans_cjk_sc(name) for name in fonts), f"a fallback face was used: {fonts}"


def test_the_chinese_report_is_in_chinese(chinese: tuple[dict[str, Any], str, bytes]) -> None:
    context, html, pdf = chinese
    assert '<html lang="zh-Hans"' in html
    text = flat(text_of(pdf))
    assert flat(context["met"][0]["citations"][0]) in text
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
