"""Imports every table module so `SQLModel.metadata` is complete (Alembic, tests).

A new table module is either listed in `TABLE_MODULES` or, for the usage-log
tables, picked up automatically once `knowledge/domain/db/usage.py` exists.
"""

from __future__ import annotations

import importlib
import importlib.util

from knowledge.domain.db.base import metadata

TABLE_MODULES = ("knowledge.domain.db.communes", "knowledge.domain.db.admin")
OPTIONAL_TABLE_MODULES = ("knowledge.domain.db.usage",)

for _name in TABLE_MODULES:
    importlib.import_module(_name)
for _name in OPTIONAL_TABLE_MODULES:
    if importlib.util.find_spec(_name) is not None:
        importlib.import_module(_name)

__all__ = ["metadata"]
