"""The object both interfaces receive: the answer engine with its search, database and worker pool.

The bot keeps it in `application.bot_data["services"]`, the console chat
holds it directly; neither builds its own. CPU-bound calls go through `run`
(a worker pool sized to the cores, never the event loop); database calls
through `asyncio.to_thread` so a slow disk cannot hold up searches.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from knowledge.application.answer import Answer, AnswerEngine
from knowledge.application.answer.engine import clean_question
from knowledge.application.answer.numeric import targets_hint
from knowledge.application.render import messages as M
from knowledge.application.runtime.database import NO_DATABASE, Database
from knowledge.application.runtime.loading import IndexReloader, Progress, load_search
from knowledge.application.runtime.questions import AskedQuestions
from knowledge.application.runtime.targets import version_targets

if TYPE_CHECKING:
    from knowledge.settings import Settings

log = logging.getLogger(__name__)


def bundled_answerers(search) -> list:
    """Structured answerers over the data shipped with the code, database or not: the criteria sets
    (a criterion's card lists the passages `search` finds about it)."""
    from knowledge.application.answer.criteria import CriteriaAnswerer

    return [CriteriaAnswerer(search=lambda query, k: search.search(query, k=k))]


@dataclass
class Services:
    settings: Settings
    search: Any  # knowledge.retrieval.search.SearchEngine (or a stand-in with the same methods)
    answers: AnswerEngine
    database: Database = NO_DATABASE
    questions: AskedQuestions = field(default_factory=AskedQuestions)
    executor: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(
        max_workers=os.cpu_count() or 2, thread_name_prefix="answer"))
    warm_on_start: bool = False  # load commune names in the background when the bot starts
    refresh_on_start: bool = False  # the index may be stale: the bot brings it up to date in the background
    index: IndexReloader = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = IndexReloader(self.search)

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, settings: Settings, *, build_index: bool = True, encoder=None,
             progress: Progress | None = None, serve_first: bool = False) -> Services:
        """Prepare the model, build the index if missing or stale, open search and the database.

        The database (schema check) opens in a thread while the model loads: startup
        time is the longer of the two, not their sum. `serve_first` (the bot): build
        nothing now, open the last published index (or none yet, see PreparingSearch)
        and leave the update to the caller, in the background (`refresh_on_start`).
        """
        started = time.monotonic()
        with ThreadPoolExecutor(1, thread_name_prefix="db-open") as opener:
            database = opener.submit(Database.open, settings)
            laps = [time.monotonic()]
            search = load_search(settings, encoder=encoder, build_index=build_index and not serve_first,
                                 progress=progress, laps=laps, missing_ok=serve_first)
            services = cls.with_search(settings, search, database=False)
            services.attach_database(database.result())
            laps.append(time.monotonic())
        services.warm_on_start = True
        services.refresh_on_start = serve_first
        log.info("Sẵn sàng sau %.1f s (mô hình %.1f s, kiểm tra/xây chỉ mục %.1f s, mở chỉ mục %.1f s, "
                 "CSDL %.1f s): %s", time.monotonic() - started, *(b - a for a, b in zip(laps, laps[1:], strict=False)),
                 getattr(search, "info", "chưa có chỉ mục, đang chuẩn bị"))
        return services

    @classmethod
    def with_search(cls, settings: Settings, search, *, database: bool = True) -> Services:
        """Services around an already-open search engine (tests, benchmarks)."""
        answers = AnswerEngine(search, special=bundled_answerers(search))
        services = cls(settings=settings, search=search, answers=answers)
        services.answers.lead_hint = targets_hint(services.targets)
        if database:
            services.attach_database(Database.open(settings))
        return services

    def attach_database(self, database: Database) -> None:
        """Use the question log; commune status questions are answered from the same database,
        and questions are linked against its commune registry."""
        self.database = database
        self.questions.usage = database.usage
        special = database.answerers()
        if special:
            self.answers.special = [*special, *bundled_answerers(self.search)]
            self.answers.registry = next((a.registry for a in special if hasattr(a, "registry")), None)

    @property
    def db_engine(self) -> Any | None:
        return self.database.engine

    @property
    def usage(self) -> Any | None:
        return self.database.usage

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
        """Targets of the index version in use, reloaded when its file changes."""
        return version_targets(self.search)

    # ------------------------------------------------------------ running work

    async def run(self, fn: Callable, *args: Any) -> Any:
        """Run CPU-bound `fn(*args)` in the answer pool."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    async def ask(self, text: str, chat: Any) -> Answer:
        return await self.run(self._ask, text, chat)

    def _ask(self, text: str, chat: Any) -> Answer:
        self.reload_index_if_changed()
        if not getattr(self.search, "ready", True) and not self.reload_index_if_changed(force=True):
            # No index published yet (the first build is running): say so rather than stay silent.
            return Answer("preparing", clean_question(text), message=M.PREPARING)
        return self.answers.ask(text, chat)

    def reload_index_if_changed(self, force: bool = False) -> bool:
        """Pick up an index published by `ntm index` or an admin's reindex (see IndexReloader)."""
        return self.index(force)

    # The bot's buttons and the log: see AskedQuestions.
    async def log_question(self, answer: Answer, *, chat_id: int | None, user_id: int | None,
                           chat_type: str | None, interface: str = "telegram") -> int:
        return await self.questions.log(answer, chat_id=chat_id, user_id=user_id, chat_type=chat_type,
                                        interface=interface)

    def remember(self, qid: int, answer: Answer) -> None:
        self.questions.remember(qid, answer)

    async def query_of(self, qid: int) -> tuple[str | None, dict[int, str]]:
        return await self.questions.query_of(qid)

    async def feedback(self, qid: int, user_id: int | None, value: int) -> bool:
        return await self.questions.feedback(qid, user_id, value)

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
