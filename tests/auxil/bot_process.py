"""A `python -m bot` subprocess for the tests that kill it (SIGKILL) and start it again on the same data.

Shared by the reindex, inbox and serve-first end-to-end tests (tests/e2e/); the environment comes
from `bot_harness.subprocess_env`.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

from tests.auxil.paths import REPO


def start_bot(env: dict, log: Path) -> subprocess.Popen:
    with log.open("a") as out:
        return subprocess.Popen([sys.executable, "-m", "bot"], cwd=REPO, env=env, stdout=out,
                                stderr=subprocess.STDOUT)


async def until(predicate, timeout: float, what: str):
    """Poll `predicate` (files on disk: the fake server is not told about those) until it is truthy."""
    async def loop():
        while not (value := predicate()):
            await asyncio.sleep(0.2)
        return value
    try:
        return await asyncio.wait_for(loop(), timeout)
    except TimeoutError:
        raise TimeoutError(f"no {what} within {timeout} s") from None


async def kill(process: subprocess.Popen) -> None:
    """kill -9, as a crash or an OOM killer would."""
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    await asyncio.to_thread(process.wait, 30)


async def stop(process: subprocess.Popen) -> None:
    """A normal stop (SIGINT), or a kill when it does not come within a minute."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            await asyncio.to_thread(process.wait, 60)
        except subprocess.TimeoutExpired:
            process.kill()
            await asyncio.to_thread(process.wait, 10)
