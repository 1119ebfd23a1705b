"""The bilingual edition: two contexts of the same shape merged into one, passage by passage.

Where the English and the Chinese text differ, the merged context holds `Passages`, which a
template prints as one `<span lang=...>` per language; identical values (codes, numbers, an
organisation's name, "GB/T 41819-2022") stay single. The templates need no special case.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

LANG_ATTRIBUTES = {"en": "en", "zh-hans": "zh-Hans"}


@dataclass(frozen=True)
class Passage:
    lang: str  # an HTML lang attribute value: "en" or "zh-Hans"
    text: str


class Passages:
    """One text in several languages; renders as a marked span per language, escaped."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = tuple(passages)

    def __html__(self) -> SafeString:
        return format_html_join("", '<span class="passage" lang="{}">{}</span>', ((p.lang, p.text) for p in self))

    # Django's template engine calls str() before escaping: returning the safe HTML keeps the spans.
    def __str__(self) -> str:
        return self.__html__()

    def __iter__(self) -> Iterator[Passage]:
        return iter(self.passages)

    def __bool__(self) -> bool:
        return any(p.text for p in self.passages)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Passages) and self.passages == other.passages

    def __hash__(self) -> int:
        return hash(self.passages)

    @property
    def plain(self) -> str:
        """Both languages as one plain string, for places that cannot hold markup."""
        return " / ".join(p.text for p in self.passages)


def plain_text(value: Any) -> str:
    """A string or Passages as plain text."""
    return value.plain if isinstance(value, Passages) else str(value)


def merge_contexts(first: Any, second: Any, languages: tuple[str, str]) -> Any:
    """Merge two same-shaped contexts: differing strings become Passages, all else is taken from the first."""
    if isinstance(first, str) and isinstance(second, str):
        if first == second:
            return first
        return Passages([Passage(LANG_ATTRIBUTES[languages[0]], first), Passage(LANG_ATTRIBUTES[languages[1]], second)])
    if isinstance(first, dict) and isinstance(second, dict):
        return {key: merge_contexts(value, second.get(key), languages) for key, value in first.items()}
    if isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        return [merge_contexts(a, b, languages) for a, b in zip(first, second, strict=True)]
    return first
