"""PDFs are rendered by a background worker, never in a web request (issue 15)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from assessment.assessments.models import Assessment
from assessment.reports import pdf as report_pdf
from assessment.reports.models import CachedReport, ReportRender
from assessment.reports.tasks import enqueue_report_renders, render_report, request_render
from tests.test_scenarios import scenario_answers


@pytest.fixture
def finished(db: None) -> Assessment:
    return Assessment.objects.create(answers=scenario_answers("well-run-staff-attendance"), status="complete")


@pytest.fixture
def no_render_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any render in this process fails the test: web requests must only queue."""

    def refuse(html: str) -> bytes:
        raise AssertionError("a web request rendered a PDF")

    monkeypatch.setattr(report_pdf, "render_pdf", refuse)


def statuses(client: Client, assessment: Assessment) -> dict[tuple[str, bool], dict[str, Any]]:
    data = client.get(f"/a/{assessment.token}/report/status.json").json()
    return {(row["edition"], row["answers"]): row for row in data["editions"]}


def test_the_download_view_never_renders_and_sends_an_unready_edition_to_the_result_page(
    client: Client, finished: Assessment, no_render_here: None
) -> None:
    response = client.get(f"/a/{finished.token}/report.pdf", {"lang": "en"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/a/{finished.token}/result/?regime={finished.regime}#pdf-status")
    assert not CachedReport.objects.exists()


def test_requesting_an_edition_queues_it_and_the_page_shows_each_state(
    client: Client, finished: Assessment, no_render_here: None
) -> None:
    assert statuses(client, finished)[("bilingual", True)]["status"] == "none"
    response = client.post(f"/a/{finished.token}/report/request/", {"lang": "bilingual"})
    assert response.status_code == 302
    assert statuses(client, finished)[("bilingual", True)]["status"] == "queued"
    page = client.get(f"/a/{finished.token}/result/").content.decode()
    assert "Queued" in page and "Refresh to see whether it is ready" in page
    client.post(f"/a/{finished.token}/report/request/", {"lang": "bilingual"})
    assert ReportRender.objects.filter(assessment=finished).count() == 1, "a second request queued nothing new"
    assert client.get(f"/a/{finished.token}/report/request/").status_code == 405, "queuing takes a POST"


def test_the_worker_task_renders_into_the_cache_and_the_download_follows(client: Client, finished: Assessment) -> None:
    render = request_render(finished, finished.regime, "en", include_answers=False)
    assert render_report.call(render.pk) == "ready"
    render.refresh_from_db()
    assert render.status == "ready" and render.seconds is not None and render.seconds > 0
    row = statuses(client, finished)[("en", False)]
    assert row["status"] == "ready" and row["url"].endswith("&answers=0")
    response = client.get(row["url"])
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "_en.pdf" in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Answers appendix" not in text, "the answers appendix was left out as asked"


def test_a_failed_render_says_so_and_a_new_request_queues_it_again(
    client: Client, finished: Assessment, no_render_here: None
) -> None:
    render = request_render(finished, finished.regime, "zh-hans")
    with pytest.raises(AssertionError):
        render_report.call(render.pk)
    assert statuses(client, finished)[("zh-hans", True)]["status_label"] == "Could not be prepared"
    assert request_render(finished, finished.regime, "zh-hans").status == "queued"


def test_completing_an_assessment_queues_its_two_editions(finished: Assessment) -> None:
    renders = enqueue_report_renders(finished)
    assert sorted(r.edition for r in renders) == ["en", "zh-hans"]
    assert all(r.status == "queued" for r in renders)


def test_the_readers_edition_is_rendered_before_the_other_and_a_requested_one_before_both(
    client: Client, finished: Assessment
) -> None:
    """Twenty people completing at once must not wait behind editions none of them is reading yet."""
    from django_tasks_db.models import DBTaskResult

    enqueue_report_renders(finished, reader_edition="zh-hans")
    client.post(f"/a/{finished.token}/report/request/", {"lang": "bilingual"})
    by_edition = {
        ReportRender.objects.get(pk=task.args_kwargs["args"][0]).edition: task.priority
        for task in DBTaskResult.objects.all()
    }
    assert by_edition["bilingual"] > by_edition["zh-hans"] > by_edition["en"]
    next_up = DBTaskResult.objects.ready().first()  # the worker's own order
    assert next_up is not None and ReportRender.objects.get(pk=next_up.args_kwargs["args"][0]).edition == "bilingual"


def test_the_status_endpoint_costs_the_same_few_queries_whatever_the_editions(
    client: Client, finished: Assessment, django_assert_max_num_queries: Any
) -> None:
    enqueue_report_renders(finished)
    with django_assert_max_num_queries(8):  # session, assessment, cache keys, render rows
        assert client.get(f"/a/{finished.token}/report/status.json").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_real_database_queue_and_worker_produce_the_pdf(client: Client) -> None:
    """Enqueued into django-tasks-db, run by `manage.py db_worker --batch`, then downloaded."""
    assessment = Assessment.objects.create(answers=scenario_answers("well-run-staff-attendance"), status="complete")
    request_render(assessment, assessment.regime, "en")
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(status="READY").count() == 1
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    response = client.get(f"/a/{assessment.token}/report.pdf", {"lang": "en"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_signed_report_has_a_reference_contents_and_a_sign_off(finished: Assessment) -> None:
    from assessment.reports.context import build_edition_context, report_reference

    context = build_edition_context(finished, finished.regime, "zh-hans", "李伟")
    html = report_pdf.render_report_html(context)
    reference = report_reference(finished)
    assert reference == report_reference(Assessment.objects.get(pk=finished.pk)), "stable, derived from the token"
    assert re.fullmatch(r"\d{4}-\d{4}-\d{2}", reference) and html.count(reference) >= 2, (
        "on the cover and in the sign-off"
    )
    assert 'class="toc"' in html and 'href="#findings-title"' in html and 'href="#sign-off-title"' in html
    assert "机密" in html and "签署" in html and "李伟" in html
    assert context["cover"]["prepared_for"] == finished.organisation_name


def test_leaving_the_answers_out_drops_the_appendix_and_its_contents_entry(finished: Assessment) -> None:
    from assessment.reports.context import build_edition_context

    context = {**build_edition_context(finished, finished.regime, "en"), "include_answers": False}
    html = report_pdf.render_report_html(context)
    assert 'id="answers-title"' not in html and 'href="#answers-title"' not in html
