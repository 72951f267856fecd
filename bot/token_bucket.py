"""The one token bucket behind both rate limits: questions per person (`bot.throttle`) and
requests to Telegram (`bot.outgoing`).

`capacity` tokens at most, refilled at `rate` per second; each action takes
one. `take` answers at once (refuse the question), `acquire` waits for a
token (send the message a little later). A full bucket is the same as a new
one, which is what lets both users forget idle buckets.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable


class TokenBucket:
    def __init__(self, capacity: float, rate: float, clock: Callable[[], float] = time.monotonic):
        self.capacity = float(capacity)
        self.rate = rate
        self.clock = clock
        self._tokens = self.capacity
        self._updated = clock()
        self._lock = threading.Lock()
        self._waiters = asyncio.Lock()  # `acquire` callers, served in arrival order

    @classmethod
    def per(cls, count: float, seconds: float, clock: Callable[[], float] = time.monotonic) -> TokenBucket:
        """`count` actions per `seconds`, in a burst of up to `count`."""
        return cls(count, count / seconds, clock)

    def take(self) -> bool:
        """Take a token if there is one."""
        with self._lock:
            self._refill()
            if self._tokens >= 1:
                self._tokens -= 1
                return True
            return False

    def wait(self) -> float:
        """Seconds until a token is there (0 when one is)."""
        with self._lock:
            self._refill()
            return max(0.0, (1 - self._tokens) / self.rate)

    @property
    def idle(self) -> bool:
        """Full again: forgetting the bucket changes nothing."""
        with self._lock:
            self._refill()
            return self._tokens >= self.capacity

    async def acquire(self) -> None:
        """Wait for a token and take it."""
        async with self._waiters:
            while not self.take():
                await asyncio.sleep(self.wait())

    def _refill(self) -> None:
        now = self.clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
        self._updated = now
