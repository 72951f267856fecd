"""Outgoing Bot API requests: stay under Telegram's flood limits and retry what is retryable.

Why our own `BaseRateLimiter` rather than PTB's AIORateLimiter: that one
needs the `aiolimiter` extra and only retries flood control (429). Replies
must also survive a transient 5xx/connection error, so both live here, in
the one place every request passes through.
- 429 `retry_after`: every request pauses for that long, then retries.
- 5xx and connection errors (not 400s, not timeouts, which may have been
  delivered): retried with a short backoff.
- Throughput: ~30 messages/s overall and 20/min per group, Telegram's limits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

from bot.token_bucket import TokenBucket

log = logging.getLogger(__name__)


class OutgoingLimiter(BaseRateLimiter[int]):
    def __init__(self, overall_per_second: float = 30, group_per_minute: float = 20,
                 max_retries: int = 3, backoff: float = 0.5):
        self.overall = TokenBucket.per(overall_per_second, 1.0)
        self.group_per_minute = group_per_minute
        self.max_retries = max_retries
        self.backoff = backoff
        self._groups: dict[int | str, TokenBucket] = {}
        self._open = asyncio.Event()
        self._open.set()

    async def initialize(self) -> None:
        self._open.set()

    async def shutdown(self) -> None:
        self._open.set()

    def _group(self, chat_id: int | str) -> TokenBucket:
        if len(self._groups) > 1000:  # forget full buckets (a new one is the same), never one in use
            self._groups = {k: b for k, b in self._groups.items() if not b.idle}
        bucket = self._groups.get(chat_id)
        if bucket is None:
            bucket = self._groups[chat_id] = TokenBucket.per(self.group_per_minute, 60.0)
        return bucket

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict | list[dict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict | list[dict]:
        chat_id = data.get("chat_id")
        retries = self.max_retries if rate_limit_args is None else rate_limit_args
        attempt = 0
        while True:
            await self._open.wait()
            if chat_id is not None:
                if _is_group(chat_id) and endpoint.startswith(("send", "copy", "forward")):
                    await self._group(chat_id).acquire()
                await self.overall.acquire()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt >= retries:
                    raise
                delay = _seconds(exc.retry_after) + 0.1
                log.warning("Flood control on %s: pausing all requests for %.1f s", endpoint, delay)
                self._open.clear()
                try:
                    await asyncio.sleep(delay)
                finally:
                    self._open.set()
            except (BadRequest, TimedOut):
                raise
            except NetworkError as exc:
                if attempt >= retries:
                    raise
                delay = self.backoff * (2 ** attempt)
                log.warning("Transient error on %s (%s): retrying in %.1f s", endpoint, exc, delay)
                await asyncio.sleep(delay)
            attempt += 1


def _is_group(chat_id: int | str) -> bool:
    try:
        return int(chat_id) < 0
    except (TypeError, ValueError):
        return True  # @channelusername


def _seconds(value: Any) -> float:
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)
