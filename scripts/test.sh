#!/usr/bin/env bash
# The whole test suite: lint and types, every test on SQLite (browser tests included), and the
# database-facing tests again on a throwaway PostgreSQL cluster. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
PY=.venv/bin/python

echo "== ruff, import layers and mypy"
.venv/bin/ruff format --check .
.venv/bin/ruff check .
.venv/bin/lint-imports
.venv/bin/mypy

# The PostgreSQL run goes in the background beside the SQLite run: the SQLite run spends much of
# its time waiting on browsers, servers and render workers, so the two share two cores well and
# the whole suite takes the longer of the two rather than their sum.
pg_log=$(mktemp)
(scripts/with-postgres.sh $PY -m pytest -m "not browser" -p no:cacheprovider \
  tests/test_postgres.py tests/test_wizard.py tests/test_accounts.py tests/test_accounts_organisations.py \
  tests/test_accounts_reassess.py tests/test_access_matrix.py tests/test_dashboard.py tests/test_audit.py \
  tests/test_claim.py tests/test_delete.py tests/test_exports.py tests/test_write_path.py tests/test_security.py \
  tests/test_fuzz.py tests/test_actions.py tests/test_client_profile.py tests/test_workspace_dashboard.py \
  tests/test_filing_pack.py tests/test_filing_tasks.py tests/test_report_tasks.py tests/test_parties.py \
  tests/test_accounts_clients.py tests/test_accounts_logo.py tests/test_resend_verification.py "$@") >"$pg_log" 2>&1 &
pg_pid=$!
trap 'kill "$pg_pid" 2>/dev/null || true; rm -f "$pg_log"' EXIT

echo "== tests on SQLite"
sqlite_status=0
DJANGO_ALLOW_ASYNC_UNSAFE=true $PY -m pytest "$@" || sqlite_status=$?

pg_status=0
wait "$pg_pid" || pg_status=$?
echo "== database tests on PostgreSQL"
cat "$pg_log"
if [ "$sqlite_status" -ne 0 ] || [ "$pg_status" -ne 0 ]; then
  echo "tests failed: SQLite exit $sqlite_status, PostgreSQL exit $pg_status" >&2
  exit 1
fi
