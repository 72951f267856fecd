"""Schema migrations run from code: `ensure_schema(engine)` upgrades to head once per process.

Why programmatic: the bot, the CLI and the tests all start from an empty
database at some point; nobody should have to remember an `alembic upgrade`
step, and no alembic.ini has to sit at the repository root.
"""

from __future__ import annotations

import threading
import weakref
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_ready: weakref.WeakSet[Engine] = weakref.WeakSet()
_lock = threading.Lock()


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(MIGRATIONS_DIR / "versions"))
    # Revision files are named by date and slug so they sort in history order.
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision` in one transaction."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def ensure_schema(engine: Engine) -> None:
    """Upgrade `engine`'s database to head, at most once per engine and process."""
    if engine in _ready:
        return
    with _lock:
        if engine in _ready:
            return
        if current_revision(engine) != head_revision():
            upgrade(engine)
        _ready.add(engine)


def forget(engine: Engine) -> None:
    """Make the next `ensure_schema` check again (after dropping tables in tests)."""
    _ready.discard(engine)
