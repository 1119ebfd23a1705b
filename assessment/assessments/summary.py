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


def refresh_summaries(batch: int = 500) -> int:
    """Re-score every stored summary (after a catalogue update); returns how many changed.

    Only the two summary columns are written, by a conditional UPDATE per changed row that leaves
    answers, version and updated_at alone: re-scoring is not an edit by anyone.
    """
    changed = 0
    rows = Assessment.objects.only("pk", "answers", "regime", "rating", "filing_required", "version")
    for assessment in rows.iterator(chunk_size=batch):
        before = (assessment.rating, assessment.filing_required)
        refresh_summary(assessment)
        if (assessment.rating, assessment.filing_required) != before:
            changed += Assessment.objects.filter(pk=assessment.pk, answers=assessment.answers).update(
                rating=assessment.rating, filing_required=assessment.filing_required
            )
    return changed
