"""A Chinese-speaking user completes an assessment in Chinese from the first page and downloads the
Chinese PDF that the background worker prepared, without reloading the page: the result page's
own script notices the edition is ready and offers the download. The PDF is read back with pypdf.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.checks import check_accessibility, check_pdf, screenshot, ui_text
from tests.browser.wizard_driver import WizardDriver
from tests.conftest import complete_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF_TIMEOUT_MS = 60_000  # the page polls every 1.5 s; a first Chinese render takes a few seconds
ZH = "zh-hans"

# A residential compound in Hangzhou whose gates open by face for registered residents.
RESIDENTIAL_GATES = complete_answers(
    org_name="杭州西溪物业服务有限公司",
    scenario_name="小区出入口人脸识别门禁",
    scenario_description="小区各出入口的闸机通过人脸识别为登记住户开门，访客由保安登记后放行。",
    sector="property",
    province="浙江省",
    sc1_fr_identity="yes",
    sc1_mode="verification",
    fl1_people_stored=6_500,
    mn1_under14="no",
    pm_property_management="yes",
    pm1_fr_only_entry="no",
    cn1_legal_basis="separate_consent",
    cn2_consent_separate_before="yes",
    st1_storage_location=["on_premises_server"],
    se1_controls=["encryption", "access_control"],
)


@pytest.mark.browser_context_args(locale="zh-CN")
def test_a_chinese_user_downloads_the_chinese_pdf_the_worker_prepared(page: Page) -> None:
    wizard = WizardDriver(page, ZH)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")  # from the browser's language alone
    wizard.start()
    visited = wizard.walk(RESIDENTIAL_GATES)
    assert "minors" not in visited
    assert wizard.on_result
    expect(page.get_by_role("main")).to_contain_text(RESIDENTIAL_GATES["org_name"])

    # Completing queued the Chinese edition; nothing is rendered in the request, so it waits.
    chinese = page.locator(f'.pdf-edition[data-edition="{ZH}"][data-answers="1"]')
    download_link = chinese.get_by_role("link", name=ui_text("Download PDF", ZH))
    expect(chinese).to_contain_text(ui_text("Queued", ZH))
    expect(download_link).to_have_count(0)
    check_accessibility(page, "zh/result-pdf-queued")

    # The queue's worker renders it (in this process, on the live server's database); the page,
    # still open and never reloaded, turns the entry into a link when its poll sees it ready.
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1")
    expect(download_link).to_be_visible(timeout=PDF_TIMEOUT_MS)
    check_accessibility(page, "zh/result-pdf-ready")
    screenshot(page, "zh-result-pdf-ready")

    with page.expect_download(timeout=PDF_TIMEOUT_MS) as started:
        download_link.click()
    download = started.value
    name = download.suggested_filename
    assert name.endswith("_zh.pdf"), name  # the file name carries the edition
    assert RESIDENTIAL_GATES["org_name"] in name and "measures-2025" in name, name

    reader = check_pdf(Path(download.path()).read_bytes(), "zh-report-from-worker", RESIDENTIAL_GATES["org_name"])
    first_page = "".join((reader.pages[0].extract_text() or "").split())
    assert "人脸识别合规差距分析报告" in first_page, first_page[:300]
    metadata = reader.metadata
    assert metadata is not None and metadata.title is not None
    assert metadata.title.startswith("人脸识别合规差距分析报告"), metadata.title
    assert RESIDENTIAL_GATES["scenario_name"] in metadata.title
    assert reader.trailer["/Root"].get("/Lang") == "zh-Hans"
