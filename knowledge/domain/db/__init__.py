"""SQL storage shared by the whole project: one engine per URL, one metadata, Alembic inside.

- `get_engine(settings.sqlalchemy_url)` returns the process-wide engine for `NTM_DATABASE_URL`
  (default: SQLite at `NTM_DATA_DIR/ntm.sqlite3`); `create_engine_for(url)`
  makes a private one (tests, tools).
- `ensure_schema(engine)` upgrades the database to the latest migration, once
  per engine and process; every entry point calls it before first use, so a
  fresh checkout or a new PostgreSQL database needs no manual step.
- All tables are SQLModel classes in `SQLModel.metadata` (= `knowledge.domain.db.metadata`),
  whose naming convention gives constraints stable names for later migrations.

Recipe: adding a table (e.g. question logs in `knowledge/domain/db/usage.py`)
1. Write the module: `from sqlmodel import Field, SQLModel` and
   `import knowledge.domain.db  # noqa: F401` (naming convention first), then
   `class QuestionLog(SQLModel, table=True): __tablename__ = "question_logs" ...`.
   Foreign keys to the registry use table names, e.g. `foreign_key="communes.id"`.
   `knowledge/domain/db/usage.py` is picked up automatically; any other new module is
   added to `TABLE_MODULES` in `knowledge/domain/db/models.py`.
2. Generate the migration on top of the current head:
   `.venv/bin/python -m knowledge.domain.db revision -m "question logs"`
   (autogenerates into `knowledge/domain/db/migrations/versions/` from a scratch SQLite
   at head; review the file: server defaults, index names, data backfills).
3. Run `.venv/bin/python -m pytest tests/knowledge/domain/db/test_migrate.py`: it upgrades an
   empty SQLite (and PostgreSQL when `NTM_TEST_DATABASE_URL` is set) to head,
   checks the result matches the models exactly, and downgrades back to base.
4. Nothing else: `ensure_schema` applies the new revision on the next start.
Keep one revision per change, never edit a released one; SQLite runs migrations
in batch mode (`op.batch_alter_table`) for ALTERs it lacks.
"""

from __future__ import annotations

from knowledge.domain.db.base import metadata
from knowledge.domain.db.engine import create_engine_for, dispose_engines, get_engine
from knowledge.domain.db.migrate import ensure_schema

__all__ = ["create_engine_for", "dispose_engines", "ensure_schema", "get_engine", "metadata"]
