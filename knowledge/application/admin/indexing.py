"""Index rebuilds for admin actions: one at a time, off the event loop, with live progress.

`IndexRunner` runs one job at a time off the event loop: uploads and removals queue
behind a running build (their file is already safe on disk), while an
explicit `/reindex` is refused when anything is running or queued, so the
admin hears "one is running" instead of waiting blind. Questions keep being
answered meanwhile from the published index; `update_index` publishes the
new one with an atomic swap, and `after_publish` makes the search engine
switch to it.

A build held by another process (`ntm index`) raises `IndexBusy`; `rebuild`
waits for it a while, since the admin's change is already stored and only
needs a build to become answerable.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.build import BuildReport, IndexBusy
from indexer.service import configured_sources, documents_dir, remember_sources, update_index
from knowledge.errors import NtmError, UserError
from knowledge.settings import Settings

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
STAGES = {"wait": "Chờ lần lập chỉ mục khác", "read": "Đọc tài liệu", "split": "Tách đoạn",
          "embed": "Nhúng vector", "write": "Ghi chỉ mục"}


class JobTimeout(NtmError):  # noqa: N818 - like TimeoutError, a stop rather than a fault
    """Raised from a build's progress callback when the job's time is up (`jobs.with_deadline`): the
    build unwinds (its lock released, its staging folder left for the next build to remove), and
    the service lets it through instead of reporting "stored, indexed later"."""


class RunnerBusy(UserError, RuntimeError):
    def __init__(self, state: JobState | None):
        super().__init__("Đang có một lần lập chỉ mục chạy.")
        self.state = state


@dataclass
class JobState:
    kind: str  # reindex, reindex-full, upload, remove, restore, merge
    started: float
    stage: str = "read"
    done: int = 0
    total: int = 0

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


def ensure_documents_source(settings: Settings) -> None:
    """Make sure uploads are among the index sources before one is stored.

    `ntm index PATH` saves its paths as the sources; without this, a document
    stored by an admin would never be indexed, nor rebuilt after a kill.
    """
    sources = configured_sources(settings)
    folder = documents_dir(settings).resolve()
    if not any(Path(s).resolve() == folder for s in sources):
        remember_sources(settings, [*sources, folder])


def rebuild(settings: Settings, *, full: bool = False, merge: bool = False, encoder=None,
            progress: Progress | None = None, wait_for_other: float = 120.0) -> BuildReport:
    """Incremental (or full, or merging: `update_index`) build of the configured sources plus the uploads folder."""
    progress = progress or (lambda stage, done, total: None)
    ensure_documents_source(settings)
    deadline = time.monotonic() + wait_for_other
    while True:
        try:
            progress("read", 0, 0)
            return update_index(settings, full=full, merge=merge, encoder=encoder, progress=progress)
        except IndexBusy:
            if time.monotonic() >= deadline:
                raise
            progress("wait", 0, 0)
            time.sleep(2.0)


class IndexRunner:
    """Runs index jobs one at a time in daemon threads (a stop never waits for a build: publishing is
    atomic, and a build cut short is cleaned up by the next one)."""

    def __init__(self) -> None:
        self._serial = threading.Lock()  # held by the running job
        self._lock = threading.Lock()  # guards _pending
        self._pending = 0
        self._state: JobState | None = None

    @property
    def busy(self) -> bool:
        return self._pending > 0

    @property
    def state(self) -> JobState | None:
        return self._state

    async def submit(self, kind: str, job: Callable[[Progress], Any], *, exclusive: bool = False) -> Any:
        """Run `job(progress)` in the index thread, after the jobs before it.

        `exclusive`: refuse with RunnerBusy instead of queueing.
        """
        with self._lock:
            if exclusive and self._pending:
                raise RunnerBusy(self._state)
            self._pending += 1
        loop = asyncio.get_running_loop()
        future = loop.create_future()

        def work() -> None:
            with self._serial:
                try:
                    outcome = (True, self._run(kind, job))
                except BaseException as exc:  # noqa: BLE001 - handed to the awaiting coroutine
                    outcome = (False, exc)
            try:
                loop.call_soon_threadsafe(_settle, future, outcome)
            except RuntimeError:  # the loop is gone (shutdown); the work itself is done
                pass

        try:
            threading.Thread(target=work, name=f"admin-index-{kind}", daemon=True).start()
            return await future
        finally:
            with self._lock:
                self._pending -= 1

    def later(self, kind: str, job: Callable[[Progress], Any]) -> threading.Thread:
        """Run `job(progress)` after the jobs before it without anyone awaiting it (the merge of
        upload segments): callable from any thread, its failure only logged. Counted as pending,
        so an explicit /reindex is told one is running meanwhile."""
        with self._lock:
            self._pending += 1

        def work() -> None:
            try:
                with self._serial:
                    self._run(kind, job)
            except Exception:  # noqa: BLE001 - nobody awaits it; the next build does the same work
                log.exception("Công việc nền %s thất bại", kind)
            finally:
                with self._lock:
                    self._pending -= 1

        thread = threading.Thread(target=work, name=f"admin-index-{kind}", daemon=True)
        thread.start()
        return thread

    def _run(self, kind: str, job: Callable[[Progress], Any]) -> Any:
        state = self._state = JobState(kind, time.monotonic())

        def progress(stage: str, done: int, total: int) -> None:
            state.stage, state.done, state.total = stage, done, total

        try:
            return job(progress)
        finally:
            self._state = None


def _settle(future: asyncio.Future, outcome: tuple[bool, Any]) -> None:
    if future.done():
        return
    ok, value = outcome
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)
