"""How django-axes names the account behind a login attempt."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def login_name(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The typed e-mail address, trimmed and lower-cased (so "Li@x.cn " and "li@x.cn" share one count)."""
    value = (credentials or {}).get("username")
    if value is None:
        value = request.POST.get("username", "")
    return str(value).strip().lower()[:254]
