"""Send the confirmation link again: the form and its view."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services, verification
from .forms import SingleLineEmailField


class ResendVerificationForm(forms.Form):
    email = SingleLineEmailField(
        label=gettext_lazy("E-mail address"), help_text=gettext_lazy("The address you signed up with.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"


def resend_verification(request: HttpRequest) -> HttpResponse:
    """Send the confirmation link again. The answer is the same whether or not the address has an
    account, is confirmed already or has had its share of mail this hour (then nothing is sent); only
    a client that asks too often is told to wait, which says nothing about any address.
    """
    initial = {"email": request.user.email} if request.user.is_authenticated else None
    form = ResendVerificationForm(request.POST or None, initial=initial)
    if request.method != "POST" or not form.is_valid():
        return render(request, "registration/resend_verification.html", {"form": form})
    client = get_client_ip_address(request) or "unknown"
    if not verification.client_may_ask_again(client):
        problem = _("Too many requests from this connection. Wait an hour, then ask again.")
        return render(request, "registration/resend_verification.html", {"form": form, "problem": problem}, status=429)
    email = form.cleaned_data["email"]
    user = verification.pending_user_for_email(email)
    if verification.note_resend_request(email, client) and user is not None:
        services.send_verification(
            user, lambda token: request.build_absolute_uri(reverse("accounts:verify_email", args=[token]))
        )
    return render(request, "registration/resend_verification.html", {"sent_to": email})
