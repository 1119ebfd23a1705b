"""Benchmark: pages and seconds per PDF edition, and the time from completion to PDF ready.

Run: .venv/bin/python bench/report.py [--runs 3] [--cached-runs 50]

For a realistic full assessment with at least 20 findings prints, per edition (English, Chinese,
bilingual; with and without the answers appendix): pages and the median render time; then the
time from completing the assessment (its editions queued) to both PDFs ready, through the
django-tasks database queue and one `manage.py db_worker` process; the median cached download
(target under 30 ms) and peak RSS. Page targets (answers appendix included): <= 18 English,
<= 16 Chinese, <= 34 bilingual.
Figures to read, not a test that fails.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import resource
import statistics
import subprocess
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
from assessment.reports.models import CachedReport, ReportRender  # noqa: E402
from assessment.reports.tasks import enqueue_report_renders  # noqa: E402
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


# The page targets for this assessment, answers appendix included.
PAGE_TARGETS = {"en": 18, "zh-hans": 16, "bilingual": 34}


def realistic_answers() -> dict[str, Any]:
    return {**scenario_answers("retailer-shopper-analytics-cloud"), **EXTRA_GAPS}


def timed(action: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports kilobytes


def bench_edition(assessment: Assessment, edition: str, answers: bool, runs: int) -> tuple[int, float]:
    """Pages and the median seconds of one edition rendered in this process (as the worker does)."""
    document: list[bytes] = []

    def render() -> None:
        document[:] = [report_pdf.render_edition(assessment, assessment.regime, edition, None, answers)]

    seconds = statistics.median(timed(render) for _ in range(runs))
    return len(PdfReader(io.BytesIO(document[0])).pages), seconds


def completion_to_ready(assessment: Assessment) -> float:
    """Seconds from queueing the completed assessment's editions to both ready, via a real worker."""
    CachedReport.objects.all().delete()
    ReportRender.objects.all().delete()
    start = time.perf_counter()
    enqueue_report_renders(assessment)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay"], cwd=ROOT
    )
    try:
        while ReportRender.objects.exclude(status=ReportRender.Status.READY).exists():
            assert not ReportRender.objects.filter(status=ReportRender.Status.FAILED).exists(), "a render failed"
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cached-runs", type=int, default=50)
    args = parser.parse_args()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    assessment = Assessment.objects.create(answers=realistic_answers(), status="complete")
    findings = len(build_edition_context(assessment, assessment.regime, "en")["findings"])
    assert findings >= 20, f"the benchmark needs at least 20 findings, the answers give {findings}"
    print(f"PDF report benchmark: {findings} findings, {args.runs} runs each (medians), regime {assessment.regime}")
    print(f"{'edition':10} {'answers':>7} {'pages':>5} {'target':>6} {'seconds':>8}")
    for edition in ("en", "zh-hans", "bilingual"):
        for answers in (True, False):
            pages, seconds = bench_edition(assessment, edition, answers, args.runs)
            target = PAGE_TARGETS[edition]
            verdict = f"<={target}" if pages <= target else f"OVER {target}"
            print(f"{edition:10} {'yes' if answers else 'no':>7} {pages:>5} {verdict:>6} {seconds:>8.3f}")
    ready = completion_to_ready(assessment)
    print(f"completion to ready (en + zh, one db_worker, queue polled every 0.1 s): {ready:.2f} s")
    client = Client()
    url = f"/a/{assessment.token}/report.pdf?lang=en"
    assert client.get(url).status_code == 200
    renders = report_pdf.render_count()
    cached = statistics.median(timed(lambda: client.get(url)) for _ in range(args.cached_runs))
    assert report_pdf.render_count() == renders, "cached downloads must not render"
    print(f"cached download median {cached * 1000:.1f} ms; peak RSS {peak_rss_mb():.0f} MB")
    print("targets: pages <= 18 en, <= 16 zh, <= 34 bilingual; cached < 30 ms")


if __name__ == "__main__":
    main()
