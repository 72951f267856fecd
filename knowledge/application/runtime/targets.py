"""The numeric targets extracted at index time (`targets.jsonl` of an index version), reread when it changes.

One reader for the runtime (the version being searched) and the bot's
/chitieu fallback (the published `current` folder): an admin's reindex
rewrites the file, so its modification time is the cache key.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from cachetools import LRUCache

log = logging.getLogger(__name__)
TARGETS_FILE = "targets.jsonl"


@dataclass(frozen=True)
class _Read:
    mtime: float
    targets: list


_read: LRUCache[Path, _Read] = LRUCache(maxsize=8)  # a few index versions at most
_lock = threading.Lock()


def read_targets(path: Path | None) -> list:
    """The targets in `path`; [] when there is no such file or it cannot be read (logged)."""
    if path is None:
        return []
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return []
    with _lock:
        cached = _read.get(path)
    if cached is not None and cached.mtime == mtime:
        return cached.targets
    from knowledge.domain.targets import load_targets

    try:
        cached = _Read(mtime, list(load_targets(path)))
    except Exception:  # noqa: BLE001 - no table rather than a failed reply
        log.exception("Không đọc được %s", path)
        return []
    with _lock:
        _read[path] = cached
    return cached.targets


def published_targets(index_dir: Path) -> list:
    """The targets of the published index under `index_dir` (its `current` version)."""
    return read_targets(Path(index_dir) / "current" / TARGETS_FILE)


def version_targets(search) -> list:
    """The targets of the index version `search` is answering from (none for a search without one)."""
    folder = getattr(getattr(search, "snapshot", None), "version_dir", None)
    return read_targets(Path(folder) / TARGETS_FILE) if folder is not None else []
