"""Short follow-ups ("còn năm 2024 thì sao?", "còn tỷ lệ hộ nghèo?") completed from the previous turn.

Why: officials ask a question, then vary one thing (the year, the province,
the topic) in a few words. Within a few minutes in the same chat the chat
remembers the previous turn's `Query`, and a follow-up inherits the slots it
does not name (see `knowledge.application.understanding.merge`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

from cachetools import TTLCache

from knowledge.application.understanding.merge import carry_context, is_followup, merge
from knowledge.application.understanding.query import Query


class FollowUps:
    """The last turn's Query per chat, for `ttl` seconds; thread-safe and bounded."""

    def __init__(self, ttl: float = 300.0, max_chats: int = 10_000, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.max_chats = max_chats
        self.clock = clock
        self._last: TTLCache[Hashable, Query] = TTLCache(maxsize=max_chats, ttl=ttl, timer=clock)
        self._lock = threading.Lock()

    def resolve(self, chat: Hashable | None, query: Query, parse: Callable[[str], Query]) -> Query:
        """`query` with the slots it inherits from the chat's previous turn; itself when it is not a follow-up."""
        if chat is None:
            return query
        with self._lock:
            previous = self._last.get(chat)
        if previous is None:
            return query
        return merge(query, previous, parse) if is_followup(query) else carry_context(query, previous)

    def remember(self, chat: Hashable | None, query: Query) -> None:
        if chat is None:
            return
        with self._lock:
            self._last[chat] = query

    def forget(self, chat: Hashable | None) -> None:
        with self._lock:
            self._last.pop(chat, None)
