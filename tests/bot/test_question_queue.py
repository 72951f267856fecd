"""Each person's questions in order, paced by the rate limit, never dropped; bounded; people independent."""

from __future__ import annotations

import asyncio

from bot.question_queue import Admission, QuestionQueue
from bot.throttle import Throttle


class _Question:
    def __init__(self, log: list, text: str, person: int = 1, chat: int = 1, gate: asyncio.Event | None = None,
                 error: Exception | None = None):
        self.log, self.text, self.person, self.key = log, text, person, (chat, person)
        self.gate, self.error = gate, error

    async def answer(self) -> None:
        self.log.append(("start", self.text))
        if self.gate is not None:
            await self.gate.wait()
        if self.error is not None:
            raise self.error
        self.log.append(("answer", self.text))

    async def notify_wait(self, seconds: int) -> None:
        self.log.append(("notice", seconds))

    async def failed(self, error: Exception) -> None:
        self.log.append(("failed", self.text, str(error)))


def _queue(throttle: Throttle | None = None, **kw) -> tuple[QuestionQueue, list[asyncio.Task]]:
    tasks: list[asyncio.Task] = []

    def spawn(coroutine):
        tasks.append(task := asyncio.create_task(coroutine))
        return task

    return QuestionQueue(throttle or Throttle(burst=100), spawn=spawn, **{"concurrency": 8, **kw}), tasks


async def _settle(tasks: list[asyncio.Task], timeout: float = 5) -> None:
    await asyncio.wait_for(asyncio.gather(*tasks), timeout)


def _answers(log: list) -> list[str]:
    return [entry[1] for entry in log if entry[0] == "answer"]


async def test_a_burst_is_answered_in_order_with_one_notice():
    log: list = []
    queue, tasks = _queue(Throttle(burst=2, every=0.05))
    texts = [f"q{i}" for i in range(6)]
    assert [queue.submit(_Question(log, t)) for t in texts] == [Admission.QUEUED] * 6
    await _settle(tasks)
    assert _answers(log) == texts
    notices = [i for i, entry in enumerate(log) if entry[0] == "notice"]
    assert len(notices) == 1 and log[notices[0]] == ("notice", 1)
    assert _answers(log[:notices[0]]) == ["q0", "q1"]  # the burst's allowance first, then the notice


async def test_the_rate_limit_delays_and_the_next_stretch_gets_its_own_notice():
    log: list = []
    queue, tasks = _queue(Throttle(burst=1, every=0.1))
    loop = asyncio.get_running_loop()
    started = loop.time()
    for t in ("a", "b", "c"):
        queue.submit(_Question(log, t))
    await _settle(tasks)
    assert _answers(log) == ["a", "b", "c"] and loop.time() - started >= 0.15  # two waits of ~0.1 s
    queue.submit(_Question(log, "d"))  # a new stretch, the bucket still empty
    await _settle(tasks)
    assert _answers(log)[-1] == "d" and [e[0] for e in log].count("notice") == 2


async def test_past_the_cap_the_person_is_told_once_until_the_line_drains():
    log: list = []
    gate = asyncio.Event()
    queue, tasks = _queue(max_waiting=3)
    admissions = [queue.submit(_Question(log, f"q{i}", gate=gate)) for i in range(6)]
    assert admissions == [Admission.QUEUED] * 3 + [Admission.FULL, Admission.STILL_FULL, Admission.STILL_FULL]
    await asyncio.sleep(0.01)
    assert queue.submit(_Question(log, "late", gate=gate)) is Admission.STILL_FULL  # closed until drained
    gate.set()
    await _settle(tasks)
    assert _answers(log) == ["q0", "q1", "q2"]
    assert queue.submit(_Question(log, "again")) is Admission.QUEUED  # drained: a new stretch
    await _settle(tasks)
    assert _answers(log)[-1] == "again"


async def test_a_failing_question_is_reported_and_the_line_goes_on():
    log: list = []
    queue, tasks = _queue()
    queue.submit(_Question(log, "a"))
    queue.submit(_Question(log, "b", error=RuntimeError("boom")))
    queue.submit(_Question(log, "c"))
    await _settle(tasks)
    assert _answers(log) == ["a", "c"] and ("failed", "b", "boom") in log


async def test_people_do_not_wait_for_each_other():
    log: list = []
    gate = asyncio.Event()
    queue, tasks = _queue(Throttle(burst=1, every=60))
    queue.submit(_Question(log, "slow", person=1, gate=gate))
    queue.submit(_Question(log, "paced", person=1))  # person 1's bucket is empty: waits a minute
    queue.submit(_Question(log, "other", person=2))
    await asyncio.wait_for(_until(lambda: "other" in _answers(log)), 2)
    assert "paced" not in _answers(log) and ("start", "paced") not in log
    gate.set()
    for task in tasks:
        task.cancel()


async def test_the_global_limit_caps_answers_in_progress():
    log: list = []
    gate = asyncio.Event()
    queue, tasks = _queue(concurrency=2)
    for person in range(4):
        queue.submit(_Question(log, f"p{person}", person=person, gate=gate))
    await asyncio.sleep(0.05)
    assert [e[0] for e in log].count("start") == 2
    gate.set()
    await _settle(tasks)
    assert sorted(_answers(log)) == ["p0", "p1", "p2", "p3"]


async def test_a_stopping_bot_answers_what_waits_without_pacing():
    log: list = []
    stopping = [False]
    queue, tasks = _queue(Throttle(burst=1, every=60), hurry=lambda: stopping[0])
    for t in ("a", "b", "c"):
        queue.submit(_Question(log, t))
    await asyncio.wait_for(_until(lambda: ("notice", 60) in log), 2)
    stopping[0] = True
    await _settle(tasks, timeout=3)
    assert _answers(log) == ["a", "b", "c"]


async def test_crowded_while_a_person_has_several_questions():
    log: list = []
    queue, tasks = _queue()
    seen = {}

    class Seeing(_Question):
        async def answer(self) -> None:
            seen[self.text] = queue.crowded(self.key)

    queue.submit(Seeing(log, "alone"))
    await _settle(tasks)
    queue.submit(Seeing(log, "first"))
    queue.submit(Seeing(log, "second"))
    await _settle(tasks)
    assert seen == {"alone": False, "first": True, "second": True}
    assert not queue.crowded((1, 1))


async def _until(predicate) -> None:
    while not predicate():
        await asyncio.sleep(0.005)
