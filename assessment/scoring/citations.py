"""Citations in words, as a reader of the report expects them, in English or Chinese.

English: "Measures Art 13 ¶2" (a paragraph), "SPC Interpretation Art 2(1)" (an item),
"PIPL Art 38 ¶1(1)" (an item of a paragraph), "PIPL Art 29", "2023 draft, article number unverified (filing rule)",
"GB/T 41819-2022 (recommended practice): alternatives".
Chinese: "《办法》第十三条第二款", "《征求意见稿》（条款序号未经核实：备案规定）".
An unverified draft article number is never shown: that is the product's first rule of citing.
"""

from __future__ import annotations

from ..catalogue.language import is_chinese
from ..catalogue.model import Catalogue, Citation

_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 -> 一, 13 -> 十三, 20 -> 二十, 66 -> 六十六, 100+ in plain digits."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[units] if units else "")


def format_citation(catalogue: Catalogue, citation: Citation, language: str) -> str:
    """One citation in words, in `language`."""
    instrument = catalogue.instrument(citation.instrument)
    short = instrument.short.get(language)
    chinese = is_chinese(language)
    topic = citation.topic.get(language) if citation.topic else ""
    if citation.instrument == "draft-2023" and (citation.article is None or not citation.verified):
        if chinese:
            return f"{short}（条款序号未经核实：{topic}）" if topic else f"{short}（条款序号未经核实）"
        return f"{short}, article number unverified ({topic})" if topic else f"{short}, article number unverified"
    if citation.article is None or not citation.verified:
        # A standard cited by theme (GB/T clause numbers of the final text are not verified).
        return f"{short}：{topic}" if chinese else f"{short}: {topic}"
    if chinese:
        text = f"{short}第{chinese_number(citation.article)}条"
        if citation.paragraph:
            text += f"第{chinese_number(citation.paragraph)}款"
        if citation.item:
            text += f"第（{chinese_number(citation.item)}）项"
        return text
    text = f"{short} Art {citation.article}"
    if citation.paragraph:
        text += f" ¶{citation.paragraph}"
    if citation.item:
        text += f"({citation.item})"
    return text


def citation_data(citation: Citation) -> dict[str, object]:
    """The structured form used in JSON output."""
    return {
        "instrument": citation.instrument,
        "article": citation.article,
        "paragraph": citation.paragraph,
        "item": citation.item,
        "verified": citation.verified,
    }
