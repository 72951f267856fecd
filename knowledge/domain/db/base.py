"""The one SQL metadata of the project, with deterministic constraint names.

Every table (commune registry, usage logs, ...) is a SQLModel class and so
lands in `SQLModel.metadata`. Alembic needs stable names to alter or drop a
constraint later, on SQLite (batch mode) as on PostgreSQL, hence the naming
convention; it must be set before any table class is defined, which importing
`knowledge.domain.db` (this module runs from its `__init__`) guarantees.
"""

from __future__ import annotations

from sqlmodel import SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = SQLModel.metadata
metadata.naming_convention = NAMING_CONVENTION
