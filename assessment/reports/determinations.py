"""The filing and impact-assessment determinations as the report states them."""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.catalogue import Catalogue
from assessment.scoring.result import Determination

from .cover import DATE_FORMATS
from .findings import cite


def build_determination(
    catalogue: Catalogue, determination: Determination | None, language: str
) -> dict[str, Any] | None:
    if determination is None:
        return None
    years = determination.retain_years
    return {
        "required": determination.required,
        "status": _("Required") if determination.required else _("Not required"),
        "authority": determination.authority.get(language) if determination.authority else "",
        "deadline": _deadline(determination, language),
        "overdue": determination.overdue,
        "overdue_note": _(
            "Overdue: the deadline passed and, by the date of this assessment, the filing had not been made."
        )
        if determination.overdue
        else "",
        "reason": determination.reason.get(language),
        "citations": cite(catalogue, determination.citations, language),
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


def _deadline(determination: Determination, language: str) -> str:
    """The deadline in words, led by its date where the answers give one."""
    text = determination.deadline.get(language) if determination.deadline else ""
    if determination.due is None or determination.triggered_on is None:
        return text  # no date, or a fixed date the catalogue's wording already names
    due = formats.date_format(determination.due, DATE_FORMATS[language])
    if determination.due_estimated:
        due = _("%(date)s (estimated: the official holiday calendar for that year is not yet published)") % {
            "date": due
        }
    return f"{due} · {text}" if text else due
