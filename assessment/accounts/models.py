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
