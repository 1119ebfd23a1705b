"""The form behind "send the confirmation link again" (the view is views.resend_verification)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import SingleLineEmailField


class ResendVerificationForm(forms.Form):
    email = SingleLineEmailField(label=_("E-mail address"), help_text=_("The address you signed up with."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
