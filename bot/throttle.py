"""Per-person question rate limit, so one fast typist (or a script) cannot starve everyone else.

A token bucket per user: `burst` questions at once, then one every `every`
seconds. The polite notice is sent once per throttled stretch, not for every
message.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class Throttle:
    def __init__(self, burst: int = 6, every: float = 5.0, max_users: int = 50_000,
                 clock: Callable[[], float] = time.monotonic):
        self.burst = burst
        self.every = every
        self.max_users = max_users
        self.clock = clock
        self._state: OrderedDict[int, tuple[float, float, bool]] = OrderedDict()  # tokens, time, warned
        self._lock = threading.Lock()

    def check(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, warn): `warn` is True for the first refused message of a stretch."""
        now = self.clock()
        with self._lock:
            tokens, then, warned = self._state.get(user_id, (float(self.burst), now, False))
            tokens = min(float(self.burst), tokens + (now - then) / self.every)
            if tokens >= 1:
                self._store(user_id, (tokens - 1, now, False))
                return True, False
            self._store(user_id, (tokens, now, True))
            return False, not warned

    def wait_seconds(self, user_id: int) -> int:
        with self._lock:
            tokens, _, _ = self._state.get(user_id, (float(self.burst), 0.0, False))
        return max(1, round((1 - tokens) * self.every))

    def _store(self, user_id: int, value: tuple[float, float, bool]) -> None:
        self._state[user_id] = value
        self._state.move_to_end(user_id)
        while len(self._state) > self.max_users:
            self._state.popitem(last=False)
