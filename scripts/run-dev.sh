#!/usr/bin/env bash
# `make run`: the development server and one PDF worker together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
"$PY" manage.py db_worker --reload --interval 0.5 &
worker=$!
"$PY" manage.py runserver 127.0.0.1:8000 &
web=$!
trap 'kill -TERM "$worker" "$web" 2>/dev/null || true; wait "$worker" "$web" 2>/dev/null || true; exit 0' INT TERM
wait -n "$worker" "$web" || true
kill -TERM "$worker" "$web" 2>/dev/null || true
wait "$worker" "$web" 2>/dev/null || true
