"""The overall rating and filing determination kept on the Assessment row for listings."""

from __future__ import annotations

from assessment.catalogue import default_catalogue
from assessment.scoring import UnknownRegime, score

from .models import Assessment


def refresh_summary(assessment: Assessment) -> None:
    """Score the answers with the assessment's regime and store the outcome (not saved here)."""
    try:
        result = score(default_catalogue(), assessment.regime, assessment.answers)
    except UnknownRegime:
        # No rules for this regime in the catalogue: say nothing rather than something wrong.
        assessment.rating = ""
        assessment.filing_required = None
        return
    assessment.rating = result.rating
    assessment.filing_required = None if result.filing is None else result.filing.required
