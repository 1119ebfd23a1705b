#!/usr/bin/env bash
# Install everything the app and its tests need, idempotently: Debian packages (fonts, the
# browser, PostgreSQL for the database tests), a virtualenv with the Python packages, compiled
# translations and database migrations. A second run only checks and is fast.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(fonts-noto-cjk libharfbuzz-subset0 chromium poppler-utils gettext postgresql)
VENV=.venv
PYTHON=${PYTHON:-python3}

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating virtualenv $VENV"
  "$PYTHON" -m venv "$VENV"
fi
# Exact versions with hashes from the lock file (scripts/lock.sh writes it from pyproject.toml's
# ranges), then the project itself without dependencies.
stamp="$VENV/.installed-$(cat pyproject.toml requirements.lock | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages from requirements.lock"
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q --require-hashes -r requirements.lock
  "$VENV/bin/pip" install -q --no-deps -e .
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi

# Compile translations when a catalogue is newer than its compiled file.
for po in locale/*/LC_MESSAGES/django.po; do
  [ -f "$po" ] || continue
  mo="${po%.po}.mo"
  if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then
    msgfmt --check -o "$mo" "$po"
  fi
done

"$VENV/bin/python" manage.py migrate --noinput -v 0
