"""Per-person question rate limit, so one fast typist (or a script) cannot starve everyone else.

A token bucket per user: `burst` questions at once, then one every `every`
seconds. The limit only paces a person's questions (`bot.question_queue`
waits for the token): it never drops one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from cachetools import LRUCache

from bot.token_bucket import TokenBucket


class Throttle:
    def __init__(self, burst: int = 6, every: float = 5.0, max_users: int = 50_000,
                 clock: Callable[[], float] = time.monotonic):
        self.burst = burst
        self.every = every
        self.max_users = max_users
        self.clock = clock
        self._buckets: LRUCache[int, TokenBucket] = LRUCache(maxsize=max_users)  # forgetting one = a full one
        self._lock = threading.Lock()

    def bucket(self, user_id: int) -> TokenBucket:
        """The person's bucket: `take` a token for a question, `wait` for the next."""
        with self._lock:
            bucket = self._buckets.get(user_id)
            if bucket is None:
                bucket = self._buckets[user_id] = TokenBucket(self.burst, 1 / self.every, self.clock)
            return bucket

