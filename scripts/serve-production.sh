#!/usr/bin/env bash
# The production start: static files collected (hashed and compressed for whitenoise), the
# database migrated, then WORKERS background workers (`manage.py db_worker`, default 1; 0 when
# the workers run elsewhere) that render the PDFs, and gunicorn. SIGTERM or SIGINT to this script
# stops them all. Configuration comes from the environment: docs/production.md lists every
# variable; README "Running workers" says how to scale them (more here, or on other hosts).
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
pids=()
stop_all() {
  trap - TERM INT
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  exit 0
}
trap stop_all TERM INT

# The workers run at a lower CPU priority (WORKER_NICE, default 10) so that on a shared host a
# burst of PDF renders never slows the wizard's requests: a render may wait, a person should not.
for n in $(seq 1 "${WORKERS:-1}"); do
  nice -n "${WORKER_NICE:-10}" "$PY" manage.py db_worker --worker-id "$(hostname)-$$-$n" --interval "${WORKER_INTERVAL:-0.5}" &
  pids+=("$!")
done
"$PY" -m gunicorn --config gunicorn.conf.py --no-control-socket assessment.wsgi &
pids+=("$!")
# Any of them ending ends the service, so the service manager sees it and restarts it whole.
wait -n "${pids[@]}" || true
stop_all
