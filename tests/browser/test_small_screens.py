"""A consultant on a phone (375 × 740 CSS pixels, an iPhone-sized screen), in English and in Chinese.

The pages a consultant opens between clients — dashboard, an assessment's history, the result with
its chart and action plan, the changes since the last assessment, the 2025 Measures against the
2023 draft, the organisation — fit the screen without a sideways scroll, every visible label is
set at 12 px or more (SVG text measured as drawn, after the chart's scaling), and each table
either becomes stacked cards or scrolls inside its own box. axe-core finds nothing on each page,
not even a minor issue (under the site's strict CSP, so an inline style the CSS relied on would
be blocked and show here).

Long names are deliberate: a real client's registered name, an unbroken e-mail address.
SCREENSHOTS=1 keeps a full-page picture of each (screenshots/<lang>-phone-<page>.png).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from assessment.accounts import services as account_services
from assessment.assessments import services
from assessment.assessments.models import Assessment
from assessment.organisations.models import Organisation
from tests.browser.checks import AXE_RESULTS, check_accessibility, screenshot, ui_text
from tests.test_scenarios import scenario_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
PASSWORD = "Correct-horse-battery-42"
EMAIL = "compliance.officer.for.the.whole.group@acme-retail-shanghai.example.com"
SMALLEST_TEXT_PX = 12
# A table of at most this many columns that fits may stay a grid (the severity counts, question and
# answer, before and now): its columns are compared across rows, and they fit side by side.
COMPACT_GRID_COLUMNS = 4

# Every visible piece of text, with the size it is drawn at: CSS font-size for HTML, and for SVG
# the font-size times the scale the SVG is drawn at (a 640-unit-wide chart in a 340-pixel box).
TEXT_SIZES_JS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || !node.textContent.trim()) continue;
    if (el.closest('.visually-hidden, .skip-link, title, desc, script, style, option')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) continue;  // not drawn
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) size *= el.getScreenCTM().a;
    found.push({text: node.textContent.trim().slice(0, 40), size: Math.round(size * 10) / 10,
                tag: el.tagName.toLowerCase(), cls: el.getAttribute('class') || ''});
  }
  return found;
}"""

# Each visible table: stacked (its rows laid out as blocks) or inside a box that scrolls sideways.
TABLES_JS = """() => Array.from(document.querySelectorAll('main table')).filter(t => t.offsetParent).map(t => {
  let box = t.parentElement;
  while (box && box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) {
    box = box.parentElement;
  }
  const scrolls = box && box !== document.body;
  return {cls: t.getAttribute('class') || '', display: getComputedStyle(t).display,
          stacked: getComputedStyle(t.querySelector('tbody > tr') || t).display !== 'table-row',
          columns: Math.max(0, ...Array.from(t.rows).map(r => r.cells.length)),
          scrolls: !!scrolls, right: Math.round(t.getBoundingClientRect().right),
          boxRight: scrolls ? Math.round(box.getBoundingClientRect().right) : null};
})"""


@dataclass
class Portfolio:
    organisation: Organisation
    first: Assessment
    reassessment: Assessment


def make_portfolio() -> Portfolio:
    """A consultant's organisation with a gym chain's assessment, reassessed after some fixes."""
    user = account_services.sign_up(
        EMAIL, PASSWORD, "欧阳 明远", "上海浦东新区某某连锁健身管理有限公司（Acme Fitness Group）", verified=True
    )
    organisation = Organisation.objects.get(memberships__user=user)
    answers = {
        **scenario_answers("fitness-app-bundled-consent"),
        "org_name": "Acme Fitness Management (Shanghai Pudong New Area) Co., Ltd.",
        "scenario_name": "Member check-in by face at the Lujiazui club's turnstiles and lockers",
    }
    first, _secret = services.create_assessment("measures-2025", organisation, user)
    services.record_answers(first.pk, "scenario", answers, user)
    services.complete_assessment(first.pk, user)
    first.refresh_from_db()
    second, _secret = services.reassess(first, user)
    services.record_answers(
        second.pk,
        "consent",
        {"cn3_withdrawal": "yes", "cn5_changes_communicated": "yes", "st4_raw_images": "yes"},
        user,
    )
    services.record_answers(second.pk, "storage", {"st4_raw_images_basis": "none"}, user)
    services.complete_assessment(second.pk, user)
    second.refresh_from_db()
    return Portfolio(organisation, first, second)


def log_in(page: Page, language: str) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_label(ui_text("E-mail address", language), exact=True).fill(EMAIL)
    page.get_by_label(ui_text("Password", language), exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=ui_text("Log in", language), exact=True).click()


def phone_problems(page: Page, name: str) -> list[str]:
    """What keeps the page as it is now from being usable on the phone (empty: nothing)."""
    screenshot(page, name.replace("/", "-phone-"))
    problems = []
    overflow = page.evaluate("() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
    if overflow > 0:
        problems.append(f"{name} scrolls sideways by {overflow}px")
    small = [t for t in page.evaluate(TEXT_SIZES_JS) if t["size"] < SMALLEST_TEXT_PX]
    if small:
        problems.append(f"{name}: {len(small)} texts drawn below {SMALLEST_TEXT_PX}px, e.g. {small[:6]}")
    for table in page.evaluate(TABLES_JS):
        compact_grid = table["columns"] <= COMPACT_GRID_COLUMNS and table["right"] <= PHONE["width"]
        if not (table["stacked"] or table["scrolls"] or compact_grid):
            problems.append(f"{name}: table {table} neither stacks, nor scrolls in its own box, nor is a small grid")
        elif table["scrolls"] and table["boxRight"] > PHONE["width"]:
            problems.append(f"{name}: the box scrolling {table} is wider than the screen")
    check_accessibility(page, name)  # no serious or critical violation, else it fails here
    problems += [f"{name}: axe-core {v['id']} ({v['impact']}) on {v['nodes']}" for v in AXE_RESULTS[name]]
    return problems


def on_a_phone(locale: str) -> Any:
    """A phone-sized browser whose language is `locale` (Chinese pages come from its Accept-Language)."""
    return pytest.param(locale, marks=pytest.mark.browser_context_args(viewport=PHONE, locale=locale), id=locale)


@pytest.mark.parametrize("locale", [on_a_phone("en-GB"), on_a_phone("zh-CN")])
def test_a_consultant_reviews_a_client_on_a_phone(page: Page, locale: str) -> None:
    language = "zh-hans" if locale == "zh-CN" else "en"
    lang = language[:2]
    portfolio = make_portfolio()
    log_in(page, language)
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans" if lang == "zh" else "en")
    token = portfolio.reassessment.token
    pages = {
        "dashboard": reverse("accounts:dashboard"),
        "history": reverse("accounts:history", kwargs={"token": token}),
        "result": reverse("reports:result", kwargs={"token": token}),
        "changes": reverse("actions:changes", kwargs={"token": token}),
        "regimes": reverse("actions:regimes", kwargs={"token": token}),
        "organisation": reverse("accounts:organisation", kwargs={"pk": portfolio.organisation.pk}),
    }
    problems = []
    for name, url in pages.items():
        page.goto(url)
        problems += phone_problems(page, f"{lang}/{name}")
    assert not problems, "\n".join(problems)
