"""release_freed_memory: collects cycles and trims the C heap where glibc offers it."""

from __future__ import annotations

import gc
import weakref

from knowledge.retrieval.embedding import memory


class _Node:
    pass


def test_cyclic_garbage_is_collected_and_trim_is_optional(monkeypatch):
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    gc.disable()
    try:
        del a, b
        assert gone() is not None  # only the cyclic collector can free a cycle
        memory.release_freed_memory()
        assert gone() is None
    finally:
        gc.enable()
    memory._malloc_trim.cache_clear()
    monkeypatch.setattr(memory.ctypes.util, "find_library", lambda _name: None)  # musl, macOS
    memory.release_freed_memory()
    memory._malloc_trim.cache_clear()
