"""The consultancy's logo on its reports, and the only way a PDF renderer reaches it.

The report's HTML names the logo by a `branding:` URL that only the project's URL fetcher
(reports/fetcher.py) understands: `branding:logo/<organisation id>/<sha256>.<png|svg>`. The fetcher
asks `logo_for_url` for the bytes, which come from the database row checked at upload; nothing
else is reachable through that scheme. The digest in the URL also makes a changed logo a changed
report (the PDF cache key reads `branding_fingerprint`).
"""

from __future__ import annotations

import re
from typing import Any

from .models import Logo, Organisation

SCHEME = "branding"
LOGO_URL = re.compile(r"branding:logo/(?P<organisation>[1-9][0-9]{0,18})/(?P<sha>[0-9a-f]{64})\.(?:png|svg)")


def logo_url(logo: Logo) -> str:
    return f"{SCHEME}:logo/{logo.organisation_id}/{logo.sha256}.{logo.extension}"


def logo_for_url(url: str) -> tuple[bytes, str] | None:
    """The bytes and content type a `branding:` URL names, or None if it names nothing we hold."""
    match = LOGO_URL.fullmatch(url)
    if match is None:
        return None
    logo = Logo.objects.filter(organisation_id=int(match["organisation"]), sha256=match["sha"]).first()
    return (bytes(logo.content), logo.content_type) if logo is not None else None


def report_consultancy(organisation: Organisation | None) -> Organisation | None:
    """The consultancy whose report this is: the assessed organisation's manager, or the assessed
    organisation itself when a consultancy assesses itself."""
    if organisation is None:
        return None
    if organisation.kind == Organisation.Kind.CONSULTANCY:
        return organisation
    manager = organisation.managed_by
    return manager if manager is not None and manager.kind == Organisation.Kind.CONSULTANCY else None


def consultancy_logo(organisation: Organisation | None) -> Logo | None:
    consultancy = report_consultancy(organisation)
    if consultancy is None:
        return None
    return Logo.objects.filter(organisation=consultancy).select_related("organisation").defer("content").first()


def report_branding(organisation: Organisation | None) -> dict[str, Any]:
    """For the report context: the logo's fetcher URL ("" if none) and whose it is (its alt text)."""
    logo = consultancy_logo(organisation)
    if logo is None:
        return {"logo_url": "", "logo_alt": "", "logo_width": None, "logo_height": None}
    return {
        "logo_url": logo_url(logo),
        "logo_alt": logo.organisation.name,
        "logo_width": logo.width,
        "logo_height": logo.height,
    }


def branding_fingerprint(organisation: Organisation | None) -> str:
    """What of the branding a rendered PDF depends on ("" without a logo)."""
    logo = consultancy_logo(organisation)
    return logo.sha256 if logo is not None else ""
