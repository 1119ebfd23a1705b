"""Who prepared a report and for whom: "Prepared by <person>, <consultancy>, for <client>".

For an assessment of a client managed by a consultancy the report names both sides; otherwise it
names the person and the assessed organisation, as before."""

from __future__ import annotations

from django.utils.translation import gettext as _

from assessment.assessments.models import Assessment
from assessment.catalogue.language import is_chinese


def client_name(assessment: Assessment, language: str) -> str:
    organisation = assessment.organisation
    if organisation is not None:
        legal = organisation.legal_name_zh if is_chinese(language) else organisation.legal_name_en
        if legal:
            return legal
    return assessment.organisation_name


def prepared_by_line(assessment: Assessment, person: str | None, language: str) -> str:
    """The "prepared by" entry of the cover, in the active language."""
    organisation = assessment.organisation
    consultancy = organisation.managed_by if organisation is not None else None
    if consultancy is None:
        name = assessment.organisation_name
        return f"{person}, {name}" if person else name
    client = client_name(assessment, language)
    if person:
        return _("%(person)s, %(consultancy)s, for %(client)s") % {
            "person": person,
            "consultancy": consultancy.name,
            "client": client,
        }
    return _("%(consultancy)s, for %(client)s") % {"consultancy": consultancy.name, "client": client}
