"""Outgoing limiter, per-user throttle and callback data, without a server."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.keyboards import parse
from bot.outgoing import OutgoingLimiter
from bot.throttle import Throttle


class _Calls:
    def __init__(self, *errors):
        self.errors = list(errors)
        self.count = 0

    async def __call__(self):
        self.count += 1
        if self.errors:
            raise self.errors.pop(0)
        return {"ok": True}


async def _process(limiter, callback, chat_id=1):
    return await limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": chat_id}, None)


@pytest.mark.parametrize("error", [RetryAfter(0), NetworkError("Bad Gateway")])
async def test_retries_flood_control_and_transient_errors(error):
    calls = _Calls(error, error)
    assert await _process(OutgoingLimiter(backoff=0.01), calls) == {"ok": True}
    assert calls.count == 3


@pytest.mark.parametrize("error", [BadRequest("Message is not modified"), TimedOut()])
async def test_does_not_retry_what_may_not_be_repeated(error):
    calls = _Calls(error)
    with pytest.raises(type(error)):
        await _process(OutgoingLimiter(backoff=0.01), calls)
    assert calls.count == 1


async def test_gives_up_after_max_retries():
    calls = _Calls(*[NetworkError("Bad Gateway")] * 5)
    with pytest.raises(NetworkError):
        await _process(OutgoingLimiter(max_retries=2, backoff=0.01), calls)
    assert calls.count == 3


def test_throttle_bursts_then_paces():
    """The per-person bucket; the one notice per stretch is bot.question_queue's (tests/bot/test_question_queue.py)."""
    now = [0.0]
    throttle = Throttle(burst=2, every=10, clock=lambda: now[0])
    bucket = throttle.bucket(7)
    assert [bucket.take() for _ in range(3)] == [True, True, False] and bucket.wait() == 10
    assert throttle.bucket(8).take()  # others unaffected
    now[0] = 10.0
    assert throttle.bucket(7) is bucket and bucket.take()


def test_callback_data_parsing():
    assert parse("m:12:1").action == "m" and parse("p:12:3").value == 3 and parse("f:12:-").value == -1
    assert parse("junk") is None and parse(None) is None and parse("m:x:1") is None
