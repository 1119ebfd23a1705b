"""The gap report as an editable DOCX, from the same context the result page and the PDF render."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from assessment.assessments.access import get_assessment_or_404
from assessment.reports.context import build_report_context
from assessment.reports.pdf import content_disposition, report_filenames
from assessment.reports.views import chosen_regime, prepared_by

from .documents import Document
from .render import to_docx


def gap_report_document(english: dict[str, Any], chinese: dict[str, Any]) -> Document:
    """The gap report in both languages, Chinese first: cover, filing, findings with citations, actions."""
    zh_cover, en_cover = chinese["cover"], english["cover"]
    doc = Document("gap-report", ("人脸识别合规差距报告", "Facial recognition compliance gap report"))
    doc.table(
        [("项目", "Item"), ("内容", "Content")],
        [
            [("组织", "Organisation"), (zh_cover["organisation"], en_cover["organisation"])],
            [("场景", "Scenario"), (zh_cover["scenario"], en_cover["scenario"])],
            [("评估日期", "Assessed on"), (zh_cover["assessed_on"], en_cover["assessed_on"])],
            [
                ("依据", "Regime"),
                (
                    f"{zh_cover['regime_name']}（{zh_cover['regime_status']}）",
                    f"{en_cover['regime_name']} ({en_cover['regime_status']})",
                ),
            ],
            [("目录版本", "Catalogue version"), (zh_cover["catalogue_version"], en_cover["catalogue_version"])],
            [("总体评级", "Overall rating"), (chinese["rating"]["label"], english["rating"]["label"])],
        ],
    )
    doc.p(chinese["rating"]["summary"], english["rating"]["summary"])
    if english["filing"]:
        zf, ef = chinese["filing"], english["filing"]
        doc.h1("备案", "Filing")
        doc.table(
            [("项目", "Item"), ("内容", "Content")],
            [
                [("结论", "Status"), (zf["status"], ef["status"])],
                [("理由", "Reason"), (zf["reason"], ef["reason"])],
                [("备案机关", "Authority"), (zf["authority"] or "—", ef["authority"] or "—")],
                [("期限", "Deadline"), (zf["deadline"] or "—", ef["deadline"] or "—")],
                [("依据", "Citations"), ("；".join(zf["citations"]), "; ".join(ef["citations"]))],
            ],
        )
    doc.h1("发现的差距", "Findings")
    for z, e in zip(chinese["findings"], english["findings"], strict=True):
        doc.h2(
            f"{z['number']} {z['title']}（{z['severity_label']}）",
            f"{e['number']} {e['title']} ({e['severity_label']})",
        )
        doc.table(
            [("项目", "Item"), ("内容", "Content")],
            [
                [("依据", "Citations"), ("；".join(z["citations"]), "; ".join(e["citations"]))],
                [("要求", "Requirement"), (z["requirement"], e["requirement"])],
                [("说明", "Explanation"), (z["explanation"], e["explanation"])],
                [("整改措施", "Action"), (z["remediation"], e["remediation"])],
                [("建议负责人", "Suggested owner"), (z["owner"], e["owner"])],
            ],
        )
    if not english["findings"]:
        doc.p("未发现差距。", "No gaps found.")
    doc.h1("免责声明", "Disclaimer")
    for z, e in zip(chinese["disclaimer"], english["disclaimer"], strict=True):
        doc.p(z, e)
    return doc


@never_cache
def gap_report_docx(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_or_404(request, token)
    regime = chosen_regime(request, assessment.regime)
    english = build_report_context(assessment, regime, "en", prepared_by(request))
    chinese = build_report_context(assessment, regime, "zh-hans", prepared_by(request))
    body = to_docx(gap_report_document(english, chinese))
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    names = tuple(name.removesuffix(".pdf") + ".docx" for name in report_filenames(assessment, regime))
    response["Content-Disposition"] = content_disposition(*names)
    return response
