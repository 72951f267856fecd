"""Rendered charts kept in memory, keyed by what they show.

The key is the chart's kind plus every figure, label and date drawn on it
(which includes the registry's latest import and the index's documents), so a
new import or a new index is a new key and a stale chart can never be served;
the same /thongke asked by many officials renders once. Bounded (LRU): each
PNG is ~50–150 KB.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

from cachetools import LRUCache

MAX_CHARTS = 64


class ChartCache:
    def __init__(self, maxsize: int = MAX_CHARTS):
        self._cache: LRUCache = LRUCache(maxsize=maxsize)
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, render: Callable[[], bytes]) -> bytes:
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self.hits += 1
                return found
            self.misses += 1
        png = render()  # outside the lock: another chart may render meanwhile
        with self._lock:
            self._cache[key] = png
        return png

    def __len__(self) -> int:
        return len(self._cache)


CHARTS = ChartCache()  # the process's cache (the bot and `ntm chat` each have one)
