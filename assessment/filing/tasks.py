"""Filing-pack documents rendered off the request: a web request queues, a worker (`manage.py db_worker`) renders.

The same pattern as the gap report's PDFs (assessment/reports/tasks.py): django-tasks with the
database backend, one FilingRender row per render so the handler page can say queued / rendering /
ready / failed. Here the row also keeps the rendered bytes, and it is keyed on what the document
says (the drafted content of the handler's answers, profile and figures, plus the renderer and
template versions), so an unchanged document downloads at once, and a changed one has a new key:
its earlier render is stale and the page queues the new one.

DOCX files are rendered by the worker too: python-docx takes 45-250 ms of CPU per document here
(the PIA report the most), over the 100 ms a request may spend on it.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from assessment.assessments.models import Assessment

from . import checklist, documents, render
from .facts import Handler, load_handler
from .models import FilingRender

logger = logging.getLogger(__name__)

# Bump whenever render.py changes what a DOCX or PDF shows for the same document; the PDF
# template and its stylesheet are hashed into the key as they are (asset_digest).
RENDERER_VERSION = "filing-render-2"
FORMATS = ("docx", "pdf")
PENDING = (FilingRender.Status.QUEUED, FilingRender.Status.RENDERING)

HANDLER_DOCUMENTS: dict[str, Callable[[Handler], documents.Document]] = {
    "handler-info": documents.handler_info_form,
    "frt-filing-form": documents.frt_filing_form,
    "checklist": checklist.checklist,
}
SCENARIO_DOCUMENTS: dict[str, Callable[[Handler, Assessment], documents.Document]] = {
    "pia-report": documents.pia_report,
    "processing-rules": documents.processing_rules,
}


@dataclasses.dataclass(frozen=True)
class Slot:
    """One document of the pack: a handler-level one, or a per-scenario one with its scenario."""

    name: str
    scenario: Assessment | None = None

    @property
    def scenario_id(self) -> int | None:
        return self.scenario.pk if self.scenario is not None else None

    @property
    def value(self) -> str:
        """How a form names this slot: pia-report:12, or checklist: for a handler document."""
        return f"{self.name}:{self.scenario_id or ''}"

    def build(self, handler: Handler) -> documents.Document:
        if self.scenario is None:
            return HANDLER_DOCUMENTS[self.name](handler)
        return SCENARIO_DOCUMENTS[self.name](handler, self.scenario)


def slots(handler: Handler) -> list[Slot]:
    """The pack in the order the page lists it: the handler's documents, then each scenario's."""
    return [Slot(name) for name in HANDLER_DOCUMENTS] + [
        Slot(name, scenario) for scenario in handler.scenarios for name in SCENARIO_DOCUMENTS
    ]


def find_slot(handler: Handler, name: str, scenario_id: int | None) -> Slot | None:
    """The slot a URL or a form names, if the handler has it (a scenario of another handler is not found)."""
    if scenario_id is None:
        return Slot(name) if name in HANDLER_DOCUMENTS else None
    scenario = next((s for s in handler.scenarios if s.pk == scenario_id), None)
    return Slot(name, scenario) if scenario is not None and name in SCENARIO_DOCUMENTS else None


@functools.cache
def asset_digest() -> str:
    """sha256 of the PDF template and its stylesheet as deployed: editing either invalidates the cache."""
    digest = hashlib.sha256()
    template = Path(settings.BASE_DIR) / "templates" / "filing" / "document_pdf.html"
    stylesheet = finders.find("css/filing-document.css")
    for path in (template, stylesheet):
        if path:  # the finders find nothing only if static files are mis-configured; the template still counts
            digest.update(Path(str(path)).read_bytes())
    return digest.hexdigest()


def document_key(slot: Slot, document: documents.Document, fmt: str) -> str:
    """sha256 of everything the rendered file depends on: the slot, the format and what the document says."""
    material = {
        "slot": slot.name,
        "scenario": slot.scenario_id,
        "fmt": fmt,
        "document": dataclasses.asdict(document),
        "renderer": RENDERER_VERSION,
        "assets": asset_digest() if fmt == "pdf" else "",
    }
    canonical = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def render_bytes(document: documents.Document, fmt: str) -> bytes:
    return render.to_docx(document) if fmt == "docx" else render.to_pdf(document)


def request_render(handler: Handler, slot: Slot, fmt: str, document: documents.Document | None = None) -> FilingRender:
    """Queue this document in this format unless it is queued, rendering or ready already; its row either way."""
    document = document if document is not None else slot.build(handler)
    key = document_key(slot, document, fmt)
    organisation = handler.organisation
    render_row = FilingRender.objects.filter(organisation=organisation, key=key).defer("body").first()
    if render_row is None:
        try:
            with transaction.atomic():
                render_row = FilingRender.objects.create(
                    organisation=organisation,
                    assessment=slot.scenario,
                    document=slot.name,
                    fmt=fmt,
                    key=key,
                    requested_at=timezone.now(),
                )
        except IntegrityError:  # a parallel request queued it first
            return FilingRender.objects.defer("body").get(organisation=organisation, key=key)
    elif render_row.status != FilingRender.Status.FAILED:
        return render_row
    else:  # failed: queue it again
        render_row.status, render_row.requested_at, render_row.finished_at = (
            FilingRender.Status.QUEUED,
            timezone.now(),
            None,
        )
        render_row.save(update_fields=["status", "requested_at", "finished_at"])
    render_filing_document.enqueue(render_row.pk)
    return render_row


@task()
def render_filing_document(render_id: int) -> str:
    """Render one queued document into its row and mark it ready (or failed); drop it if it is stale."""
    row = FilingRender.objects.select_related("organisation").defer("body").filter(pk=render_id).first()
    if row is None:  # the organisation or the scenario was deleted after it was queued
        return "gone"
    FilingRender.objects.filter(pk=render_id).update(status=FilingRender.Status.RENDERING)
    started = time.perf_counter()
    try:
        handler = load_handler(row.organisation)
        slot = find_slot(handler, row.document, row.assessment_id)
        document = slot.build(handler) if slot is not None else None
        if slot is None or document is None or document_key(slot, document, row.fmt) != row.key:
            # The answers or figures changed since it was queued: the page queues the current one.
            FilingRender.objects.filter(pk=render_id).delete()
            return "stale"
        body = render_bytes(document, row.fmt)
    except Exception:
        logger.exception("rendering %s failed", row)
        _finish(render_id, FilingRender.Status.FAILED, started)
        raise
    _finish(render_id, FilingRender.Status.READY, started, body=body)
    # Earlier renders of the same document in this format described inputs that no longer hold.
    FilingRender.objects.filter(
        organisation=row.organisation, document=row.document, assessment=row.assessment_id, fmt=row.fmt
    ).exclude(pk=render_id).exclude(status__in=PENDING).delete()
    return FilingRender.Status.READY


def _finish(render_id: int, status: str, started: float, body: bytes | None = None) -> None:
    fields: dict[str, Any] = {"status": status, "finished_at": timezone.now()}
    fields["seconds"] = round(time.perf_counter() - started, 3)
    if body is not None:
        fields["body"] = body
    FilingRender.objects.filter(pk=render_id).update(**fields)


def ready_body(handler: Handler, slot: Slot, fmt: str, document: documents.Document) -> bytes | None:
    """The rendered file of this document as it stands now, or None when it is not ready."""
    key = document_key(slot, document, fmt)
    body = (
        FilingRender.objects.filter(organisation=handler.organisation, key=key, status=FilingRender.Status.READY)
        .values_list("body", flat=True)
        .first()
    )
    return None if body is None else bytes(body)


@dataclasses.dataclass
class FileState:
    """One document in one format on the handler page."""

    fmt: str
    status: str  # none / queued / rendering / ready / failed
    render_id: int | None = None
    stale: bool = False  # an earlier render exists, of inputs that have changed since

    @property
    def pending(self) -> bool:
        return self.status in PENDING


@dataclasses.dataclass
class DocumentState:
    slot: Slot
    title: documents.Pair
    files: dict[str, FileState]


def pack_states(handler: Handler) -> list[DocumentState]:
    """Every document's state in both formats, queuing what should be under way.

    A DOCX is queued as soon as the page is seen (it is cheap); a PDF when it is asked for, and
    again by itself once asked for when the answers or figures change, so a stale PDF is replaced.
    """
    by_key: dict[str, tuple[int, str]] = {}
    keys_of: dict[tuple[str, int | None, str], set[str]] = {}
    found = FilingRender.objects.filter(organisation=handler.organisation).values_list(
        "id", "key", "status", "document", "assessment_id", "fmt"
    )
    for pk, key, status, name, scenario_id, fmt in found:
        by_key[key] = (pk, status)
        keys_of.setdefault((name, scenario_id, fmt), set()).add(key)
    states = []
    for slot in slots(handler):
        document = slot.build(handler)
        files = {}
        for fmt in FORMATS:
            key = document_key(slot, document, fmt)
            row = by_key.get(key)
            earlier = keys_of.get((slot.name, slot.scenario_id, fmt), set()) - {key}
            stale = bool(earlier) and (row is None or row[1] != FilingRender.Status.READY)
            if row is None and (fmt == "docx" or stale):
                queued = request_render(handler, slot, fmt, document)
                row = (queued.pk, queued.status)
            files[fmt] = FileState(fmt, str(row[1]), row[0], stale) if row else FileState(fmt, "none", stale=stale)
        states.append(DocumentState(slot, document.title, files))
    return states


def request_pack_pdfs(handler: Handler) -> list[FilingRender]:
    """Queue the PDF of every document in the pack ("prepare all")."""
    return [request_render(handler, slot, "pdf") for slot in slots(handler)]


def render_statuses(handler: Handler, ids: list[int]) -> dict[int, str]:
    """The states of these renders of this handler's pack; a render that is gone is left out."""
    found = FilingRender.objects.filter(organisation=handler.organisation, pk__in=ids).values_list("id", "status")
    return {pk: str(status) for pk, status in found}
