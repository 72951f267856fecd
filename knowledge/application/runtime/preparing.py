"""The search a bot serves with before any index was ever published: it says data is being prepared.

Why: the bot polls as soon as the model is loaded and builds the first index in the background;
until that build publishes, a question gets "đang chuẩn bị dữ liệu" instead of silence
(`Services` asks `ready` before it asks the answer engine; a search call meanwhile raises
`IndexPreparing`). Everyone holding the search (answer engine, reloader, admin service) holds
this one object, which opens the real engine once an index is published and from then on hands
every call to it.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from pathlib import Path
from typing import Any

from knowledge.application.render import messages as M
from knowledge.errors import UserError


class IndexPreparing(UserError, RuntimeError):
    """No index yet: the first build is still running."""

    def __init__(self) -> None:
        super().__init__(M.PREPARING)


class PreparingSearch:
    def __init__(self, index_root: Path, encoder):
        self.index_root = Path(index_root)
        self.encoder = encoder
        self._engine = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._engine is not None

    def reload_if_changed(self) -> bool:
        """Open the engine once an index is published (then: the engine's own reload)."""
        if self._engine is not None:
            return self._engine.reload_if_changed()
        from knowledge.retrieval.index.layout import IndexLayout
        from knowledge.retrieval.search import SearchEngine

        if IndexLayout(self.index_root).current_dir() is None:
            return False
        with self._lock:
            if self._engine is None:
                self._engine = SearchEngine(self.index_root, self.encoder)
        return True

    def search(self, query: str, k: int = 5, offset: int = 0, doc_ids: Collection[str] = ()) -> list[Any]:
        if self._engine is None:
            raise IndexPreparing()
        return self._engine.search(query, k=k, offset=offset, doc_ids=doc_ids)

    def passage(self, passage_id: str) -> Any | None:
        return self._engine.passage(passage_id) if self._engine is not None else None

    def documents(self) -> list[Any]:
        return self._engine.documents() if self._engine is not None else []

    def __getattr__(self, name: str) -> Any:
        """`info`, `snapshot`, ... of the engine once there is one; missing before (callers use getattr)."""
        engine = self.__dict__.get("_engine")
        if engine is None:
            raise AttributeError(name)
        return getattr(engine, name)
