"""The organisations shown in the page header, read only if a page's header asks for them."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest

from assessment.organisations.access import active_membership, user_memberships


def organisations(request: HttpRequest) -> dict[str, Any]:
    # Callables: the template calls them, so a page that never shows the header costs no query.
    return {
        "header_memberships": partial(user_memberships, request),
        "header_active": partial(active_membership, request),
    }
