"""What every web worker would otherwise do on its first request, done once before gunicorn forks.

gunicorn loads the application in its master (preload_app) and forks the workers from it, so what
is loaded here is in every worker's memory from the start: the catalogue, the URL configuration
(which imports every view), the compiled templates (Django's cached template loader) and the
translation catalogues of both languages. Without this the first request each worker served
took about half a second, and after a worker was replaced every visitor queued behind it paid
that again. Nothing here opens the database: a connection must never cross a fork.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template import engines
from django.urls import get_resolver
from django.utils.translation import trans_real

from assessment.catalogue import default_catalogue


def warm_up() -> int:
    """Load what the requests need; returns how many templates were compiled."""
    default_catalogue()
    get_resolver().url_patterns  # noqa: B018  # imports every view module
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)
    return _compile_templates()


def _compile_templates() -> int:
    compiled = 0
    for engine in engines.all():
        for folder in engine.dirs:  # the project's own templates
            for path in sorted(Path(folder).rglob("*")):
                if path.suffix in (".html", ".txt") and path.is_file():
                    engine.get_template(path.relative_to(folder).as_posix())
                    compiled += 1
    return compiled
