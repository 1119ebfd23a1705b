"""WSGI entry point: `gunicorn assessment.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assessment.settings")

application = get_wsgi_application()

# Load and cross-check the catalogue once, in gunicorn's master (preload_app), so every worker
# forks with it in memory and no visitor's first request pays for it. Web workers never render a
# PDF (the background workers do), so WeasyPrint is not imported here.
from assessment.catalogue import default_catalogue  # noqa: E402

default_catalogue()
