"""The one token bucket behind the per-person throttle and the outgoing limiter."""

from __future__ import annotations

import asyncio
import time

from bot.outgoing import OutgoingLimiter
from bot.throttle import Throttle
from bot.token_bucket import TokenBucket


def _bucket(capacity: float, rate: float) -> tuple[TokenBucket, list[float]]:
    now = [0.0]
    return TokenBucket(capacity, rate, clock=lambda: now[0]), now


def test_burst_then_one_per_refill():
    bucket, now = _bucket(3, 0.5)  # three at once, then one every two seconds
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    assert bucket.wait() == 2.0
    now[0] = 1.0
    assert not bucket.take() and bucket.wait() == 1.0
    now[0] = 2.0
    assert bucket.take() and not bucket.take()


def test_refill_stops_at_capacity_and_full_means_idle():
    bucket, now = _bucket(2, 1.0)
    assert bucket.idle
    bucket.take()
    assert not bucket.idle
    now[0] = 100.0  # a long pause earns no more than the burst
    assert bucket.idle and bucket.wait() == 0.0
    assert [bucket.take() for _ in range(3)] == [True, True, False]


def test_per_count_and_period():
    bucket = TokenBucket.per(20, 60.0)
    assert bucket.capacity == 20 and abs(bucket.rate - 1 / 3) < 1e-9


async def test_acquire_waits_for_a_token():
    bucket = TokenBucket(1, 20.0)  # one now, the next 50 ms later
    started = time.monotonic()
    await bucket.acquire()
    assert time.monotonic() - started < 0.04
    await asyncio.wait_for(bucket.acquire(), 2)
    assert time.monotonic() - started >= 0.04


def test_throttle_and_outgoing_limiter_share_the_bucket():
    limiter = OutgoingLimiter(overall_per_second=30, group_per_minute=20)
    assert isinstance(limiter.overall, TokenBucket) and limiter.overall.capacity == 30
    group = limiter._group(-100)
    assert isinstance(group, TokenBucket) and group.capacity == 20 and limiter._group(-100) is group
    now = [0.0]
    throttle = Throttle(burst=1, every=4, clock=lambda: now[0])
    assert isinstance(throttle.bucket(1), TokenBucket) and throttle.bucket(1).take()
    assert not throttle.bucket(1).take() and throttle.bucket(1).wait() == 4
    now[0] = 3.0
    assert throttle.bucket(1).wait() == 1 and throttle.bucket(2).wait() == 0


def test_throttle_forgets_the_least_recent_people_beyond_its_bound():
    now = [0.0]
    throttle = Throttle(burst=1, every=60, max_users=2, clock=lambda: now[0])
    assert throttle.bucket(1).take() and throttle.bucket(2).take() and throttle.bucket(3).take()
    assert throttle.bucket(1).take()  # forgotten: a fresh bucket
    assert not throttle.bucket(3).take()  # remembered
