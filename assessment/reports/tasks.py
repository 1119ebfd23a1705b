"""Rendering off the request: a web request queues an edition, a worker (`manage.py db_worker`) renders it.

Every render is a ReportRender row keyed like the PDF cache, so the result page can say queued /
rendering / ready / failed per edition whichever task backend runs the work, and a request for an
edition that is already queued or ready queues nothing new.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from assessment.assessments.models import Assessment

from . import pdf
from .models import CachedReport, ReportRender

logger = logging.getLogger(__name__)

# The editions a completed assessment is rendered in straight away (the bilingual one on request).
EDITIONS_ON_COMPLETION = ("en", "zh-hans")

# The queue serves people in the order they wait: an edition someone asked for on the result page
# first, then the edition in the language the assessment was completed in, then the other one, so a
# burst of completions never makes a reader wait behind renders nobody is looking at yet.
PRIORITY_REQUESTED, PRIORITY_READER, PRIORITY_SPARE = 20, 10, 0


@task()
def render_report(render_id: int) -> str:
    """Render one queued edition into the PDF cache and mark it ready (or failed)."""
    render = ReportRender.objects.select_related("assessment").filter(pk=render_id).first()
    if render is None:  # the assessment was deleted after it was queued
        return "gone"
    ReportRender.objects.filter(pk=render_id).update(status=ReportRender.Status.RENDERING)
    started = time.perf_counter()
    try:
        _render_into_cache(render)
    except Exception:
        logger.exception("rendering %s failed", render)
        _finish(render_id, ReportRender.Status.FAILED, started)
        raise
    _finish(render_id, ReportRender.Status.READY, started)
    return ReportRender.Status.READY


def _render_into_cache(render: ReportRender) -> None:
    assessment = render.assessment
    args = (assessment, render.regime, render.edition, render.prepared_by or None, render.include_answers)
    if pdf.report_cache_key(*args) != render.key:  # answers changed since it was queued: a newer render exists
        return
    if pdf.cached_report_pdf(*args) is None:
        pdf.store_report_pdf(assessment, render.key, pdf.render_edition(*args))


def _finish(render_id: int, status: str, started: float) -> None:
    ReportRender.objects.filter(pk=render_id).update(
        status=status, finished_at=timezone.now(), seconds=round(time.perf_counter() - started, 3)
    )


def request_render(
    assessment: Assessment,
    regime: str,
    edition: str,
    prepared_by: str | None = None,
    include_answers: bool = True,
    priority: int = PRIORITY_REQUESTED,
) -> ReportRender:
    """Queue this edition unless it is cached, queued or rendering already; the render row either way."""
    key = pdf.report_cache_key(assessment, regime, edition, prepared_by, include_answers)
    fields = {"regime": regime, "edition": edition, "include_answers": include_answers}
    render = ReportRender.objects.filter(assessment=assessment, key=key).first()
    if render is None:
        try:
            with transaction.atomic():
                render = ReportRender.objects.create(
                    assessment=assessment, key=key, prepared_by=prepared_by or "", requested_at=timezone.now(), **fields
                )
        except IntegrityError:  # a parallel request queued it first
            return ReportRender.objects.get(assessment=assessment, key=key)
    elif render.status in (ReportRender.Status.QUEUED, ReportRender.Status.RENDERING) or _is_cached(assessment, key):
        return render
    else:  # failed, or ready but evicted from the cache: queue it again
        render.status, render.requested_at, render.finished_at = ReportRender.Status.QUEUED, timezone.now(), None
        render.save(update_fields=["status", "requested_at", "finished_at"])
    render_report.using(priority=priority).enqueue(render.pk)
    return render


def preparer_name(user: Any) -> str | None:
    """The signed-in user's name for the cover; an anonymous report names no one."""
    if user is None or not user.is_authenticated:
        return None
    return str(user.get_full_name() or user.get_username())


def _is_cached(assessment: Assessment, key: str) -> bool:
    return CachedReport.objects.filter(assessment=assessment, key=key).exists()


def enqueue_report_renders(assessment: Assessment, user: Any = None, reader_edition: str = "en") -> list[ReportRender]:
    """Queue the editions a completed assessment is read in (called when the wizard completes it).

    The edition in the completing reader's language goes ahead of the other one. All are queued in
    one transaction: on SQLite each transaction takes the database's one write lock, and the
    completing request should take it once, not once per render row and once per task.
    """
    name = preparer_name(user)
    with transaction.atomic():
        return [
            request_render(
                assessment,
                assessment.regime,
                edition,
                name,
                priority=PRIORITY_READER if edition == reader_edition else PRIORITY_SPARE,
            )
            for edition in EDITIONS_ON_COMPLETION
        ]


def render_statuses(
    assessment: Assessment, regime: str, variants: list[tuple[str, bool]], prepared_by: str | None = None
) -> dict[tuple[str, bool], str]:
    """none / queued / rendering / ready / failed for each (edition, with answers) variant of the
    assessment as it stands, in two queries whatever the number of variants: the page polls it."""
    keys = {
        variant: pdf.report_cache_key(assessment, regime, variant[0], prepared_by, variant[1]) for variant in variants
    }
    cached = set(
        CachedReport.objects.filter(assessment=assessment, key__in=keys.values()).values_list("key", flat=True)
    )
    queued = dict(
        ReportRender.objects.filter(assessment=assessment, key__in=keys.values()).values_list("key", "status")
    )
    statuses = {}
    for variant, key in keys.items():
        render = queued.get(key)
        if key in cached:
            statuses[variant] = str(ReportRender.Status.READY)
        elif render is None or render == ReportRender.Status.READY:  # ready but evicted: not available now
            statuses[variant] = "none"
        else:
            statuses[variant] = str(render)
    return statuses
