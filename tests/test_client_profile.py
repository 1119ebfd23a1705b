"""The client profile: the unified social credit code is checked against its check character."""

from __future__ import annotations

import pytest

from assessment.organisations.forms import ClientProfileForm
from assessment.organisations.models import Organisation
from assessment.organisations.uscc import check_character, is_valid

VALID = "91350100M000100Y43"  # the worked example of GB 32100-2015


def test_a_well_formed_code_passes_its_check_character() -> None:
    assert is_valid(VALID)
    assert is_valid("91110000600037341L")
    assert check_character(VALID[:17]) == "3"


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y44",  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y43X",  # 19
        "9135010OM000100Y43",  # the letter O is not in the alphabet
        "913501A0M000100Y43",  # the division code must be digits
        "",
    ],
)
def test_a_mistyped_code_is_rejected(code: str) -> None:
    assert not is_valid(code)


@pytest.mark.django_db
def test_the_profile_form_stores_the_code_canonically_and_rejects_a_bad_one() -> None:
    consultancy = Organisation.objects.create(name="Lambert Advisory", kind=Organisation.Kind.CONSULTANCY)
    client = Organisation.objects.create(name="Hotel", managed_by=consultancy)
    data = {"name": "Jinjiang Star Hotels", "legal_name_zh": "锦江之星酒店有限公司", "province": "上海"}
    form = ClientProfileForm({**data, "unified_social_credit_code": " 91350100m000100y43 "}, instance=client)
    assert form.is_valid(), form.errors
    assert form.save().unified_social_credit_code == VALID
    bad = ClientProfileForm({**data, "unified_social_credit_code": "91350100M000100Y44"}, instance=client)
    assert not bad.is_valid()
    assert "unified_social_credit_code" in bad.errors
