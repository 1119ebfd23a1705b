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
    render_report.enqueue(render.pk)
    return render


def preparer_name(user: Any) -> str | None:
    """The signed-in user's name for the cover; an anonymous report names no one."""
    if user is None or not user.is_authenticated:
        return None
    return str(user.get_full_name() or user.get_username())


def _is_cached(assessment: Assessment, key: str) -> bool:
    return CachedReport.objects.filter(assessment=assessment, key=key).exists()


def enqueue_report_renders(assessment: Assessment, user: Any = None) -> list[ReportRender]:
    """Queue the editions a completed assessment is read in (called when the wizard completes it)."""
    name = preparer_name(user)
    return [request_render(assessment, assessment.regime, edition, name) for edition in EDITIONS_ON_COMPLETION]


def render_status(
    assessment: Assessment, regime: str, edition: str, prepared_by: str | None = None, include_answers: bool = True
) -> str:
    """none / queued / rendering / ready / failed for this edition of the assessment as it stands."""
    key = pdf.report_cache_key(assessment, regime, edition, prepared_by, include_answers)
    if _is_cached(assessment, key):
        return ReportRender.Status.READY
    render = ReportRender.objects.filter(assessment=assessment, key=key).values_list("status", flat=True).first()
    if render is None or render == ReportRender.Status.READY:  # ready but evicted: not available now
        return "none"
    return str(render)
