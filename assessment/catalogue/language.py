"""The two languages the catalogue is written in, for pure code that is given a language.

Pure code (catalogue, scoring) never asks Django which language is active: it takes the language
as an argument and reads it through `language_code`. Django code asks `assessment.i18n.active_language`.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "zh-hans"]
LANGUAGE_CODES: tuple[Language, ...] = ("en", "zh-hans")


def language_code(language: str) -> Language:
    """Any language tag ("zh", "zh-Hans", "zh-hans", "en-gb" ...) as one of ours: Chinese or else English."""
    return "zh-hans" if language.lower().startswith("zh") else "en"


def is_chinese(language: str) -> bool:
    return language_code(language) == "zh-hans"
