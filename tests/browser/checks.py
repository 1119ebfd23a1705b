"""What the browser tests check on every page: axe-core, screenshots on request, the PDF."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import Page
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENSHOT_DIR = ROOT / "screenshots"
BLOCKING_IMPACTS = ("serious", "critical")
# Page name -> violations found there, for the summary and screenshots/axe.txt.
AXE_RESULTS: dict[str, list[dict[str, Any]]] = {}
_AXE = Axe()


def ui_text(message: str, language: str) -> str:
    """A UI string as the page shows it in `language` (English until it is translated)."""
    with translation.override(language):
        return translation.gettext(message)


def check_accessibility(page: Page, name: str) -> None:
    """axe-core on the page as it is now: no serious or critical violation."""
    results = _AXE.run(page)
    violations = results.response["violations"]
    AXE_RESULTS[name] = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]], "help": v["help"]}
        for v in violations
    ]
    blocking = [v for v in AXE_RESULTS[name] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core on {name} ({page.url}): {blocking}"


def write_axe_report(path: Path) -> None:
    lines = []
    for name, violations in sorted(AXE_RESULTS.items()):
        found = "; ".join(f"{v['id']} ({v['impact']}) x{len(v['nodes'])}: {v['nodes']}" for v in violations)
        lines.append(f"{name}: {found or 'no violations'}")
    path.write_text("\n".join(lines) + "\n")


def screenshots_wanted() -> bool:
    return os.environ.get("SCREENSHOTS", "") not in ("", "0", "false")


def screenshot(page: Page, name: str) -> None:
    """The whole page as screenshots/<name>.png, when SCREENSHOTS=1."""
    if screenshots_wanted():
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        # From the top, as a visitor first sees it (sticky parts would follow the last scroll).
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True)


def check_pdf(body: bytes, name: str, must_contain: str) -> PdfReader:
    """A real PDF of several pages that names the organisation; its first page as a PNG on request."""
    assert body.startswith(b"%PDF"), body[:200]
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) > 3, f"{name}: only {len(reader.pages)} pages"
    # Text extraction may break lines anywhere (and inside Chinese words): compare without spaces.
    text = "".join("".join(page.extract_text() or "" for page in reader.pages[:3]).split())
    assert "".join(must_contain.split()) in text, f"{name}: {must_contain!r} not in the first pages"
    if screenshots_wanted():
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        pdf_path = SCREENSHOT_DIR / f"{name}.pdf"
        pdf_path.write_bytes(body)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf_path, SCREENSHOT_DIR / name],
            check=True,
            timeout=60,
        )
    return reader
