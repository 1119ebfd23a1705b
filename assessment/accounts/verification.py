"""E-mail verification at sign-up: a signed, expiring link proves the address before the account may
invite others or join another organisation.

A user is verified unless a pending verification is recorded for them: accounts made before this
existed, by an administrator, or through an invitation (whose one-time link already came by mail
to that address) are verified.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac

SALT = "assessment.accounts.verify-email"


def make_token(user: Any) -> str:
    # The address is signed too, so a link stops working if the address is changed.
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=SALT, compress=True)


def user_for_token(token: str) -> Any:
    """The user a still-valid link verifies, else None (tampered, expired or for another address)."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=SALT, max_age=settings.EMAIL_VERIFICATION_DAYS * 24 * 3600)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    user_id = data.get("u")
    if not isinstance(user_id, int):
        return None
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or user.email.lower() != data.get("e"):
        return None
    return user


def is_verified(user: Any) -> bool:
    from .models import PendingVerification

    if not getattr(user, "is_authenticated", False):
        return False
    return not PendingVerification.objects.filter(user_id=user.pk).exists()


def mark_verified(user: Any) -> None:
    from .models import PendingVerification

    PendingVerification.objects.filter(user_id=user.pk).delete()


# Asking for the confirmation link again. Limits hold across web workers and hosts (database rows).
RESEND_WINDOW = timedelta(hours=1)
RESEND_PER_ADDRESS = 3  # mails to one address per window: enough for a slow inbox, useless for mail-bombing
RESEND_PER_CLIENT = 10  # requests from one client address per window, whatever the e-mail addresses
RESEND_KEY_SALT = "assessment.accounts.resend-verification"


def _key(value: str) -> str:
    return salted_hmac(RESEND_KEY_SALT, value, algorithm="sha256").hexdigest()


def client_may_ask_again(client: str) -> bool:
    """Whether this client address is still under its limit of requests (asked before recording one)."""
    from .models import VerificationResend

    since = timezone.now() - RESEND_WINDOW
    return VerificationResend.objects.filter(client_key=_key(client), requested_at__gte=since).count() < (
        RESEND_PER_CLIENT
    )


def note_resend_request(email: str, client: str) -> bool:
    """Record a request for a new link to `email`; True if the address is still under its limit.

    Recorded whether or not the address has an account, so the limits say nothing about accounts.
    Rows older than a day are removed on the way.
    """
    from .models import VerificationResend

    now = timezone.now()
    VerificationResend.objects.filter(requested_at__lt=now - timedelta(days=1)).delete()
    address = _key(email.strip().lower())
    VerificationResend.objects.create(address_key=address, client_key=_key(client))
    recent = VerificationResend.objects.filter(address_key=address, requested_at__gte=now - RESEND_WINDOW).count()
    return recent <= RESEND_PER_ADDRESS


def pending_user_for_email(email: str) -> Any:
    """The account with this address if it still waits for confirmation, else None."""
    from .models import PendingVerification

    pending = PendingVerification.objects.filter(user__email__iexact=email.strip()).select_related("user").first()
    return pending.user if pending else None
