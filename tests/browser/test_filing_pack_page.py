"""The filing pack in a real browser: the Word files queued by the visit, a PDF asked for, the worker
renders, and the page's small script turns each entry into a download without a reload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Page, expect

from assessment.assessments.models import Assessment
from assessment.organisations.models import Membership, Organisation
from tests.browser.checks import check_accessibility, screenshot
from tests.test_scenarios import scenario_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WORKER_TIMEOUT_MS = 60_000


def signed_in_handler(page: Page, live_server: Any) -> Organisation:
    org = Organisation.objects.create(
        name="Huayuan Retail", legal_name_zh="华远零售有限公司", province="上海市", legal_representative="王伟"
    )
    for name in ("员工考勤", "访客门禁"):
        answers = scenario_answers("cloud-templates-without-consent")
        answers.update(scenario_name=name, fl1_people_stored=60_000)
        Assessment.objects.create(organisation=org, answers=answers, status="complete")
    user = get_user_model().objects.create_user("owner@example.com", "owner@example.com", "pw-123456789")
    Membership.objects.create(user=user, organisation=org, role="owner")
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return org


def test_the_pack_is_prepared_by_the_worker_and_offered_without_a_reload(page: Page, live_server: Any) -> None:
    org = signed_in_handler(page, live_server)
    page.goto(f"/filing/{org.pk}/")
    check_accessibility(page, "en/filing-pack")
    checklist = page.get_by_role("row", name="Checklist of the filing documents")
    docx, pdf = checklist.locator("td.pack-file").nth(0), checklist.locator("td.pack-file").nth(1)
    expect(docx).to_contain_text("Queued")
    pdf.get_by_role("button", name="Prepare PDF").click()
    page.wait_for_load_state()
    expect(pdf).to_contain_text("Queued")
    expect(page.get_by_role("link", name="Refresh to see whether it is ready")).to_be_visible()

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1")  # the queue's worker
    # No reload: the polling script replaces the states with download links.
    expect(docx.get_by_role("link", name="Download")).to_be_visible(timeout=WORKER_TIMEOUT_MS)
    expect(pdf.get_by_role("link", name="Download")).to_be_visible(timeout=WORKER_TIMEOUT_MS)
    expect(page.get_by_role("link", name="Refresh to see whether it is ready")).to_have_count(0)
    screenshot(page, "en-filing-pack")
    with page.expect_download() as started:
        pdf.get_by_role("link", name="Download").click()
    body = Path(started.value.path()).read_bytes()
    assert body.startswith(b"%PDF") and started.value.suggested_filename.endswith(".pdf")
