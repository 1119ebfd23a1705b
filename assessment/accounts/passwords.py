"""Password rules beyond Django's own validators."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class NotOnlyWhitespaceValidator:
    """A password of spaces alone is no password, however long."""

    def validate(self, password: str, user: Any = None) -> None:
        if not password.strip():
            raise ValidationError(_("Your password cannot consist of spaces only."), code="password_only_whitespace")

    def get_help_text(self) -> str:
        return _("Your password cannot consist of spaces only.")
