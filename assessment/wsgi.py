"""WSGI entry point: `gunicorn assessment.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assessment.settings")

application = get_wsgi_application()

# Load the catalogue, the views, the templates and the translations once, in gunicorn's master
# (preload_app), so every worker forks with them in memory and no visitor's first request pays for
# them. Web workers never render a PDF (the background workers do), so WeasyPrint is not imported.
from assessment.warmup import warm_up  # noqa: E402

warm_up()
