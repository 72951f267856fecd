"""Everything heavy the bot shares across updates, loaded once: model, index, answer engine, database.

Lives in `application.bot_data["services"]`. CPU-bound calls go through
`run` (a worker pool sized to the cores, never the event loop); database
calls through `asyncio.to_thread` so a slow disk cannot hold up searches.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from knowledge.application.answer import Answer, AnswerEngine
from knowledge.retrieval.embedding.configured import load_encoder
from knowledge.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    search: Any  # knowledge.retrieval.search.SearchEngine (or a stand-in with the same methods)
    answers: AnswerEngine
    db_engine: Any | None = None  # sqlalchemy Engine; None: no question log (answers still work)
    usage: Any | None = None  # knowledge.domain.db.usage.UsageLog
    executor: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(
        max_workers=os.cpu_count() or 2, thread_name_prefix="answer"))
    _targets: tuple[float, list] | None = None
    _recent: OrderedDict = field(default_factory=OrderedDict)  # qid -> (query, {rank: passage_id})
    _fallback_ids: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _checked_index_at: float = 0.0
    index_check_every: float = 10.0  # seconds between checks for a newly published index
    warm_on_start: bool = False  # load commune names in the background when the bot starts

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, settings: Settings, *, build_index: bool = True, encoder=None,
             progress: Callable[[str, int, int], None] | None = None) -> Services:
        """Prepare the model, build the index if missing or stale, open search and the database.

        The database (schema check) opens in a thread while the model loads: startup
        time is the longer of the two, not their sum.
        """
        started = time.monotonic()
        with ThreadPoolExecutor(1, thread_name_prefix="db-open") as opener:
            database = opener.submit(open_usage_log, settings)
            laps = [time.monotonic()]
            if encoder is None:
                encoder = load_encoder(settings)
            laps.append(time.monotonic())
            if build_index:
                ensure_index(settings, encoder, progress)
            laps.append(time.monotonic())
            from knowledge.retrieval.search import SearchEngine

            search = SearchEngine.open(settings, encoder=encoder)
            laps.append(time.monotonic())
            services = cls.with_search(settings, search, database=False)
            services.attach_database(*database.result())
            laps.append(time.monotonic())
        services.warm_on_start = True
        log.info("Sẵn sàng sau %.1f s (mô hình %.1f s, kiểm tra/xây chỉ mục %.1f s, mở chỉ mục %.1f s, "
                 "CSDL %.1f s): %s", time.monotonic() - started, *(b - a for a, b in zip(laps, laps[1:], strict=False)),
                 search.info)
        return services

    @classmethod
    def with_search(cls, settings: Settings, search, *, database: bool = True) -> Services:
        """Services around an already-open search engine (tests, benchmarks)."""
        from knowledge.application.answer.engine import AnswerEngine
        from knowledge.application.answer.numeric import targets_hint

        services = cls(settings=settings, search=search, answers=AnswerEngine(search))
        services.answers.lead_hint = targets_hint(services.targets)
        if database:
            services.attach_database(*open_usage_log(settings))
        return services

    def attach_database(self, db_engine, usage) -> None:
        """Use the question log; commune status questions are answered from the same database."""
        self.db_engine, self.usage = db_engine, usage
        if db_engine is None:
            return
        from knowledge.application.answer.communes import commune_answerer

        self.answers.special = [commune_answerer(db_engine)]

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for (commune names)."""
        for special in self.answers.special:
            warm = getattr(special, "warm_up", None)
            if warm is not None:
                try:
                    warm()
                except Exception:  # noqa: BLE001
                    log.exception("Không nạp sẵn được danh sách xã")

    def targets(self) -> list:
        """Targets extracted at index time (`targets.jsonl` of the published index), reloaded when it changes."""
        path = self._targets_path()
        if path is None or not path.exists():
            return []
        mtime = path.stat().st_mtime
        cached = self._targets
        if cached is None or cached[0] != mtime:
            from knowledge.domain.targets import load_targets

            try:
                cached = self._targets = (mtime, list(load_targets(path)))
            except Exception:  # noqa: BLE001
                log.exception("Không đọc được %s", path)
                return []
        return cached[1]

    def _targets_path(self):
        snapshot = getattr(self.search, "snapshot", None)
        folder = getattr(snapshot, "version_dir", None)
        return folder / "targets.jsonl" if folder is not None else None

    # ------------------------------------------------------------ running work

    async def run(self, fn: Callable, *args: Any) -> Any:
        """Run CPU-bound `fn(*args)` in the answer pool."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    async def ask(self, text: str, chat: Any) -> Answer:
        return await self.run(self._ask, text, chat)

    def _ask(self, text: str, chat: Any) -> Answer:
        self.reload_index_if_changed()
        return self.answers.ask(text, chat)

    def reload_index_if_changed(self, force: bool = False) -> bool:
        """Pick up an index published by `ntm index` or an admin's reindex, without a restart.

        Checked at most every `index_check_every` seconds; the swap is atomic
        in the search engine, so questions in flight finish on the old index.
        """
        now = time.monotonic()
        if not force and now - self._checked_index_at < self.index_check_every:
            return False
        self._checked_index_at = now
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

    async def log_question(self, answer: Answer, *, chat_id: int | None, user_id: int | None,
                           chat_type: str | None, interface: str = "telegram") -> int:
        """Log the question; returns its id (negative when the database is unavailable)."""
        qid = None
        if self.usage is not None:
            try:
                qid = await asyncio.to_thread(
                    self.usage.record_question, question=answer.question, query=answer.query or answer.question,
                    kind=answer.kind, answered=answer.answered, doc_ids=answer.doc_ids,
                    passage_ids=[c.passage_id for c in answer.citations], chat_id=chat_id, user_id=user_id,
                    chat_type=chat_type, interface=interface)
            except Exception:  # noqa: BLE001
                log.exception("Không ghi được câu hỏi vào nhật ký")
        if qid is None:
            with self._lock:
                self._fallback_ids -= 1
                qid = self._fallback_ids
        self.remember(qid, answer)
        return qid

    def remember(self, qid: int, answer: Answer) -> None:
        with self._lock:
            query, ranks = self._recent.get(qid, (answer.query or answer.question, {}))
            ranks.update({c.number: c.passage_id for c in answer.citations})
            self._recent[qid] = (query, ranks)
            self._recent.move_to_end(qid)
            while len(self._recent) > 5000:
                self._recent.popitem(last=False)

    async def query_of(self, qid: int) -> tuple[str | None, dict[int, str]]:
        """The searched query behind a logged question and the passage ids already shown by rank."""
        with self._lock:
            entry = self._recent.get(qid)
        if entry is not None:
            return entry[0], dict(entry[1])
        if self.usage is not None and qid > 0:
            row = await asyncio.to_thread(self.usage.question, qid)
            if row is not None:
                return row.query, {}
        return None, {}

    async def feedback(self, qid: int, user_id: int | None, value: int) -> bool:
        if self.usage is None or qid <= 0:
            return False
        try:
            return await asyncio.to_thread(self.usage.record_feedback, qid, user_id, value)
        except Exception:  # noqa: BLE001
            log.exception("Không ghi được đánh giá")
            return False

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def open_usage_log(settings: Settings) -> tuple[Any, Any]:
    """(engine, UsageLog) with the schema at head; (None, None) when the database is unusable."""
    try:
        from knowledge.domain.db import get_engine
        from knowledge.domain.db.usage import UsageLog

        engine = get_engine(settings.sqlalchemy_url)
        return engine, UsageLog(engine)
    except Exception:  # noqa: BLE001 - the bot answers without its log rather than not at all
        log.exception("Không mở được cơ sở dữ liệu %s: bot vẫn trả lời nhưng không ghi nhật ký",
                      settings.sqlalchemy_url)
        return None, None


def ensure_index(settings: Settings, encoder, progress: Callable[[str, int, int], None] | None = None) -> None:
    """Build the index from the configured sources when it is missing or stale (logged with progress)."""
    from indexer.service import staleness, update_index

    reason = staleness(settings)
    if reason is None:
        return
    log.info("Xây dựng chỉ mục (%s) ...", reason)
    started = time.monotonic()
    report = update_index(settings, encoder=encoder, progress=progress or _log_progress())
    log.info("Chỉ mục xong sau %.1f s: %s", time.monotonic() - started, report)


def _log_progress() -> Callable[[str, int, int], None]:
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 2 or done == total:
            last[0] = now
            log.info("  %s: %d/%d", stage, done, total)

    return progress
