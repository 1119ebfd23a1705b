"""Accounts whose e-mail address is not confirmed yet."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingVerification(models.Model):
    """A user who signed up and has not opened the confirmation link yet (see verification.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_verification", verbose_name=_("user")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("unconfirmed e-mail address")
        verbose_name_plural = _("unconfirmed e-mail addresses")

    def __str__(self) -> str:
        return str(self.user)


class VerificationResend(models.Model):
    """One request for a new confirmation link, kept an hour or so to limit how often mail is sent.

    Neither the address nor the client is stored: only keyed hashes of them (verification.py).
    """

    address_key = models.CharField(max_length=64, db_index=True)
    client_key = models.CharField(max_length=64, db_index=True)
    requested_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("request for a new confirmation link")
        verbose_name_plural = _("requests for a new confirmation link")

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M}"
