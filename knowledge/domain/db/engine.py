"""Engine creation from settings: one pooled engine per database URL and process.

SQLite (the default) gets the pragmas a shared bot/CLI database needs:
foreign keys enforced, WAL so readers are not blocked by an import, and a busy
timeout instead of immediate "database is locked" errors. PostgreSQL can be
pinned to a schema (tests use a throw-away one per session).
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def create_engine_for(url: str, *, pg_schema: str | None = None, echo: bool = False) -> Engine:
    """A new engine for `url`; creates the SQLite file's folder when needed."""
    parsed = make_url(url)
    connect_args: dict = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        connect_args["timeout"] = 30
    elif pg_schema and parsed.get_backend_name() == "postgresql":
        if not pg_schema.replace("_", "").isalnum():
            raise ValueError(f"invalid schema name: {pg_schema!r}")
        connect_args["options"] = f"-c search_path={pg_schema}"
    engine = create_engine(parsed, echo=echo, connect_args=connect_args, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def get_engine(url: str) -> Engine:
    """The process-wide engine for `url` (the caller's `settings.sqlalchemy_url`)."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = create_engine_for(url)
        return engine


def dispose_engines() -> None:
    """Close every cached engine (tests, shutdown)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
