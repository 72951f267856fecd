"""Per-person question rate limit, so one fast typist (or a script) cannot starve everyone else.

A token bucket per user: `burst` questions at once, then one every `every`
seconds. The polite notice is sent once per throttled stretch, not for every
message.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from cachetools import LRUCache

from bot.token_bucket import TokenBucket


@dataclass
class _Person:
    bucket: TokenBucket
    warned: bool = False  # told to wait during the current throttled stretch


class Throttle:
    def __init__(self, burst: int = 6, every: float = 5.0, max_users: int = 50_000,
                 clock: Callable[[], float] = time.monotonic):
        self.burst = burst
        self.every = every
        self.max_users = max_users
        self.clock = clock
        self._people: LRUCache[int, _Person] = LRUCache(maxsize=max_users)
        self._lock = threading.Lock()

    def check(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, warn): `warn` is True for the first refused message of a stretch."""
        with self._lock:
            person = self._people.get(user_id)
            if person is None:
                person = self._people[user_id] = _Person(TokenBucket(self.burst, 1 / self.every, self.clock))
            if person.bucket.take():
                person.warned = False
                return True, False
            warn, person.warned = not person.warned, True
            return False, warn

    def wait_seconds(self, user_id: int) -> int:
        with self._lock:
            person = self._people.get(user_id)
        return max(1, round(person.bucket.wait())) if person is not None else 1
