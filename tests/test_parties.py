"""The report names both sides: the consultant and their consultancy, and the client."""

from __future__ import annotations

import pytest
from django.utils import translation

from assessment.organisations.models import Organisation
from assessment.reports.context import build_report_context
from tests.cast import make_assessment

pytestmark = pytest.mark.django_db


def test_a_client_report_is_prepared_by_the_consultant_for_the_client_in_both_languages() -> None:
    consultancy = Organisation.objects.create(name="Lambert Advisory", kind=Organisation.Kind.CONSULTANCY)
    hotel = Organisation.objects.create(
        name="Jinjiang",
        managed_by=consultancy,
        legal_name_en="Jinjiang Star Hotels Co., Ltd.",
        legal_name_zh="锦江之星酒店有限公司",
    )
    assessment = make_assessment(hotel)
    with translation.override("en"):
        english = build_report_context(assessment, "measures-2025", "en", "Claire Lambert")
    with translation.override("zh-hans"):
        chinese = build_report_context(assessment, "measures-2025", "zh-hans", "Claire Lambert")
    assert (
        english["cover"]["prepared_by_line"] == "Claire Lambert, Lambert Advisory, for Jinjiang Star Hotels Co., Ltd."
    )
    assert chinese["cover"]["prepared_by_line"] == "Lambert Advisory Claire Lambert，为锦江之星酒店有限公司编制"


def test_a_business_report_still_names_the_person_and_the_organisation() -> None:
    assessment = make_assessment(Organisation.objects.create(name="Acme"))
    with translation.override("en"):
        context = build_report_context(assessment, "measures-2025", "en", "Olivia Owner")
    assert context["cover"]["prepared_by_line"] == "Olivia Owner, Acme Retail"
