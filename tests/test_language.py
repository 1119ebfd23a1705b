"""One language helper (issue 11): pure code is given a language and reads it through
`catalogue.language.language_code`; Django code asks `assessment.i18n.active_language`, the only
caller of Django's `get_language()`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

from assessment.catalogue.language import is_chinese, language_code
from assessment.i18n import active_language

PACKAGE = Path(__file__).resolve().parent.parent / "assessment"
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)
HELPER = "i18n.py"
PURE_HELPER = "catalogue/language.py"
# A genuine need outside the helper would be listed here with its reason; there is none today.
ALLOWED: dict[str, str] = {}


def _hits(pattern: str) -> list[str]:
    found = []
    for path in SOURCES:
        name = path.relative_to(PACKAGE).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(pattern, line):
                found.append(f"{name}:{number}")
    return found


def test_only_the_helper_asks_django_for_the_active_language() -> None:
    hits = [hit for hit in _hits(r"\bget_language\b") if hit.split(":")[0] not in {HELPER, *ALLOWED}]
    assert hits == [], "use assessment.i18n.active_language()"


def test_only_the_pure_helper_decides_what_counts_as_chinese() -> None:
    hits = [hit for hit in _hits(r"""startswith\(\s*["']zh""") if hit.split(":")[0] != PURE_HELPER]
    assert hits == [], "use assessment.catalogue.language.language_code() or is_chinese()"


def test_the_old_helpers_are_gone() -> None:
    from assessment.reports import comparison, context

    assert not hasattr(context, "report_language")
    assert not hasattr(comparison, "current_language")


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("en", "en"),
        ("en-gb", "en"),
        ("zh", "zh-hans"),
        ("zh-hans", "zh-hans"),
        ("zh-Hans", "zh-hans"),
        ("ZH-CN", "zh-hans"),
    ],
)
def test_any_language_tag_reads_as_english_or_chinese(tag: str, code: str) -> None:
    assert language_code(tag) == code
    assert is_chinese(tag) is (code == "zh-hans")


@pytest.mark.parametrize(("active", "expected"), [("en", "en"), ("zh-hans", "zh-hans"), ("en-us", "en")])
def test_the_active_language_is_one_of_ours(active: str, expected: str) -> None:
    with translation.override(active):
        assert active_language() == expected


def test_with_no_translation_active_the_site_language_is_used() -> None:
    with translation.override(None):
        assert active_language() == "en"
