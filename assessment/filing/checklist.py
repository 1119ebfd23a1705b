# ruff: noqa: E501  (bilingual prose: long Chinese and English sentences are kept whole)
"""The filing pack's checklist: the 8 filing documents, which the pack drafted, which the user supplies."""

from __future__ import annotations

from .documents import Document, _new, obligation_rows, same
from .facts import Handler

# ---- 5. 备案材料清单 -----------------------------------------------------------------------------

PACK = [
    ("handler_info_form", ("个人信息处理者基本情况表", "Handler basic-information form"), "drafted"),
    ("frt_filing_form", ("人脸识别技术应用情况备案表", "FRT application filing form"), "drafted"),
    ("pia_report", ("个人信息保护影响评估报告", "PIA report"), "drafted"),
    (
        "credit_code_certificate",
        (
            "统一社会信用代码证书（原件或加盖公章的复印件）扫描件",
            "Unified social credit code certificate (original or sealed copy), scanned",
        ),
        "supply",
    ),
    (
        "legal_rep_id",
        ("法定代表人或负责人身份证件扫描件", "ID of the legal representative or person in charge, scanned"),
        "supply",
    ),
    ("filer_id", ("经办人身份证件扫描件", "ID of the person handling the filing, scanned"), "supply"),
    ("power_of_attorney", ("经办人授权委托书（加盖公章）", "Power of attorney for that person (sealed)"), "supply"),
    ("undertaking", ("承诺书（加盖公章）", "Letter of undertaking (sealed)"), "supply"),
]


def checklist(handler: Handler) -> Document:
    doc = _new("checklist", "人脸识别技术应用备案材料清单", "Facial recognition filing: document checklist")
    d = handler.determination
    if d.filing_required:
        doc.p(
            f"存储人脸信息人数（去重）{d.people:,}，已达到10万人，须备案（《办法》第十五条）。",
            f"{d.people:,} people stored (de-duplicated): the 100,000 threshold is reached and a filing is required (Measures Art 15).",
        )
    else:
        doc.p(
            f"存储人脸信息人数（去重）{d.people:,}，未达到10万人，目前无需备案；达到之日起30个工作日内备案。",
            f"{d.people:,} people stored (de-duplicated): below 100,000, no filing is due yet; file within 30 working days of reaching it.",
        )
    if d.obligations:
        doc.table(
            [("事项", "Filing"), ("场景", "Scenario"), ("触发日", "Trigger"), ("截止日", "Due"), ("状态", "Status")],
            obligation_rows(d.obligations),
        )
    ready = set()
    for scenario in handler.scenarios:
        ready |= set(scenario.answers.get("fl6_filing_pack") or [])
    rows = []
    for number, (code, name, source) in enumerate(PACK, start=1):
        made = (
            ("本工具已起草，须审阅", "drafted by this tool; review it")
            if source == "drafted"
            else ("须由处理者自行提供", "the handler supplies it")
        )
        if code in ready:
            state = ("已就绪", "ready")
        elif source == "drafted":
            state = ("已起草，待审阅定稿", "drafted, to be reviewed and finalised")
        else:
            state = ("尚缺", "still missing")
        rows.append([same(str(number)), name, made, state])
    doc.table(
        [("序号", "No."), ("材料", "Document"), ("来源", "Source"), ("状态（据答案）", "State (from the answers)")],
        rows,
    )
    doc.h2("在哪里、如何备案", "Where and how to file")
    doc.p(
        f"通过“个人信息保护业务系统”（grxxbh.cacdtsc.cn，亦可经国家网信办网站“网信政务服务大厅”进入）在线向处理者所在地省级网信部门（{handler.organisation.province or '【所在省份】'}）备案，按《人脸识别技术应用备案系统填报说明（第一版）》填报。",
        f"Online only, through the Personal Information Protection Business System (grxxbh.cacdtsc.cn, also reachable "
        f"from the cac.gov.cn government-services hall), with the provincial cyberspace administration where the handler "
        f"is located ({handler.organisation.province or '[province]'}), following the system's filing instructions (1st edition).",
    )
    doc.p(
        "期限：达到10万人之日起30个工作日内；2025年6月1日前已达到的，2025年7月14日前。备案信息发生实质性变化的，30个工作日内变更；停止使用的，30个工作日内注销并依法处置人脸信息。工作日按国务院办公厅放假通知计算。",
        "Deadlines: within 30 working days of reaching 100,000; by 14 July 2025 if reached before 1 June 2025. A substantive "
        "change is filed within 30 working days; when use stops, deregister within 30 working days and dispose of the face "
        "information lawfully. Working days follow the State Council General Office's holiday notices.",
    )
    return doc
