"""The client profile a consultancy (owner or editor) keeps for each client; the filing pack reads it."""

from __future__ import annotations

from django import forms

from .models import Organisation
from .uscc import normalise

PROFILE_FIELDS = [
    "name",
    "legal_name_zh",
    "legal_name_en",
    "unified_social_credit_code",
    "registered_address",
    "province",
    "legal_representative",
    "pi_officer_name",
    "pi_officer_contact",
]


class ClientProfileForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS

    def clean_unified_social_credit_code(self) -> str:
        # Entered with spaces or in lower case it is still the same code; stored in canonical form.
        return normalise(self.cleaned_data.get("unified_social_credit_code") or "")
