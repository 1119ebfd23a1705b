"""The filing pack is rendered by a worker, never in a web request, and kept until its inputs change (issue 14)."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from assessment.assessments.models import Assessment
from assessment.filing import render as filing_render
from assessment.filing.facts import load_handler
from assessment.filing.models import FilingRender
from assessment.filing.tasks import find_slot, render_filing_document, request_render
from assessment.organisations.models import Membership, Organisation
from assessment.reports import pdf as report_pdf
from tests.test_scenarios import scenario_answers

pytestmark = pytest.mark.django_db


def make_handler(name: str = "Huayuan Retail") -> Organisation:
    org = Organisation.objects.create(
        name=name,
        legal_name_zh="华远零售有限公司",
        legal_name_en="Huayuan Retail Co., Ltd.",
        province="上海市",
        legal_representative="王伟",
        pi_officer_name="李娜",
        pi_officer_contact="privacy@huayuan.example",
    )
    for scenario in ("员工考勤 Staff attendance", "访客门禁 Visitor access"):
        answers = scenario_answers("cloud-templates-without-consent")
        answers.update(scenario_name=scenario, fl1_people_stored=60_000)
        Assessment.objects.create(organisation=org, answers=answers, status="complete")
    return org


@pytest.fixture
def org() -> Organisation:
    return make_handler()


@pytest.fixture
def member(client: Client, org: Organisation) -> Client:
    user = get_user_model().objects.create_user("owner@example.com", "owner@example.com", "pw-123456789")
    Membership.objects.create(user=user, organisation=org, role="owner")
    client.force_login(user)
    return client


@pytest.fixture
def no_render_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any DOCX or PDF rendered in this process fails the test: web requests only queue."""

    def refuse(*args: object) -> bytes:
        raise AssertionError("a web request rendered a filing document")

    monkeypatch.setattr(report_pdf, "render_pdf", refuse)
    monkeypatch.setattr(filing_render, "new_docx", refuse)


def run_worker() -> list[str]:
    """What `manage.py db_worker` does with each queued render, run here and now."""
    queued = FilingRender.objects.filter(status="queued").order_by("id").values_list("pk", flat=True)
    return [render_filing_document.call(pk) for pk in list(queued)]


def pia_url(org: Organisation, fmt: str = "pdf") -> str:
    scenario = load_handler(org).scenarios[0]
    return f"/filing/{org.pk}/scenario/{scenario.pk}/pia-report.{fmt}"


def pia_value(org: Organisation, fmt: str = "pdf") -> str:
    return f"pia-report:{load_handler(org).scenarios[0].pk}:{fmt}"


def cell(page: str, url: str) -> str:
    """The pack table's cell for this download, from the page's HTML."""
    match = re.search(rf'<td class="pack-file status-(\w+)"[^>]*data-url="{re.escape(url)}">(.*?)</td>', page, re.S)
    assert match, url
    return f"{match.group(1)}|{match.group(2)}"


def pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_the_page_queues_the_word_files_and_a_pdf_only_when_asked(
    member: Client, org: Organisation, no_render_here: None
) -> None:
    page = member.get(f"/filing/{org.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Three handler documents and two per scenario, each DOCX queued by the visit, no PDF yet.
    assert FilingRender.objects.filter(fmt="docx", status="queued").count() == 3 + 2 * 2
    assert not FilingRender.objects.filter(fmt="pdf").exists()
    assert cell(page, pia_url(org, "docx")).startswith("queued|") and "Queued" in cell(page, pia_url(org, "docx"))
    assert "Prepare PDF" in cell(page, pia_url(org)) and "Refresh to see whether it is ready" in page

    response = member.post(f"/filing/{org.pk}/prepare/", {"document": pia_value(org)})
    assert response.status_code == 302 and response["Location"].endswith(f"/filing/{org.pk}/#pack-heading")
    [queued] = FilingRender.objects.filter(fmt="pdf")
    assert queued.status == "queued" and queued.document == "pia-report" and queued.body is None
    member.post(f"/filing/{org.pk}/prepare/", {"document": pia_value(org)})
    assert FilingRender.objects.filter(fmt="pdf").count() == 1, "asking again queues nothing new"

    download = member.get(pia_url(org))
    assert download.status_code == 302, "a PDF that is not ready is not rendered in the request"
    assert member.get(f"/filing/{org.pk}/prepare/").status_code == 405, "queuing takes a POST"


def test_the_worker_renders_and_the_download_is_the_cached_file(member: Client, org: Organisation) -> None:
    member.post(f"/filing/{org.pk}/prepare/", {"document": pia_value(org)})
    assert run_worker() == ["ready"]
    rendered = FilingRender.objects.get(fmt="pdf")
    assert rendered.status == "ready" and rendered.seconds is not None and rendered.seconds > 0

    page = member.get(f"/filing/{org.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert cell(page, pia_url(org)).startswith("ready|") and ">Download</a>" in cell(page, pia_url(org))
    renders_before = report_pdf.render_count()
    response = member.get(pia_url(org))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == bytes(rendered.body), "the download is the worker's file"
    assert report_pdf.render_count() == renders_before, "a re-download renders nothing"
    assert "个人信息保护影响评估报告" in pdf_text(response.content)
    assert "pia-report-" in response["Content-Disposition"]


def test_a_changed_profile_makes_the_pdf_stale_and_it_is_prepared_again(member: Client, org: Organisation) -> None:
    member.post(f"/filing/{org.pk}/prepare/", {"document": pia_value(org)})
    run_worker()
    old = FilingRender.objects.get(fmt="pdf")
    assert "王伟" in pdf_text(bytes(old.body))

    Organisation.objects.filter(pk=org.pk).update(legal_representative="赵敏")
    assert member.get(pia_url(org)).status_code == 302, "the old file is not served for the new inputs"
    page = member.get(f"/filing/{org.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    state = cell(page, pia_url(org))
    assert state.startswith("queued|") and "changed since it was last prepared" in state, "re-queued by itself"
    assert FilingRender.objects.filter(fmt="pdf", status="queued").count() == 1

    run_worker()
    [new] = FilingRender.objects.filter(fmt="pdf")
    assert new.pk != old.pk, "the stale render was replaced"
    body = member.get(pia_url(org)).content
    assert body == bytes(new.body) and "赵敏" in pdf_text(body) and "王伟" not in pdf_text(body)


def test_changing_one_scenario_leaves_the_other_scenarios_documents_ready(member: Client, org: Organisation) -> None:
    member.get(f"/filing/{org.pk}/")
    run_worker()
    first, second = load_handler(org).scenarios
    ready_before = set(FilingRender.objects.filter(assessment=first, status="ready").values_list("pk", flat=True))
    assert len(ready_before) == 2

    answers = dict(second.answers, st3_retention_days=7)
    Assessment.objects.filter(pk=second.pk).update(answers=answers)
    member.get(f"/filing/{org.pk}/")
    assert set(FilingRender.objects.filter(assessment=first, status="ready").values_list("pk", flat=True)) == (
        ready_before
    )
    requeued = FilingRender.objects.filter(status="queued").values_list("document", "assessment_id")
    # The second scenario's two documents, and the filing form, which lists every scenario's retention.
    assert sorted(requeued) == [("frt-filing-form", None), ("pia-report", second.pk), ("processing-rules", second.pk)]


def test_a_render_whose_inputs_changed_after_it_was_queued_is_dropped(org: Organisation) -> None:
    handler = load_handler(org)
    slot = find_slot(handler, "checklist", None)
    assert slot is not None
    queued = request_render(handler, slot, "docx")
    Organisation.objects.filter(pk=org.pk).update(province="北京市")
    assert render_filing_document.call(queued.pk) == "stale"
    assert not FilingRender.objects.exists()


def test_a_failed_render_says_so_and_can_be_asked_for_again(
    member: Client, org: Organisation, no_render_here: None
) -> None:
    member.post(f"/filing/{org.pk}/prepare/", {"document": pia_value(org)})
    with pytest.raises(AssertionError):
        run_worker()
    page = member.get(f"/filing/{org.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Could not be prepared" in cell(page, pia_url(org)) and "Prepare PDF" in cell(page, pia_url(org))
    member.post(f"/filing/{org.pk}/prepare/", {"document": pia_value(org)})
    assert FilingRender.objects.get(fmt="pdf").status == "queued"


def test_the_status_endpoint_reports_only_this_handlers_renders(
    member: Client, org: Organisation, no_render_here: None
) -> None:
    member.post(f"/filing/{org.pk}/prepare/", {"document": "all-pdf"})
    mine = list(FilingRender.objects.filter(fmt="pdf").values_list("pk", flat=True))
    assert len(mine) == 3 + 2 * 2
    other = make_handler("Another handler")
    theirs = request_render(load_handler(other), find_slot(load_handler(other), "checklist", None), "pdf")  # type: ignore[arg-type]
    ids = ",".join(str(pk) for pk in [mine[0], theirs.pk])
    data = member.get(f"/filing/{org.pk}/status.json", {"ids": ids}, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert data["renders"] == [
        {"id": mine[0], "status": "queued", "status_label": "排队中", "pending": True},
        {"id": theirs.pk, "status": "gone", "status_label": "尚未生成", "pending": False},
    ]
    stranger = Client()
    stranger.force_login(get_user_model().objects.create_user("x@example.com", "x@example.com", "pw-123456789"))
    assert stranger.get(f"/filing/{org.pk}/status.json", {"ids": ids}).status_code == 404


def test_the_handler_page_reads_in_chinese_with_the_pack_table(member: Client, org: Organisation) -> None:
    page = member.get(f"/filing/{org.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "排队中" in page and "生成 PDF" in page and "js/filing-pack.js" in page
    assert "Queued" not in page and "Prepare PDF" not in page


@pytest.mark.django_db(transaction=True)
def test_a_real_database_queue_and_worker_prepare_the_word_file(client: Client) -> None:
    """Enqueued into django-tasks-db by the page visit, run by `manage.py db_worker --batch`, then downloaded."""
    from django_tasks_db.models import DBTaskResult

    org = make_handler()
    user = get_user_model().objects.create_user("owner@example.com", "owner@example.com", "pw-123456789")
    Membership.objects.create(user=user, organisation=org, role="owner")
    client.force_login(user)
    client.get(f"/filing/{org.pk}/")
    assert DBTaskResult.objects.filter(status="READY").count() == 3 + 2 * 2
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1")
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    response = client.get(f"/filing/{org.pk}/checklist.docx")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert response.content == bytes(FilingRender.objects.get(document="checklist", fmt="docx").body)


def test_strangers_and_visitors_cannot_queue_or_download_a_handlers_pack(client: Client, org: Organisation) -> None:
    assert client.post(f"/filing/{org.pk}/prepare/", {"document": "all-pdf"}).status_code == 302  # to log in
    stranger = get_user_model().objects.create_user("x@example.com", "x@example.com", "pw-123456789")
    client.force_login(stranger)
    assert client.post(f"/filing/{org.pk}/prepare/", {"document": "all-pdf"}).status_code == 404
    assert client.get(f"/filing/{org.pk}/checklist.docx").status_code == 404
    assert not FilingRender.objects.exists()
    Membership.objects.create(user=stranger, organisation=org, role="viewer")
    assert client.post(f"/filing/{org.pk}/prepare/", {"document": "checklist::pdf"}).status_code == 302
    assert client.post(f"/filing/{org.pk}/prepare/", {"document": "checklist::exe"}).status_code == 404
    assert list(FilingRender.objects.values_list("document", "fmt")) == [("checklist", "pdf")], "a viewer may ask"
