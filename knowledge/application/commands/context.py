"""What the commands read, taken from the runtime `Services` the bot and the console chat both hold.

Duck-typed on purpose: the bot's tests hand in stand-ins with only the part a
command uses (`db_engine` for /xa, `targets()` and `search` for /tieuchi), so
every read falls back the way the bot always did.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class CommandContext:
    services: Any  # knowledge.application.runtime.Services, or a stand-in with the parts used
    person: str = "bạn"  # how /start greets
    help_extra: str = ""  # the interface's own lines at the end of /help

    def communes(self):
        """The commune registry service of the runtime's database (created on first use, shared per engine)."""
        from knowledge.domain.communes import service_for
        from knowledge.domain.db import get_engine

        engine = getattr(self.services, "db_engine", None)
        if engine is None:
            engine = get_engine(self.services.settings.sqlalchemy_url)
        return service_for(engine)

    def targets(self) -> list:
        """The targets of the index in use, else those of the published index (`targets.jsonl`)."""
        from knowledge.application.runtime.targets import published_targets

        provider = getattr(self.services, "targets", None)
        if callable(provider):
            try:
                found = provider()
                if found:
                    return list(found)
            except Exception:  # noqa: BLE001 - fall back to the file below
                log.exception("services.targets() failed")
        settings = getattr(self.services, "settings", None)
        return published_targets(Path(settings.index_dir)) if settings is not None else []

    def search(self, query: str, k: int) -> list:
        """Passages for `query`; an unavailable search means none, not a failed reply."""
        engine = getattr(self.services, "search", None)
        fn = getattr(engine, "search", engine)
        if not callable(fn):
            return []
        try:
            return list(fn(query, k))
        except Exception:  # noqa: BLE001
            log.exception("search failed: %s", query)
            return []

    def documents(self) -> list:
        """The documents of the index in use (`DocumentInfo`)."""
        documents = getattr(getattr(self.services, "search", None), "documents", None)
        return list(documents()) if callable(documents) else []
