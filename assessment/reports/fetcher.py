"""The only door WeasyPrint has to the outside: the project's own static files and the consultancy's
logo (a `branding:` URL, organisations/branding.py), nothing else.

Imported lazily (with WeasyPrint itself) by pdf.py: importing WeasyPrint costs about a second.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assessment.organisations.branding import logo_for_url


class RefusedURL(ValueError):
    """WeasyPrint asked for something other than one of our static files."""


def static_roots() -> list[Path]:
    """The project's static directories: STATICFILES_DIRS in development, STATIC_ROOT once collected."""
    roots = [Path(entry[1] if isinstance(entry, tuple) else entry) for entry in settings.STATICFILES_DIRS]
    roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def static_file_for(url: str) -> Path | None:
    """The static file a PDF asset URL names (file:///static/css/report.css), or None if it names anything else."""
    parts = urlsplit(url)
    prefix = urlsplit(settings.STATIC_URL).path
    if parts.scheme != "file" or parts.netloc not in ("", "localhost") or parts.query:
        return None
    path = unquote(parts.path)
    if not path.startswith(prefix):
        return None
    relative = path.removeprefix(prefix)
    segments = relative.split("/")
    if "\\" in relative or "\x00" in relative or any(s in ("", ".", "..") for s in segments):
        return None
    found = finders.find(relative)
    candidates = [Path(found)] if isinstance(found, str) else []
    candidates.append(Path(settings.STATIC_ROOT) / relative)  # hashed names after collectstatic
    roots = static_roots()
    for candidate in candidates:
        resolved = candidate.resolve()
        if resolved.is_file() and any(resolved.is_relative_to(root) for root in roots):
            return resolved
    return None


class StaticFilesFetcher(URLFetcher):
    """Serves the project's static files to WeasyPrint and refuses every other URL: no network, no other file."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if (logo := logo_for_url(url)) is not None:  # a consultancy's logo, from its checked database row
            return URLFetcherResponse(url, body=logo[0], headers={"Content-Type": logo[1]})
        path = static_file_for(url)
        if path is None:
            raise RefusedURL(f"refused to fetch {url!r}: a report may only use the project's static files")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})
