"""Model and index, the slow part of starting the bot or the console chat: loaded once per process.

Also the later swap to an index published while running (`ntm index`, an
admin's reindex), checked at most every few seconds rather than per question.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from knowledge.settings import Settings

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]


def load_search(settings: Settings, *, encoder=None, build_index: bool = True, progress: Progress | None = None,
                laps: list[float] | None = None, missing_ok: bool = False):
    """The search engine over the published index: the model first, then the index (built when missing
    or stale), then the engine. `laps` gets a clock reading after each of the three, for the startup log.

    `missing_ok` (with `build_index=False`: the bot, which builds in the background): no index yet
    gives a `PreparingSearch` that answers "đang chuẩn bị dữ liệu" until one is published."""
    from knowledge.retrieval.embedding.configured import load_encoder
    from knowledge.retrieval.index.layout import IndexLayout
    from knowledge.retrieval.search import SearchEngine

    laps = [] if laps is None else laps
    if encoder is None:
        encoder = load_encoder(settings)
    laps.append(time.monotonic())
    if build_index:
        ensure_index(settings, encoder, progress)
    laps.append(time.monotonic())
    if missing_ok and IndexLayout(settings.index_dir).current_dir() is None:
        from knowledge.application.runtime.preparing import PreparingSearch

        search = PreparingSearch(settings.index_dir, encoder)
    else:
        search = SearchEngine.open(settings, encoder=encoder)
    laps.append(time.monotonic())
    return search


def ensure_index(settings: Settings, encoder, progress: Progress | None = None):
    """Build the index from the configured sources when it is missing or stale (with `progress`, else
    logged). Returns the build's report, or None when the index was up to date."""
    from indexer.service import staleness, update_index

    reason = staleness(settings)
    if reason is None:
        return None
    log.info("Xây dựng chỉ mục (%s) ...", reason)
    started = time.monotonic()
    report = update_index(settings, encoder=encoder, progress=progress or log_progress())
    log.info("Chỉ mục xong sau %.1f s: %s", time.monotonic() - started, report)
    return report


def log_progress() -> Progress:
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 2 or done == total:
            last[0] = now
            log.info("  %s: %d/%d", stage, done, total)

    return progress


class IndexReloader:
    """Picks up a newly published index without a restart.

    Checked at most every `every` seconds; the swap is atomic in the search
    engine, so questions in flight finish on the old index.
    """

    def __init__(self, search: Any, every: float = 10.0, clock: Callable[[], float] = time.monotonic):
        self.search = search
        self.every = every
        self.clock = clock
        self._checked_at: float | None = None

    def __call__(self, force: bool = False) -> bool:
        """True when a new index is now in use."""
        now = self.clock()
        if not force and self._checked_at is not None and now - self._checked_at < self.every:
            return False
        self._checked_at = now
        reload = getattr(self.search, "reload_if_changed", None)
        if reload is None:
            return False
        try:
            changed = bool(reload())
        except Exception:  # noqa: BLE001 - keep answering from the index in use
            log.exception("Không nạp được chỉ mục mới")
            return False
        if changed:
            log.info("Đã chuyển sang chỉ mục mới: %s", getattr(self.search, "info", ""))
        return changed
