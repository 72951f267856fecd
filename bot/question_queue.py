"""Questions wait in line per person (chat + user): every one is answered, in the order it was sent.

Why: a person who pastes or forwards several questions at once used to get a
"please wait" notice and lose the rest. Here each person's questions run one
after another (so a follow-up sees the turn before it); the per-person rate
limit (`bot.throttle`) only delays them, with one polite notice per stretch;
and one semaphore caps how many questions are answered at once, so people wait
for each other no longer than that limit makes them. A line is bounded: past
`max_waiting`, the person is told plainly that extra messages were not taken,
and nothing more is taken from them until their line has drained. A line
exists only while it holds questions, so idle people cost nothing.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections import deque
from collections.abc import Callable, Coroutine, Hashable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.throttle import Throttle

log = logging.getLogger(__name__)
MAX_WAITING = 20  # questions one person may have in line (answered or waiting)
POLL = 1.0  # longest sleep between rate-limit checks, so a stopping bot stops waiting soon


class Question(Protocol):
    """One message to answer; the handlers make these from Telegram updates."""

    key: Hashable  # whose line: (chat, user)
    person: int  # whose rate limit: the user

    async def answer(self) -> None: ...

    async def notify_wait(self, seconds: int) -> None:
        """Tell the person their questions will come one by one, every `seconds`."""

    async def failed(self, error: Exception) -> None:
        """Report an error `answer` raised (the line goes on with the next question)."""


class Admission(enum.Enum):
    QUEUED = "queued"
    FULL = "full"  # not taken: tell the person now
    STILL_FULL = "still full"  # not taken; they were told at the first refusal of this stretch


@dataclass
class _Line:
    questions: deque[Question] = field(default_factory=deque)  # the first one is being answered
    taken: int = 0  # questions accepted since the line opened
    warned: bool = False  # the wait notice went out in this stretch
    closed: bool = False  # refused past the cap: take nothing more until drained
    worker: asyncio.Task | None = None


class QuestionQueue:
    def __init__(self, throttle: Throttle, *, concurrency: int, max_waiting: int = MAX_WAITING,
                 spawn: Callable[[Coroutine[Any, Any, None]], asyncio.Task] = asyncio.create_task,
                 hurry: Callable[[], bool] = lambda: False):
        """`spawn` starts a line's worker (the Application's `create_task`, so stopping waits for
        answers); while `hurry()` is true (the bot is stopping) nobody waits for the rate limit."""
        self.throttle = throttle
        self.max_waiting = max_waiting
        self._slots = asyncio.Semaphore(concurrency)
        self._spawn = spawn
        self._hurry = hurry
        self._lines: dict[Hashable, _Line] = {}

    def submit(self, question: Question) -> Admission:
        """Put `question` at the end of its person's line (synchronous: arrival order is kept)."""
        line = self._lines.get(question.key)
        if line is None:
            line = self._lines[question.key] = _Line()
        if line.closed or len(line.questions) >= self.max_waiting:
            first, line.closed = not line.closed, True
            return Admission.FULL if first else Admission.STILL_FULL
        line.questions.append(question)
        line.taken += 1
        if line.worker is None:
            line.worker = self._spawn(self._drain(question.key, line))
        return Admission.QUEUED

    def crowded(self, key: Hashable) -> bool:
        """More than one question in this stretch: replies should quote the question they answer."""
        line = self._lines.get(key)
        return line is not None and line.taken > 1

    async def _drain(self, key: Hashable, line: _Line) -> None:
        try:
            while line.questions:
                question = line.questions[0]
                await self._wait_turn(question, line)
                async with self._slots:
                    try:
                        await question.answer()
                    except Exception as exc:  # noqa: BLE001 - one failure must not lose the rest of the line
                        await _report(question, exc)
                line.questions.popleft()
        finally:
            if self._lines.get(key) is line:
                del self._lines[key]

    async def _wait_turn(self, question: Question, line: _Line) -> None:
        """Take a token from the person's bucket, waiting for it (one notice per stretch)."""
        bucket = self.throttle.bucket(question.person)
        while not bucket.take():
            if self._hurry():
                return
            if not line.warned:
                line.warned = True
                try:
                    await question.notify_wait(max(1, round(self.throttle.every)))
                except Exception:  # noqa: BLE001 - the notice is a courtesy; the answer still comes
                    log.warning("Không gửi được thông báo chờ", exc_info=True)
            await asyncio.sleep(min(bucket.wait(), POLL))


async def _report(question: Question, error: Exception) -> None:
    try:
        await question.failed(error)
    except Exception:  # noqa: BLE001 - the error handler itself failed; log and go on
        log.exception("Lỗi khi báo lỗi cho câu hỏi", exc_info=error)
