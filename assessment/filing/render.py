"""One Document, two renderings: DOCX with python-docx, PDF with the gap report's WeasyPrint renderer.

Both lay a table's columns out by the same shares (column_shares), so the DOCX and the PDF of a
draft look alike; both mark every page as a draft and number it.
"""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from assessment.reports import pdf as report_pdf

from .documents import DRAFT_NOTICE, Block, Document, Pair

CJK_FONT = "Noto Sans CJK SC"
STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Title Char", "Heading 1 Char", "Heading 2 Char")
THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
DRAFT_RED = RGBColor(0x99, 0x1B, 0x1B)
# A4 with 20 mm margins: the width a table spans.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(20)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN


def bilingual(pair: Pair) -> str:
    zh, en = pair
    return zh if zh == en else f"{zh}\n{en}"


def _width(text: str) -> int:
    """Display width: a Chinese character takes two columns, a Latin one one."""
    return sum(2 if ord(char) >= 0x2E80 else 1 for char in text)


def column_shares(block: Block) -> list[int]:
    """Each column's share of the table width in percent (multiples of 5), from the longest text in it.

    A short column (numbers, levels) gets what its header needs; a long one at most 40 columns'
    worth, so prose columns share the rest and a label column does not squeeze them.
    """
    weights = []
    for column, header in enumerate(block.headers):
        cells = [header] + [row[column] for row in block.rows]
        longest = max(_width(line) for cell in cells for part in cell for line in part.splitlines() or [""])
        weights.append(min(max(longest, 6), 40))
    total = sum(weights)
    shares = [max(10, round(20 * w / total) * 5) for w in weights]
    shares[shares.index(max(shares))] += 100 - sum(shares)
    return shares


def _fonts(docx: Any) -> None:
    """Noto Sans CJK SC for Latin and Chinese alike, and text marked zh-CN, in every style the drafts use.

    python-docx's template names theme fonts (Calibri, Cambria, a Japanese East Asian font) that
    take precedence over an explicit font, and marks East Asian text as English, which makes
    LibreOffice pick the Japanese forms of the CJK font.
    """
    defaults = docx.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for rpr in [defaults] + [docx.styles[name].element.get_or_add_rPr() for name in STYLES]:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attribute in THEME_FONTS:
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), CJK_FONT)
    language = defaults.find(qn("w:lang"))
    language.set(qn("w:eastAsia"), "zh-CN")
    docx.styles["Normal"].font.size = Pt(10.5)
    title = docx.styles["Title"].font
    title.size, title.color.rgb = Pt(18), RGBColor(0x11, 0x18, 0x27)


def is_draft(document: Document) -> bool:
    """A filing-pack draft opens with the draft notice; the gap report does not and is not marked."""
    return bool(document.blocks) and document.blocks[0].text == DRAFT_NOTICE


def _page(docx: Any, draft: bool) -> None:
    """A4, a draft mark in the header of a draft, the page number in the footer."""
    section = docx.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    if draft:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        mark = header.add_run("草稿 DRAFT")
        mark.font.size, mark.font.color.rgb = Pt(8), DRAFT_RED
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    footer._p.append(field)


def _table(docx: Any, block: Block) -> None:
    table = docx.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.autofit = False
    widths = [int(TEXT_WIDTH * share / 100) for share in column_shares(block)]
    header_row = table.rows[0]
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page the table spans
    header_row._tr.get_or_add_trPr().append(repeat)
    for cell, header in zip(header_row.cells, block.headers, strict=True):
        cell.text = bilingual(header)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in block.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = bilingual(value)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def to_docx(document: Document) -> bytes:
    docx = new_docx()
    _fonts(docx)
    _page(docx, is_draft(document))
    docx.core_properties.title = document.title[0]
    docx.add_heading(document.title[0], level=0)
    docx.add_paragraph(document.title[1])
    for block in document.blocks:
        if block.kind in ("h1", "h2"):
            docx.add_heading(block.text[0], level=1 if block.kind == "h1" else 2)
            english = docx.add_paragraph()
            english.add_run(block.text[1]).italic = True
            english.paragraph_format.keep_with_next = True
        elif block.kind == "p":
            lines = [block.text[0]] if block.text[1] == block.text[0] else list(block.text)
            for line in lines:
                run = docx.add_paragraph().add_run(line)
                if block.text == DRAFT_NOTICE:
                    run.bold, run.font.color.rgb = True, DRAFT_RED
        else:
            _table(docx, block)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def to_html(document: Document) -> str:
    tables = {id(block): column_shares(block) for block in document.blocks if block.kind == "table"}
    blocks = [{"block": block, "shares": tables.get(id(block), [])} for block in document.blocks]
    return render_to_string("filing/document_pdf.html", {"document": document, "blocks": blocks})


def to_pdf(document: Document) -> bytes:
    return report_pdf.render_pdf(to_html(document))
