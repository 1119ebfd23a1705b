"""The filing and impact-assessment determinations as the report states them, from the serialised result."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .cover import DATE_FORMATS


def build_determination(determination: dict[str, Any] | None, language: str) -> dict[str, Any] | None:
    """A serialised determination as the report states it, in `language` (the data's own)."""
    if determination is None:
        return None
    years = determination.get("retain_years")
    overdue = determination.get("overdue", False)
    return {
        "required": determination["required"],
        "status": _("Required") if determination["required"] else _("Not required"),
        "authority": determination["authority"] or "",
        "deadline": _deadline(determination, language),
        "overdue": overdue,
        "overdue_note": _(
            "Overdue: the deadline passed and, by the date of this assessment, the filing had not been made."
        )
        if overdue
        else "",
        "reason": determination["reason"],
        "citations": determination["citations"],
        "retain_years": years,
        "retention": ngettext(
            "Keep the assessment report and processing records for at least %(years)d year.",
            "Keep the assessment report and processing records for at least %(years)d years.",
            years,
        )
        % {"years": years}
        if years
        else "",
    }


def _deadline(determination: dict[str, Any], language: str) -> str:
    """The deadline in words, led by its date where the answers give one."""
    text = determination["deadline_text"] or ""
    if not determination.get("deadline") or not determination.get("triggered_on"):
        return text  # no date, or a fixed date the catalogue's wording already names
    due = formats.date_format(datetime.date.fromisoformat(determination["deadline"]), DATE_FORMATS[language])
    if determination["deadline_estimated"]:
        due = _("%(date)s (estimated: the official holiday calendar for that year is not yet published)") % {
            "date": due
        }
    return f"{due} · {text}" if text else due
