"""Alembic environment, driven from code (`knowledge.domain.db.migrate`), not from an ini file.

The caller passes an open connection in `config.attributes["connection"]`;
without one (plain `alembic` use) the settings' database is used.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from knowledge.domain.db.models import metadata

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Two processes starting at once (bot and CLI) must not migrate twice.
            connection.execute(text("SELECT pg_advisory_xact_lock(74856001)"))
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # pragma: no cover - manual use
    from knowledge.domain.db.engine import get_engine
    from knowledge.settings import Settings

    with get_engine(Settings().sqlalchemy_url).connect() as conn:
        _run(conn)
        conn.commit()
