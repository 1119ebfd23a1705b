#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at a throwaway PostgreSQL cluster on loopback,
# created in a temporary folder and removed afterwards.
set -euo pipefail
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DIR=$(mktemp -d /tmp/frt-pg.XXXXXX)
PORT=${PG_TEST_PORT:-55432}
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$DIR"
  AS_PG=(runuser -u postgres --)
fi
cleanup() { "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$DIR/data" -U frt --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" -l "$DIR/log" -w start >/dev/null
"${AS_PG[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U frt frt
DATABASE_URL="postgres://frt@127.0.0.1:$PORT/frt" "$@"
