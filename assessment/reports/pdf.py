"""The PDF of the gap report: render once with WeasyPrint, then serve repeats from the cache."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from types import ModuleType
from typing import Any
from urllib.parse import quote

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.organisations.branding import branding_fingerprint

from .context import assessment_date, build_edition_context
from .models import CachedReport
from .pdf_sections import pdf_sections

# Bump whenever a report template, report.css or the context changes what a PDF shows, so
# that PDFs cached before the change are not served after it.
TEMPLATE_VERSION = "report-5"
# Every assessment keeps at most this many cached PDFs (two regimes, three editions).
CACHED_PER_ASSESSMENT = 6
# WeasyPrint resolves the template's "/static/..." links against this base; the fetcher maps
# the resulting file:///static/... URLs to the project's static files and refuses all else.
PDF_BASE_URL = "file:///"

# WeasyPrint's PDF/UA variant: tags the document for screen readers (reading order, headings,
# tables, the language); it renders the same pages at about the same speed.
PDF_VARIANT = "pdf/ua-1"

_render_count = 0


def render_count() -> int:
    """How many PDFs this process has rendered (the cache tests and the benchmark read it)."""
    return _render_count


@functools.cache
def weasyprint() -> ModuleType:
    """WeasyPrint, imported on first use and once per process: the import alone takes about a second."""
    import weasyprint as module

    return module


def render_report_html(context: dict[str, object]) -> str:
    """The final HTML of the PDF, in the edition's language (English chrome for the bilingual one)."""
    language = "en" if context["edition"] == "bilingual" else str(context["language"])
    with translation.override(language):
        return render_to_string("reports/report_pdf.html", context)


def render_pdf(html: str) -> bytes:
    """Render report HTML to PDF bytes; assets come only through the static files fetcher."""
    global _render_count
    from .fetcher import StaticFilesFetcher

    _render_count += 1
    document = weasyprint().HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticFilesFetcher())
    # Tagged PDF (PDF/UA-1): a structure tree, /MarkInfo /Marked, and /Lang from <html lang>.
    return bytes(document.write_pdf(pdf_variant=PDF_VARIANT))


def report_cache_key(
    assessment: Assessment, regime: str, edition: str, prepared_by: str | None = None, include_answers: bool = True
) -> str:
    """sha256 of everything a PDF depends on; the generation date alone may differ between hits."""
    material = {
        "answers": assessment.answers,
        "regime": regime,
        "catalogue": default_catalogue().version,
        "edition": edition,
        "template": TEMPLATE_VERSION,
        "assessed_on": assessment_date(assessment).isoformat(),
        "prepared_by": prepared_by or "",
        "include_answers": include_answers,
        "branding": branding_fingerprint(assessment.organisation),  # a new logo makes a new PDF
        # A reassessment's PDF shows the changes since the assessment it came from.
        "previous": _previous_answers(assessment),
    }
    canonical = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _previous_answers(assessment: Assessment) -> object:
    previous = assessment.reassessed_from if assessment.reassessed_from_id else None
    return None if previous is None else [previous.answers, previous.regime, str(previous.completed_at)]


def render_edition(
    assessment: Assessment, regime: str, edition: str, prepared_by: str | None = None, include_answers: bool = True
) -> bytes:
    """Render one edition now, in this process (the worker and the command line; never a web request)."""
    return render_pdf(render_report_html(edition_context(assessment, regime, edition, prepared_by, include_answers)))


def edition_context(
    assessment: Assessment, regime: str, edition: str, prepared_by: str | None = None, include_answers: bool = True
) -> dict[str, Any]:
    """The whole context of a PDF edition: the report's, and what only the PDF shows (pdf_sections)."""
    context = build_edition_context(assessment, regime, edition, prepared_by)
    context["include_answers"] = include_answers
    context.update(pdf_sections(assessment, regime, edition, context))
    return context


def cached_report_pdf(
    assessment: Assessment, regime: str, edition: str, prepared_by: str | None = None, include_answers: bool = True
) -> bytes | None:
    """The cached PDF of this edition of the assessment as it stands, or None."""
    key = report_cache_key(assessment, regime, edition, prepared_by, include_answers)
    cached = CachedReport.objects.filter(assessment=assessment, key=key).values_list("pdf", flat=True).first()
    return None if cached is None else bytes(cached)


def report_pdf(
    assessment: Assessment, regime: str, edition: str, prepared_by: str | None = None, include_answers: bool = True
) -> bytes:
    """The report PDF: from the cache when the assessment is unchanged, else rendered here and cached."""
    if assessment.pk is None:  # the command line scores answers that are not stored
        return render_edition(assessment, regime, edition, prepared_by, include_answers)
    cached = cached_report_pdf(assessment, regime, edition, prepared_by, include_answers)
    if cached is not None:
        return cached
    pdf = render_edition(assessment, regime, edition, prepared_by, include_answers)
    store_report_pdf(assessment, report_cache_key(assessment, regime, edition, prepared_by, include_answers), pdf)
    return pdf


def store_report_pdf(assessment: Assessment, key: str, pdf: bytes) -> None:
    """Keep the PDF; drop the oldest beyond the per-assessment limit."""
    try:
        with transaction.atomic():
            CachedReport.objects.create(assessment=assessment, key=key, pdf=pdf)
    except IntegrityError:
        return  # a parallel request rendered and stored the same PDF first
    stale = CachedReport.objects.filter(assessment=assessment).values_list("id", flat=True)[CACHED_PER_ASSESSMENT:]
    CachedReport.objects.filter(id__in=list(stale)).delete()


def _filename_part(text: str, fallback: str, ascii_only: bool = False) -> str:
    """Letters and digits kept (any script, or ASCII with accents folded), everything else one hyphen."""
    text = unicodedata.normalize("NFKD" if ascii_only else "NFKC", text)
    if ascii_only:
        text = text.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[\W_]+", "-", text).strip("-")[:60].strip("-") or fallback


EDITION_SUFFIXES = {"en": "_en", "zh-hans": "_zh", "bilingual": "_bilingual"}


def report_filenames(assessment: Assessment, regime: str, edition: str | None = None) -> tuple[str, str]:
    """frt-gap-report_<organisation>_<scenario>_<date>_<regime>[_<edition>].pdf, and an ASCII fallback."""
    suffix = EDITION_SUFFIXES.get(edition or "", "")
    names = []
    for ascii_only in (False, True):
        organisation = _filename_part(assessment.organisation_name, "organisation", ascii_only)
        scenario = _filename_part(assessment.scenario_name, "scenario", ascii_only)
        date = assessment_date(assessment).isoformat()
        names.append(f"frt-gap-report_{organisation}_{scenario}_{date}_{regime}{suffix}.pdf")
    return names[0], names[1]


def content_disposition(filename: str, ascii_filename: str) -> str:
    """An attachment named in UTF-8 through filename* (RFC 6266, RFC 5987), with an ASCII filename= fallback."""
    return f"attachment; filename=\"{ascii_filename}\"; filename*=UTF-8''{quote(filename, safe='')}"
