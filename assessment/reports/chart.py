"""The per-topic chart of the executive summary, as geometry for an inline SVG template.

Horizontal stacked bars: one row per topic, one segment per severity. The numbers are
computed here so the page and the PDF draw the same picture; the template only places them.
Severity is carried by pattern and by the count printed at the end of each bar, not by colour alone.
"""

from __future__ import annotations

from typing import Any

from assessment.scoring import SEVERITY_ORDER

WIDTH = 640
LABEL_WIDTH = 250
BAR_START = 260
BAR_END = 580
ROW_HEIGHT = 19
BILINGUAL_ROW_HEIGHT = 28
TOP = 8
BAR_THICKNESS = 12
LEGEND_HEIGHT = 26
LEGEND_SPACING = 155


def build_chart(topics: list[dict[str, Any]], bilingual: bool = False) -> dict[str, Any]:
    """Bars for `topics` (each with name, counts by severity, total and met) sized to the largest total."""
    row_height = BILINGUAL_ROW_HEIGHT if bilingual else ROW_HEIGHT
    largest = max([t["total"] for t in topics] + [1])
    unit = (BAR_END - BAR_START) / largest
    rows = [_row(topic, TOP + index * row_height, row_height, unit) for index, topic in enumerate(topics)]
    body_height = TOP + len(topics) * row_height + 6
    return {
        "width": WIDTH,
        "height": body_height + LEGEND_HEIGHT,
        "rows": rows,
        "label_x": LABEL_WIDTH,
        "axis_x": BAR_START,
        "axis_bottom": body_height - 4,
        "legend_y": body_height + 8,
        "legend": [{"severity": s, "x": 20 + i * LEGEND_SPACING} for i, s in enumerate(SEVERITY_ORDER)],
        "bar_thickness": BAR_THICKNESS,
    }


def _row(topic: dict[str, Any], y: int, row_height: int, unit: float) -> dict[str, Any]:
    """One topic's bar at height `y`: a segment per severity with findings, then the total."""
    x: float = BAR_START
    segments = []
    for severity in SEVERITY_ORDER:
        count = topic["counts"][severity]
        if count:
            segments.append({"severity": severity, "x": round(x, 1), "width": round(count * unit, 1), "count": count})
            x += count * unit
    return {
        "name": topic["name"],
        "total": topic["total"],
        "met": topic["met"],
        "y": y,
        "bar_y": y + (row_height - BAR_THICKNESS) / 2,
        "text_y": y + row_height / 2 + 3.5,
        "line_y": (y + row_height / 2 - 2, y + row_height / 2 + 9),
        "segments": segments,
        "total_x": round(x + 6, 1),
    }
