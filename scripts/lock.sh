#!/usr/bin/env bash
# Write requirements.lock (exact versions with hashes, the dev extra included) from the ranges in
# pyproject.toml. Run it after changing a dependency; scripts/setup.sh installs from the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/uv ] || .venv/bin/pip install -q uv
.venv/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
  --python-platform x86_64-unknown-linux-gnu --no-header -o requirements.lock -q
