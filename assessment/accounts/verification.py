"""E-mail verification at sign-up: a signed, expiring link proves the address before the account may
invite others or join another organisation.

A user is verified unless a pending verification is recorded for them: accounts made before this
existed, by an administrator, or through an invitation (whose one-time link already came by mail
to that address) are verified.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing

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
