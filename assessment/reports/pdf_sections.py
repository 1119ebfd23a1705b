"""What only the PDF adds to the shared report context.

- compact tables: one row per rule met, covered or not applicable (id, title, citations, verdict);
- the comparison sections of issue 13: "Changes since <date>" for a reassessment, and the same
  answers under the 2025 Measures and the 2023 draft;
- running-header strings short enough for one line (the cover and the body keep the full names);
- the labels of these sections.

Everything is built per language and, for the bilingual edition, merged passage by passage like
the rest of the context (`bilingual.merge_contexts`).
"""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.scoring.engine import GATE_REASON

from .bilingual import merge_contexts
from .comparison import changes_context, compared_regimes, regime_comparison_context

# Width of the running header's left box in "narrow character" units (a CJK character counts two):
# 7.5pt text in 60% of the A4 text block (42% in the bilingual edition, whose right box holds the
# regime in both languages).
HEADER_WIDTH = {"en": 92, "zh-hans": 92, "bilingual": 64}
# What the consultancy's logo takes of the header (at most 30 mm wide, 4.5 mm high: about 20 columns).
LOGO_WIDTH = 20
ELLIPSIS = "…"


def display_width(text: str) -> int:
    """Columns the text takes: two for a wide (CJK) character, one for any other."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def shorten(text: str, width: int) -> str:
    """The text cut to `width` columns, ending in an ellipsis when it was cut."""
    if display_width(text) <= width:
        return text
    kept, used = [], display_width(ELLIPSIS)
    for ch in text:
        used += display_width(ch)
        if used > width:
            break
        kept.append(ch)
    return "".join(kept).rstrip(" ·,，、;；-") + ELLIPSIS


def running_organisation(organisation: str, scenario: str, width: int) -> str:
    """ "<organisation> · <scenario>" in `width` columns: each shortened in proportion to its length."""
    separator = " · "
    full = f"{organisation}{separator}{scenario}"
    if display_width(full) <= width:
        return full
    room = width - display_width(separator)
    org_width, scenario_width = display_width(organisation), display_width(scenario)
    # The shorter name keeps its length where it fits in half the room; the longer takes the rest.
    if org_width <= room // 2:
        return f"{organisation}{separator}{shorten(scenario, room - org_width)}"
    if scenario_width <= room // 2:
        return f"{shorten(organisation, room - scenario_width)}{separator}{scenario}"
    return f"{shorten(organisation, room // 2)}{separator}{shorten(scenario, room - room // 2)}"


def pdf_sections(assessment: Assessment, regime: str, edition: str, context: dict[str, Any]) -> dict[str, Any]:
    """The PDF's extra context for this edition ("en", "zh-hans" or "bilingual")."""

    def in_language(language: str) -> dict[str, Any]:
        with translation.override(language):
            return _sections(assessment, regime, language, context["per_language"][language])

    if edition == "bilingual":
        extras = merge_contexts(in_language("en"), in_language("zh-hans"), ("en", "zh-hans"))
    else:
        extras = in_language(edition)
    cover = context["cover"]
    width = HEADER_WIDTH[edition] - (LOGO_WIDTH if (context.get("branding") or {}).get("logo_url") else 0)
    extras["running_organisation"] = running_organisation(str(cover["organisation"]), str(cover["scenario"]), width)
    return extras


def _sections(assessment: Assessment, regime: str, language: str, context: dict[str, Any]) -> dict[str, Any]:
    numbers = {f["rule"]: f["number"] for f in context["findings"]}
    return {
        "pdf_labels": _labels(),
        "checked_rows": _checked_rows(context),
        "changes": _changes(assessment, language) if assessment.pk else None,
        "regimes": _regimes(assessment, language, numbers, regime),
    }


def _labels() -> dict[str, str]:
    return {
        "checked": _("Rules met, covered or not applicable"),
        "checked_intro": _(
            "The other rules of this regime, checked against the answers: one line each. "
            "A rule's title names the gap it looks for."
        ),
        "rule": _("Rule"),
        "title": _("Gap checked for"),
        "verdict": _("Result"),
        "met": _("Met"),
        "not_applicable": _("Not applicable"),
        "regimes": _("2025 Measures and 2023 draft compared"),
        "regimes_intro": _(
            "The same answers scored under both texts. The 2023 draft never entered into force; "
            "its article numbers are shown only where verified."
        ),
        "measures": _("2025 Measures (in force)"),
        "draft": _("2023 draft (never in force)"),
        "rating": _("Rating"),
        "finding": pgettext("table column", "Finding"),
        "not_found": _("No finding"),
        "no_differences": _("The same findings, with the same severity and citations, under both texts."),
        "changes_answers": _("Answers changed"),
        "question": _("Question"),
        "before": _("Before"),
        "now": _("Now"),
        "closed": _("Findings closed"),
        "new": _("New findings"),
        "severity_changed": _("Severity changed"),
        "determinations": _("Filing and impact assessment"),
        "nothing_changed": _("Nothing changed."),
        "none": _("None."),
        "required": _("Required"),
        "not_required": _("Not required"),
        "unanswered": "–",
    }


def _title(rule_id: str, language: str) -> str:
    rules = {rule.id: rule for rule in default_catalogue().rules}
    return rules[rule_id].title.get(language) if rule_id in rules else rule_id


def _checked_rows(context: dict[str, Any]) -> list[dict[str, Any]]:
    """Met first, then covered by a finding, then not applicable (with a reason other than the
    answers themselves, e.g. the regime's scope, said once before its rules)."""
    language = context["language"]
    rows: list[dict[str, Any]] = []

    def row(rule: dict[str, Any], verdict: str, code: str) -> dict[str, Any]:
        title = _title(rule["rule"], language)
        return {"rule": rule["rule"], "title": title, "citations": rule["citations"], "verdict": verdict, "code": code}

    rows += [row(m, _("Met"), "met") for m in context["met"]]
    numbers = pgettext("list of finding numbers", ", ")
    rows += [
        row(m, _("Covered by %(numbers)s") % {"numbers": numbers.join(m["by"])}, "covered") for m in context["covered"]
    ]
    generic = GATE_REASON.get(language)
    for group in context["not_applicable"]:
        if group["reason"] != generic:
            rows.append({"reason": group["reason"]})
        rows += [row(m, _("Not applicable"), "not-applicable") for m in group["rules"]]
    return rows


def _changes(assessment: Assessment, language: str) -> dict[str, Any] | None:
    changes = changes_context(assessment, language)
    if changes is None:
        return None
    since = changes["since"]
    changes["since_text"] = (timezone.localdate(since) if isinstance(since, datetime.datetime) else since).isoformat()
    changes["title"] = _("Changes since %(date)s") % {"date": changes["since_text"]}
    for change in changes["severity_changed"]:
        change["title"] = _title(change["rule_id"], language)
    return changes


def _regimes(assessment: Assessment, language: str, numbers: dict[str, str], regime: str) -> dict[str, Any]:
    """Findings that differ between the two texts, one row each; those alike only counted and numbered."""
    comparison = regime_comparison_context(assessment, language)
    rows: list[dict[str, Any]] = []
    for f in comparison["only_measures"]:
        rows.append(_regime_row(f["title"], f["severity"], f["citations"], None, []))
    for f in comparison["only_draft"]:
        rows.append(_regime_row(f["title"], None, [], f["severity"], f["citations"]))
    for c in comparison["severity_differs"]:
        rows.append(
            _regime_row(
                _title(c["rule_id"], language), c["measures"], c["measures_citations"], c["draft"], c["draft_citations"]
            )
        )
    alike = []
    for f in comparison["both"]:
        if f["measures_citations"] == f["draft_citations"]:
            alike.append(numbers.get(f["rule_id"], f["title"]))
        else:
            rows.append(
                _regime_row(f["title"], f["severity"], f["measures_citations"], f["severity"], f["draft_citations"])
            )
    in_force, draft = compared_regimes(default_catalogue())
    other = draft.id if regime == in_force.id else in_force.id
    return {
        "measures_rating": comparison["measures_rating"],
        "draft_rating": comparison["draft_rating"],
        "rows": rows,
        "alike": alike,
        "alike_text": _("Alike under both texts (same severity and citations): %(findings)s.")
        % {"findings": pgettext("list of finding numbers", ", ").join(alike)}
        if alike
        else "",
        "other_regime": other,
    }


def _regime_row(
    title: str, measures: str | None, measures_citations: list[str], draft: str | None, draft_citations: list[str]
) -> dict[str, Any]:
    return {
        "title": title,
        "measures": measures or "",
        "measures_citations": measures_citations,
        "draft": draft or "",
        "draft_citations": draft_citations,
    }
