#!/usr/bin/env bash
# The production start: static files collected (hashed and compressed for whitenoise), the
# database migrated, then gunicorn replaces this shell so it receives the service manager's
# signals. Configuration comes from the environment: docs/production.md lists every variable.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}

export DEBUG="${DEBUG:-false}"
if [ -z "${SECRET_KEY:-}" ] && [ -z "${SECRET_KEY_FILE:-}" ]; then
  echo "serve-production: SECRET_KEY or SECRET_KEY_FILE must be set (50+ random characters)" >&2
  exit 2
fi
# The settings refuse a weak key (shorter than 50 characters, or a known placeholder) at start.

"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py migrate --noinput -v 0
exec "$PY" -m gunicorn --config gunicorn.conf.py --no-control-socket assessment.wsgi
