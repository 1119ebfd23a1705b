"""The database from DATABASE_URL (PostgreSQL) or the embedded SQLite file, tuned for several processes."""

from __future__ import annotations

from typing import Any

import dj_database_url

SQLITE_OPTIONS = {
    # The embedded default serves several gunicorn workers and a render worker at once:
    # write-ahead logging lets readers run beside the one writer and spares an fsync per commit
    # (with WAL, synchronous=NORMAL loses nothing when the application crashes; a power cut may
    # lose the last commits but never corrupts the file). BEGIN IMMEDIATE takes the write lock when
    # a transaction starts, so two writers queue for it (busy timeout) instead of one failing with
    # "database is locked" when it upgrades a read.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def database_settings(url: str, conn_max_age: int) -> dict[str, Any]:
    """Django's DATABASES entry for this URL."""
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=conn_max_age))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config
