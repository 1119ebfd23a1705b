"""The filing pack: a handler with three scenarios, its figures, and the drafts read back."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from docx import Document as read_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from assessment.assessments.models import Assessment
from assessment.filing.facts import load_handler
from assessment.filing.models import FilingRender, HandlerFiling, ScenarioEvent
from assessment.filing.tasks import render_filing_document
from assessment.organisations.models import Membership, Organisation
from tests.test_scenarios import scenario_answers

pytestmark = pytest.mark.django_db

SCENARIOS = ("员工考勤 Staff attendance", "访客门禁 Visitor access", "会员支付 Member payment")


def docx_text(body: bytes) -> tuple[list[str], str, list[Any]]:
    document = read_docx(io.BytesIO(body))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    return headings, text + "\n" + cells, document.tables


def fetched(client: Client, url: str) -> Any:
    """A pack download: the first request queues it, the worker's task runs here, the second downloads it."""
    response = client.get(url)
    if response.status_code == 302:
        for pk in FilingRender.objects.filter(status="queued").values_list("pk", flat=True):
            render_filing_document.call(pk)
        response = client.get(url)
    assert response.status_code == 200, url
    return response


def pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


@pytest.fixture
def handler_org() -> Organisation:
    org = Organisation.objects.create(
        name="Huayuan Retail",
        legal_name_zh="华远零售有限公司",
        legal_name_en="Huayuan Retail Co., Ltd.",
        unified_social_credit_code="91310000MA1FL0000X",
        registered_address="上海市浦东新区世纪大道100号",
        province="上海市",
        legal_representative="王伟",
        pi_officer_name="李娜",
        pi_officer_contact="privacy@huayuan.example",
    )
    for name in SCENARIOS:
        answers = scenario_answers("cloud-templates-without-consent")
        answers.update(
            scenario_name=name,
            fl1_people_stored=40_000,
            mn1_under14="yes",
            mn1_guardian_consent="yes",
            mn2_dedicated_rules="no",
            mn3_fr_on_children="no",
            fl6_filing_pack=["credit_code_certificate"],
        )
        Assessment.objects.create(organisation=org, answers=answers, status="complete")
    return org


@pytest.fixture
def signed_in(client: Client, handler_org: Organisation) -> Client:
    user = get_user_model().objects.create_user("owner@example.com", "owner@example.com", "pw-123456789")
    Membership.objects.create(user=user, organisation=handler_org, role="owner")
    client.force_login(user)
    return client


def test_three_scenarios_under_one_handler_file_once_then_change_when_one_ends(
    signed_in: Client, handler_org: Organisation
) -> None:
    url = f"/filing/{handler_org.pk}/"
    page = signed_in.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Filing required: 120000 people stored" in page or "120,000" in page
    assert "sum over scenarios (120" in page

    signed_in.post(url, {"deduplicated_people": "105000", "reached_on": "2026-09-21"})
    handler = load_handler(handler_org)
    assert handler.determination.filing_required and handler.determination.people == 105_000
    [initial] = handler.determination.obligations
    assert initial.kind == "initial" and initial.due == date(2026, 11, 9)  # across the National Day week
    page = signed_in.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Filing required: 105,000 people stored" in page
    assert page.count("<td>Initial filing</td>") == 1 and "<td>2026-11-09</td>" in page, "one filing, one deadline"

    last = handler.scenarios[-1]
    signed_in.post(
        url,
        {
            "deduplicated_people": "105000",
            "reached_on": "2026-09-21",
            "filed_on": "2026-10-20",
            f"ended_{last.pk}": "2026-11-02",
        },
    )
    assert ScenarioEvent.objects.get(assessment=last).ended_on == date(2026, 11, 2)
    handler = load_handler(handler_org)
    kinds = [(o.kind, o.scenario) for o in handler.determination.obligations]
    assert kinds == [("initial", ""), ("change", last.scenario_name)]
    assert HandlerFiling.objects.get(organisation=handler_org).filed_on == date(2026, 10, 20)


def test_a_viewer_may_not_change_the_figures_and_strangers_see_nothing(
    client: Client, handler_org: Organisation
) -> None:
    user = get_user_model().objects.create_user("viewer@example.com", "viewer@example.com", "pw-123456789")
    client.force_login(user)
    assert client.get(f"/filing/{handler_org.pk}/").status_code == 404
    Membership.objects.create(user=user, organisation=handler_org, role="viewer")
    assert client.get(f"/filing/{handler_org.pk}/").status_code == 200
    assert client.post(f"/filing/{handler_org.pk}/", {"deduplicated_people": "1"}).status_code == 404
    assert not HandlerFiling.objects.exists()


def test_the_handler_information_form_docx_carries_the_profile(signed_in: Client, handler_org: Organisation) -> None:
    response = fetched(signed_in, f"/filing/{handler_org.pk}/handler-info.docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    headings, text, tables = docx_text(response.content)
    assert headings[0] == "个人信息处理者基本情况表（草稿）"
    assert "草稿，仅供审阅" in text and "DRAFT FOR REVIEW" in text
    for value in ("华远零售有限公司", "91310000MA1FL0000X", "王伟", "李娜", "上海市"):
        assert value in text
    assert "120,000（各场景之和，上限）" in text
    assert len(tables) == 1


def test_the_filing_form_has_the_article_15_content_per_scenario(signed_in: Client, handler_org: Organisation) -> None:
    headings, text, tables = docx_text(fetched(signed_in, f"/filing/{handler_org.pk}/frt-filing-form.docx").content)
    assert [h for h in headings if h.startswith("场景")] == [f"场景{i}：{n}" for i, n in enumerate(SCENARIOS, 1)]
    assert len(tables) == 3
    for label in ("安全保护措施", "操作规程", "影响评估日期", "影响评估结论", "存储人脸信息数量（本场景）"):
        assert label in text
    assert "数据加密" in text and "Data encryption" in text and "40,000" in text


def test_the_pia_report_follows_article_9_and_gbt_39335(signed_in: Client, handler_org: Organisation) -> None:
    scenario = load_handler(handler_org).scenarios[0]
    body = fetched(signed_in, f"/filing/{handler_org.pk}/scenario/{scenario.pk}/pia-report.docx").content
    headings, text, tables = docx_text(body)
    assert headings[1:] == [
        "一、评估范围与数据流",
        "二、合法性基础与必要性（《办法》第九条第（一）项）",
        "三、对个人权益的影响及风险（《办法》第九条第（二）（三）项）",
        "四、风险矩阵（可能性×影响）",
        "五、保护措施是否合法、有效并与风险相适应（《办法》第九条第（四）项、第十四条）",
        "六、特殊群体（未满十四周岁未成年人等）",
        "七、处置措施与剩余风险",
        "八、评估结论",
        "九、签署",
        "十、重新评估与保存",
    ]
    assert "至少保存三年" in text and "非生物识别" in text
    matrix = next(t for t in tables if len(t.columns) == 5 and t.rows[0].cells[2].text.startswith("可能性"))
    assert len(matrix.rows) > 1 and matrix.rows[1].cells[0].text.startswith("F1")


def test_the_processing_rules_cover_pipl_17_and_30_and_minors(signed_in: Client, handler_org: Organisation) -> None:
    scenario = load_handler(handler_org).scenarios[0]
    body = fetched(signed_in, f"/filing/{handler_org.pk}/scenario/{scenario.pk}/processing-rules.pdf").content
    text = pdf_text(body)
    assert "人脸信息处理规则" in text and "第三十条" in text and "未满十四周岁" in text
    assert "privacy@huayuan.example" in text


def test_the_checklist_lists_the_eight_documents_and_what_is_missing(
    signed_in: Client, handler_org: Organisation
) -> None:
    response = fetched(signed_in, f"/filing/{handler_org.pk}/checklist.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "grxxbh.cacdtsc.cn" in text and "承诺书" in text and "授权委托书" in text
    _, docx, tables = docx_text(fetched(signed_in, f"/filing/{handler_org.pk}/checklist.docx").content)
    pack = tables[-1]
    assert len(pack.rows) == 9
    assert "已就绪" in pack.rows[4].cells[3].text  # the credit-code certificate, answered ready
    assert "尚缺" in pack.rows[8].cells[3].text


def test_an_unknown_document_or_format_is_not_found(signed_in: Client, handler_org: Organisation) -> None:
    assert signed_in.get(f"/filing/{handler_org.pk}/secrets.docx").status_code == 404
    assert signed_in.get(f"/filing/{handler_org.pk}/checklist.exe").status_code == 404


def test_the_gap_report_docx_has_findings_with_citations_in_both_languages(
    signed_in: Client, handler_org: Organisation
) -> None:
    scenario = load_handler(handler_org).scenarios[0]
    response = signed_in.get(f"/a/{scenario.token}/report.docx")
    assert response.status_code == 200
    assert ".docx" in response["Content-Disposition"]
    headings, text, _ = docx_text(response.content)
    assert headings[0] == "人脸识别合规差距报告"
    assert "发现的差距" in headings and any(h.startswith("F1 ") for h in headings)
    assert "《人脸识别技术应用安全管理办法》第八条第一款" in text or "《办法》第八条第一款" in text
    assert "Measures Art 8 ¶1" in text and "整改措施" in text


def test_the_handler_page_reads_in_chinese(signed_in: Client, handler_org: Organisation) -> None:
    page = signed_in.get(f"/filing/{handler_org.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "备案判断" in page and "须备案" in page and "以各场景人数之和" in page
    assert "Filing required" not in page and "Save figures" not in page


def test_the_word_files_are_a4_chinese_marked_drafts_with_fitted_columns(handler_org: Organisation) -> None:
    """What LibreOffice and Word showed wrong before: theme fonts, Japanese glyphs, even columns, no draft mark."""
    from assessment.filing import documents, render

    handler = load_handler(handler_org)
    document = read_docx(io.BytesIO(render.to_docx(documents.pia_report(handler, handler.scenarios[0]))))
    styles = document.styles.element.xml
    assert "Theme=" not in styles.split("<w:latentStyles")[0].split("w:docDefaults")[1]
    assert 'w:eastAsia="zh-CN"' in styles, "East Asian text is Chinese, so the CJK font's Chinese forms are used"
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC" and fonts.get(qn("w:asciiTheme")) is None
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text == "草稿 DRAFT"
    matrix = next(t for t in document.tables if len(t.columns) == 5)
    widths = [cell.width for cell in matrix.rows[1].cells]
    assert widths[1] > 2 * widths[0], "the gap column is wide, the number column narrow"
    html = render.to_html(documents.pia_report(handler, handler.scenarios[0]))
    assert '<colgroup><col class="w' in html and "style=" not in html


def test_the_gap_report_docx_is_not_marked_a_draft(signed_in: Client, handler_org: Organisation) -> None:
    scenario = load_handler(handler_org).scenarios[0]
    document = read_docx(io.BytesIO(signed_in.get(f"/a/{scenario.token}/report.docx").content))
    assert document.sections[0].header.paragraphs[0].text == ""


def test_drafted_documents_are_listed_as_drafted_and_the_rights_section_is_numbered(handler_org: Organisation) -> None:
    from assessment.filing import checklist, documents

    handler = load_handler(handler_org)
    pack = [b for b in checklist.checklist(handler).blocks if b.kind == "table"][-1]
    assert pack.rows[2][3] == ("已起草，待审阅定稿", "drafted, to be reviewed and finalised")  # the PIA report
    rules = documents.processing_rules(handler, handler.scenarios[0])
    headings = [b.text[0] for b in rules.blocks if b.kind == "h2"]
    assert headings[-2:] == ["五、未满十四周岁未成年人", "六、行使权利的方式和程序"]
    assert "敏感个人信息（《个人信息保护法》第二十八条）" in rules.text()
