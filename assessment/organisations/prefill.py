"""Step 1 of a new assessment pre-filled from the organisation's profile (a client's particulars)."""

from __future__ import annotations

from assessment.catalogue.language import is_chinese

from .models import Organisation

# The questionnaire's step-1 questions that the profile answers (tests check they exist there).
ORGANISATION_NAME = "org_name"
PROVINCE = "province"


def step_one_answers(organisation: Organisation | None, language: str) -> dict[str, str]:
    """Suggested answers for the first step: the legal name in the user's language (else the other
    legal name, else the short name) and the province. Nothing is stored until the step is saved."""
    if organisation is None:
        return {}
    chinese = is_chinese(language)
    names = (
        (organisation.legal_name_zh, organisation.legal_name_en)
        if chinese
        else (organisation.legal_name_en, organisation.legal_name_zh)
    )
    suggested = {ORGANISATION_NAME: next((n for n in names if n.strip()), organisation.name).strip()}
    if organisation.province.strip():
        suggested[PROVINCE] = organisation.province.strip()
    return suggested
