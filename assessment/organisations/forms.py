"""The client profile a consultancy (owner or editor) keeps for each client, which the filing pack
reads; the restriction of a client to named consultancy members; the consultancy's logo."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .logo import MAX_BYTES, CheckedLogo, check_logo
from .models import Membership, Organisation
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


def _one_line(value: str) -> None:
    if any(unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp") for character in str(value)):
        raise forms.ValidationError(
            _("Use ordinary characters only, on one line (no line breaks or control characters)."),
            code="control_characters",
        )


class ClientProfileForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        labels = {"name": _("Short name (shown in lists)")}
        help_texts = {
            "legal_name_zh": _("As on the business licence (营业执照)."),
            "unified_social_credit_code": _("18 characters, on the business licence; the last is a check character."),
            "pi_officer_name": _("The person responsible for personal information protection (个人信息保护负责人)."),
            "pi_officer_contact": _("A telephone number or e-mail address."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators.append(_one_line)

    def clean_unified_social_credit_code(self) -> str:
        # Entered with spaces or in lower case it is still the same code; stored in canonical form.
        return normalise(self.cleaned_data.get("unified_social_credit_code") or "")


class RestrictionForm(forms.Form):
    """Tick the consultancy members who may work on this client; none ticked: every member may."""

    members = forms.TypedMultipleChoiceField(
        label=_("Consultancy members named on this client"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Owners of the consultancy always reach every client. Tick nobody to open the client to every member."
        ),
    )

    def __init__(self, *args: Any, members: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [
            (m.user_id, f"{m.user.get_full_name() or m.user.email} ({m.get_role_display()})") for m in members
        ]


def _logo_help() -> str:
    text = gettext("At most %(size)d KB. It appears on the cover and the running header of your reports.")
    return text % {"size": MAX_BYTES // 1024}


class LogoForm(forms.Form):
    logo = forms.FileField(label=_("Logo (PNG or SVG)"), help_text=lazy(_logo_help, str)())

    def clean_logo(self) -> CheckedLogo:
        upload = self.cleaned_data["logo"]
        if upload.size is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("A logo can be at most %(limit)d KB.") % {"limit": MAX_BYTES // 1024}, code="too_large"
            )
        return check_logo(upload.read(MAX_BYTES + 1))
