"""Playwright fixtures: one Debian Chromium per session, driving Django's live server.

Never `playwright install`: the browser comes from Debian (scripts/setup.sh installs it).
SCREENSHOTS=1 writes page screenshots and the axe-core results under screenshots/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.checks import AXE_RESULTS, SCREENSHOT_DIR, screenshots_wanted, write_axe_report

# The live server thread and Playwright's sync API share this thread's event loop; without this
# Django refuses database access at teardown (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATHS = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 15_000


def chromium_path() -> str:
    for path in CHROMIUM_PATHS:
        if Path(path).exists():
            return path
    pytest.fail("Debian's chromium is not installed: run scripts/setup.sh (never `playwright install`)")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """The plugin's launch options, pointed at Debian's Chromium (each launch gets a fresh profile)."""
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], live_server: Any) -> dict[str, Any]:
    # An English-speaking browser: the Chinese tests switch with the page's own switcher.
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "locale": "en-GB",
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture
def context(new_context: Any) -> BrowserContext:
    context: BrowserContext = new_context()
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def another_device(new_context: Any) -> Page:
    """A second browser with no cookies in common with `page`: another computer, say."""
    context: BrowserContext = new_context()
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture(scope="session", autouse=True)
def axe_report() -> Iterator[None]:
    yield
    if screenshots_wanted() and AXE_RESULTS:
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        write_axe_report(SCREENSHOT_DIR / "axe.txt")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if AXE_RESULTS:
        pages = len(AXE_RESULTS)
        found = sorted({f"{v['id']} ({v['impact']})" for vs in AXE_RESULTS.values() for v in vs})
        terminalreporter.write_line(f"axe-core: {pages} pages checked; violations: {', '.join(found) or 'none'}")
