"""The report's cover and running header: who, what, when, and the reference number."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from assessment.assessments.models import Assessment
from assessment.catalogue import Catalogue
from assessment.catalogue.model import Regime

from .parties import client_name, prepared_by_line

DATE_FORMATS = {"en": "j F Y", "zh-hans": "Y年n月j日"}


def assessment_date(assessment: Assessment) -> datetime.date:
    """The day the answers were last completed (or changed); today for an unsaved assessment."""
    moment = assessment.completed_at or assessment.updated_at
    return timezone.localdate(moment) if moment else timezone.localdate()


def report_reference(assessment: Assessment) -> str:
    """A stable reference number derived from the assessment's token: 0000-0000-00, digits in any language."""
    digest = int(hashlib.sha256(str(assessment.token or "unsaved").encode("utf-8")).hexdigest()[:12], 16)
    digits = f"{digest % 10**10:010d}"
    return f"{digits[:4]}-{digits[4:8]}-{digits[8:]}"


def build_cover(
    catalogue: Catalogue,
    assessment: Assessment,
    regime: Regime,
    heading: dict[str, str],
    language: str,
    prepared_by: str | None,
) -> dict[str, Any]:
    """The cover page's fields, in `language`."""
    day = assessment_date(assessment)
    return {
        "organisation": assessment.organisation_name,
        "scenario": assessment.scenario_name,
        "assessed_on": formats.date_format(day, DATE_FORMATS[language]),
        "assessed_on_iso": day.isoformat(),
        "regime_id": regime.id,
        "regime_name": regime.name.get(language),
        "regime_status": regime.status.get(language),
        "regime_in_force": regime.in_force,
        "catalogue_version": catalogue.version,
        "prepared_with": heading["prepared_with"],
        "prepared_by": prepared_by or "",
        "prepared_by_line": prepared_by_line(assessment, prepared_by, language),
        # The client named on the cover and in the sign-off: its legal name in this language.
        "prepared_for": client_name(assessment, language),
        "reference": report_reference(assessment),
        "generated_on": formats.date_format(timezone.localdate(), DATE_FORMATS[language]),
    }


def build_running(cover: dict[str, Any], heading: dict[str, str]) -> dict[str, str]:
    """The strings the print CSS puts in every page's header and footer."""
    before, rest = _("Page {page} of {pages}").split("{page}", 1)
    middle, after = rest.split("{pages}", 1)
    return {
        "organisation": f"{cover['organisation']} · {cover['scenario']}",
        "regime": cover["regime_name"],
        "catalogue": f"{heading['catalogue_version']} {cover['catalogue_version']}",
        "generated": f"{heading['generated_on']} {cover['generated_on']}",
        "page_before": before,
        "page_middle": middle,
        "page_after": after,
    }
