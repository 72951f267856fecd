"""Asked questions: written to the usage log, and what each answer showed kept for its buttons.

A button ("thêm", a citation, 👍/👎) carries only the question's id; the
searched query and the passage shown at each rank are remembered here (the
newest few thousand), else read back from the log after a restart. Without
a database the ids are negative and the memory is all there is.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from cachetools import LRUCache

from knowledge.application.answer.model import Answer

log = logging.getLogger(__name__)


@dataclass
class Shown:
    """What one logged question showed: its searched query and the passage id at each rank."""

    query: str
    ranks: dict[int, str] = field(default_factory=dict)


class AskedQuestions:
    def __init__(self, usage: Any | None = None, remembered: int = 5000):
        self.usage = usage  # knowledge.domain.db.usage.UsageLog, or None
        self._shown: LRUCache[int, Shown] = LRUCache(maxsize=remembered)
        self._fallback_ids = 0
        self._lock = threading.Lock()

    def record(self, answer: Answer, *, chat_id: int | None = None, user_id: int | None = None,
               chat_type: str | None = None, interface: str = "telegram") -> int | None:
        """Write the question to the usage log (synchronous; raises what the database raises).
        None without a usage log."""
        if self.usage is None:
            return None
        return self.usage.record_question(
            question=answer.question, query=answer.query or answer.question, kind=answer.kind,
            answered=answer.answered, doc_ids=answer.doc_ids, passage_ids=[c.passage_id for c in answer.citations],
            chat_id=chat_id, user_id=user_id, chat_type=chat_type, interface=interface)

    async def log(self, answer: Answer, *, chat_id: int | None, user_id: int | None, chat_type: str | None,
                  interface: str = "telegram") -> int:
        """Log the question and remember what it showed; returns its id (negative without the database)."""
        qid = None
        if self.usage is not None:
            try:
                qid = await asyncio.to_thread(self.record, answer, chat_id=chat_id, user_id=user_id,
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
        """Add the passages `answer` showed (a later page adds its ranks to the first page's)."""
        with self._lock:
            shown = self._shown.get(qid) or Shown(answer.query or answer.question)
            shown.ranks.update({c.number: c.passage_id for c in answer.citations})
            self._shown[qid] = shown

    async def query_of(self, qid: int) -> tuple[str | None, dict[int, str]]:
        """The searched query behind a logged question and the passage ids already shown by rank."""
        with self._lock:
            shown = self._shown.get(qid)
        if shown is not None:
            return shown.query, dict(shown.ranks)
        if self.usage is not None and qid > 0:
            row = await asyncio.to_thread(self.usage.question, qid)
            if row is not None:
                return row.query, {}
        return None, {}

    async def feedback(self, qid: int, user_id: int | None, value: int) -> bool:
        """Store 👍/👎 for a logged question; False when it cannot be stored."""
        if self.usage is None or qid <= 0:
            return False
        try:
            return await asyncio.to_thread(self.usage.record_feedback, qid, user_id, value)
        except Exception:  # noqa: BLE001
            log.exception("Không ghi được đánh giá")
            return False
