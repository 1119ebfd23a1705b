"""Benchmark: the PDF report, end to end through our view against WeasyPrint alone.

Run: .venv/bin/python bench/report.py [--runs 5] [--cached-runs 50]

For a realistic full assessment with at least 20 findings, in English and in Chinese, prints:
the median time of our PDF view end to end (test client, cache cleared before each request);
the median time of WeasyPrint rendering the same final HTML directly (the floor); their ratio
(target at most 1.15); the median time of a cached download (target under 30 ms); peak RSS of
the process (target under 300 MB). View and floor runs alternate, so drift on a busy machine
hits both alike, and
they take turns going first. Figures to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assessment.settings")
# A throwaway database: the benchmark must not touch the development one.
DATABASE_DIR = tempfile.TemporaryDirectory(prefix="frt-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE_DIR.name}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from assessment.assessments.models import Assessment  # noqa: E402
from assessment.reports import pdf as report_pdf  # noqa: E402
from assessment.reports.context import build_edition_context  # noqa: E402
from assessment.reports.fetcher import StaticFilesFetcher  # noqa: E402
from assessment.reports.models import CachedReport  # noqa: E402
from tests.test_scenarios import scenario_answers  # noqa: E402

# A shopping mall chain analysing shoppers' faces, storing 150,000 people, with no impact
# assessment, no filing and a cloud vendor without a contract: the retailer scenario of the
# scoring tests, with the wider estate's answers on top.
EXTRA_GAPS = {
    "fl1_people_stored": 150_000,
    "fl_reached_when": "on_or_after_2025_06_01",
    "fl2_filed": "no",
    "ia1_pia_before": "no",
    "sh2_processors": "yes",
    "sh2_contract": "no",
}


def realistic_answers() -> dict[str, Any]:
    return {**scenario_answers("retailer-shopper-analytics-cloud"), **EXTRA_GAPS}


def timed(action: Callable[[], Any]) -> float:
    gc.collect()  # so neither side pays for the other's garbage
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports kilobytes


def bench_language(
    client: Client, assessment: Assessment, language: str, runs: int, cached_runs: int
) -> dict[str, Any]:
    url = f"/a/{assessment.token}/report.pdf?lang={language}"
    html = report_pdf.render_report_html(build_edition_context(assessment, assessment.regime, language))
    weasyprint = report_pdf.weasyprint()

    def view() -> None:
        CachedReport.objects.all().delete()
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    def floor() -> None:
        weasyprint.HTML(string=html, base_url=report_pdf.PDF_BASE_URL, url_fetcher=StaticFilesFetcher()).write_pdf()

    view(), floor()  # warm up: fonts, caches
    view_times, floor_times = [], []
    for run in range(runs):
        if run % 2:
            floor_times.append(timed(floor))
            view_times.append(timed(view))
        else:
            view_times.append(timed(view))
            floor_times.append(timed(floor))
    renders = report_pdf.render_count()
    cached = [timed(lambda: client.get(url)) for _ in range(cached_runs)]
    assert report_pdf.render_count() == renders, "cached downloads must not render"
    pages = len(PdfReader(io.BytesIO(client.get(url).content)).pages)
    context_times = [timed(lambda: build_edition_context(assessment, assessment.regime, language)) for _ in range(20)]
    context = build_edition_context(assessment, assessment.regime, language)
    template_times = [timed(lambda: report_pdf.render_report_html(context)) for _ in range(20)]
    return {
        "context": statistics.median(context_times),
        "template": statistics.median(template_times),
        "view": statistics.median(view_times),
        "floor": statistics.median(floor_times),
        "cached": statistics.median(cached),
        "pages": pages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)  # fewer runs let 30-50% noise swing the ratio
    parser.add_argument("--cached-runs", type=int, default=50)
    args = parser.parse_args()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    assessment = Assessment.objects.create(answers=realistic_answers(), status="complete")
    findings = len(build_edition_context(assessment, assessment.regime, "en")["findings"])
    assert findings >= 20, f"the benchmark needs at least 20 findings, the answers give {findings}"
    client = Client()
    print(f"PDF report benchmark: {findings} findings, {args.runs} runs each (medians), regime {assessment.regime}")
    print(
        f"{'language':9} {'pages':>5} {'view (s)':>9} {'floor (s)':>10} {'ratio':>6} {'cached (ms)':>12}"
        f" {'context (ms)':>13} {'template (ms)':>14}"
    )
    for language in ("en", "zh-hans"):
        figures = bench_language(client, assessment, language, args.runs, args.cached_runs)
        ratio = figures["view"] / figures["floor"]
        print(
            f"{language:9} {figures['pages']:>5} {figures['view']:>9.3f} {figures['floor']:>10.3f} "
            f"{ratio:>6.3f} {figures['cached'] * 1000:>12.1f} {figures['context'] * 1000:>13.1f}"
            f" {figures['template'] * 1000:>14.1f}"
        )
    print(f"peak RSS {peak_rss_mb():.0f} MB")
    print("targets: ratio <= 1.15, cached < 30 ms, peak RSS < 300 MB")
    print("context and template: the view's own work before WeasyPrint starts, measured alone")


if __name__ == "__main__":
    main()
