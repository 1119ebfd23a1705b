"""Response headers for a tool that holds clients' compliance gaps."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

# Pages that show an organisation's or an assessment's findings: never kept by a browser or proxy.
NO_STORE_URL_NAMES = frozenset(
    {
        "result",
        "history",
        "dashboard",
        "export_data",
        "export_org_data",
        "organisation",
        "claim",
        "pdf",
    }
)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; `Cache-Control: no-store` on pages with findings."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name in NO_STORE_URL_NAMES:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response
