"""The one place Django code asks which language a request is being served in."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from assessment.catalogue.language import Language, language_code


def active_language() -> Language:
    """The active translation's language as one of ours: "en" or "zh-hans"."""
    return language_code(translation.get_language() or settings.LANGUAGE_CODE)
