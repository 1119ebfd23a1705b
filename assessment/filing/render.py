"""One Document, two renderings: DOCX with python-docx, PDF with the gap report's WeasyPrint renderer."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from docx import Document as new_docx
from docx.oxml.ns import qn
from docx.shared import Pt

from assessment.reports import pdf as report_pdf

from .documents import Document, Pair

CJK_FONT = "Noto Sans CJK SC"


def bilingual(pair: Pair) -> str:
    zh, en = pair
    return zh if zh == en else f"{zh}\n{en}"


def _fonts(docx: object) -> None:
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        style = docx.styles[name]  # type: ignore[attr-defined]
        style.font.name = CJK_FONT
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)
    docx.styles["Normal"].font.size = Pt(10.5)  # type: ignore[attr-defined]


def to_docx(document: Document) -> bytes:
    docx = new_docx()
    _fonts(docx)
    docx.core_properties.title = document.title[0]
    docx.add_heading(document.title[0], level=0)
    docx.add_paragraph(document.title[1])
    for block in document.blocks:
        if block.kind in ("h1", "h2"):
            docx.add_heading(block.text[0], level=1 if block.kind == "h1" else 2)
            docx.add_paragraph().add_run(block.text[1]).italic = True
        elif block.kind == "p":
            docx.add_paragraph(block.text[0])
            if block.text[1] != block.text[0]:
                docx.add_paragraph(block.text[1])
        else:
            table = docx.add_table(rows=1, cols=len(block.headers))
            table.style = "Table Grid"
            for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
                cell.text = bilingual(header)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = bilingual(value)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def to_html(document: Document) -> str:
    return render_to_string("filing/document_pdf.html", {"document": document})


def to_pdf(document: Document) -> bytes:
    return report_pdf.render_pdf(to_html(document))
