"""Upload jobs: an inbox record taken from "received" to its outcome, across restarts, one build at a time.

The steps, each a state of the job's record (`inbox`):
- `receive`: the file and its caption on disk (received); the bot acknowledges only after this.
- `check`: the content checked as the indexer will read it (`documents.check_document`, treated
  as a black box): checked, or failed with the reason.
- `index`: in the admin index thread, after the builds before it: indexing, then done or failed.
  A job cancelled before its turn (`cancel`, only while received or checked) does nothing then.

One slow job never holds the others forever: its build stops at the next progress report once it
has run `timeout` seconds (`indexing.JobTimeout`), its document is withdrawn (as by /xoa: the file is kept,
/khoiphuc brings it back), and the next job starts. A job that was unfinished at `MAX_INTERRUPTIONS`
starts of the bot (it may be what stops it) is given up the same way, so it cannot keep the bot
from starting. The check is not repeatable from a record (its result is the parsed text), so a
resumed job that had not been stored is checked again; one that had been stored is only indexed.

A commune list (job kind "communes") goes the same way: `check_communes` is its dry run (parsed in
the uploads' child process within `settings.limits`, so a zip bomb is refused there, every row
checked, nothing written), `import_communes` its all-or-nothing import at its turn in the admin
thread. An import killed midway was rolled back by its transaction, so a resumed list is simply
checked and imported again.

A kill between the store's final link and `on_stored` writing the ids (microseconds) leaves a job
in indexing without ids: recovery then looks for its bytes under the uploads folder, so the
document is not stored a second time under another id.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from indexer.readers import DocumentError, read_path
from indexer.readers import Progress as PageProgress
from indexer.service import documents_dir, exclude_document
from knowledge.application.admin.audit import Actor
from knowledge.application.admin.documents import (
    ORIGINALS,
    TEMP_PREFIX,
    CheckedDocument,
    UploadRejected,
    check_document,
)
from knowledge.application.admin.inbox import CANCELLABLE, Inbox, Job
from knowledge.application.admin.indexing import JobTimeout, Progress
from knowledge.application.admin.service import AdminService, DocumentOutcome
from knowledge.errors import NtmError

log = logging.getLogger(__name__)
MAX_INTERRUPTIONS = 3


class CommunesRejected(NtmError):  # noqa: N818 - an outcome, told to the admin
    """A commune list with a bad file or bad rows: `result` says which (nothing was written)."""

    def __init__(self, result):
        super().__init__(str(result.errors[0]) if result.errors else "danh sách không hợp lệ")
        self.result = result


class UploadTimedOut(NtmError):  # noqa: N818 - an outcome, told to the admin
    def __init__(self, job: Job, seconds: float, withdrawn: list[str]):
        super().__init__(f"quá {seconds:.0f} giây")
        self.job, self.seconds, self.withdrawn = job, seconds, withdrawn


@dataclass(frozen=True)
class Cancelled:
    """What `cancel` found: the job (None: no such id) and whether it is now cancelled."""

    job: Job | None
    done: bool


def with_deadline(progress: Progress, seconds: float, clock: Callable[[], float] = time.monotonic) -> Progress:
    """`progress` that raises JobTimeout once `seconds` have passed, except at a build's last report
    ("write" done: the index is published by then, and the upload is in it)."""
    deadline = clock() + seconds

    def limited(stage: str, done: int, total: int) -> None:
        progress(stage, done, total)
        if clock() > deadline and not (stage == "write" and total and done == total):
            raise JobTimeout()

    return limited


def _since(iso: str) -> float:
    """Seconds since an inbox timestamp (0 for one that cannot be read)."""
    try:
        then = datetime.fromisoformat(iso)
    except ValueError:
        return 0.0
    return max(0.0, (datetime.now(UTC) - then).total_seconds())


class UploadJobs:
    def __init__(self, service: AdminService, inbox: Inbox, *, timeout: float):
        self.service = service
        self.inbox = inbox
        self.timeout = timeout
        self._cancelled: dict[int, asyncio.Event] = {}

    # ------------------------------------------------------------ steps

    def receive(self, data: bytes, file_name: str, caption: str | None, actor: Actor,
                chat_id: int | None, kind: str = "document") -> Job:
        """Blocking (call from a thread): the upload is durable when this returns."""
        return self.inbox.create(data, file_name, sha256=hashlib.sha256(data).hexdigest(), actor=actor,
                                 caption=caption, chat_id=chat_id, kind=kind)

    async def check(self, job: Job, progress: PageProgress | None = None) -> CheckedDocument | None:
        """The checked document; None when the job was cancelled meanwhile. UploadRejected: failed.
        `progress(done, total)` hears of slow steps (OCR pages), from the checking thread."""
        data = await asyncio.to_thread(self.inbox.upload, job)
        try:
            checked = await asyncio.wait_for(asyncio.to_thread(check_document, data, job.file_name, job.caption,
                                                               limits=self.service.settings.limits,
                                                               progress=progress),
                                             self.timeout)
        except TimeoutError:
            reason = f"Kiểm tra tệp quá {self.timeout:.0f} giây nên đã dừng."
            if job.state == "cancelled":
                return None
            await self._reject(job, reason)
            raise UploadRejected(reason) from None
        except UploadRejected as exc:
            if job.state == "cancelled":
                return None
            await self._reject(job, str(exc))
            raise
        if not await asyncio.to_thread(self.inbox.advance, job, CANCELLABLE, "checked"):
            return None
        return checked

    async def index(self, job: Job, checked: CheckedDocument | None) -> DocumentOutcome | None:
        """Store (unless the job already did) and build, after the builds before it.

        None when the job was cancelled before its turn (its turn then does nothing).
        UploadTimedOut after the time limit; UploadRejected when storing refused it (an id taken)."""
        task = await self._at_turn(job, "upload", lambda p: self._index(job, checked, p))
        if task is None:
            return None
        try:
            outcome = task.result()
        except JobTimeout:
            withdrawn = await asyncio.to_thread(self._withdraw, job, "upload.timeout",
                                                f"quá thời gian ({self.timeout:.0f} giây)")
            raise UploadTimedOut(job, self.timeout, withdrawn) from None
        except BaseException as exc:
            await asyncio.to_thread(self.inbox.finish, job, "failed", str(exc))
            raise
        if outcome is None:
            return None
        # The admin's "sau N giây" counts from the file's receipt: the check (OCR of a scan, minutes)
        # and the wait behind other jobs are part of what they waited for, not only the build.
        outcome.seconds = max(outcome.seconds, _since(job.created_at))
        await asyncio.to_thread(self._record_outcome, job, outcome)
        return outcome

    async def check_communes(self, job: Job):
        """The dry run of a commune list: its ImportResult (nothing written); None when the job was
        cancelled meanwhile. CommunesRejected (bad file or rows) and UploadRejected (no database): failed."""
        data = await asyncio.to_thread(self.inbox.upload, job)
        try:
            result = await asyncio.to_thread(self.service.import_communes, data, job.file_name, job.who,
                                             dry_run=True)
        except UploadRejected as exc:
            await asyncio.to_thread(self.inbox.finish, job, "failed", str(exc))
            raise
        if job.state == "cancelled":
            return None
        if not result.ok:
            await asyncio.to_thread(self.inbox.finish, job, "failed", _rejection(result))
            raise CommunesRejected(result)
        if not await asyncio.to_thread(self.inbox.advance, job, CANCELLABLE, "checked"):
            return None
        return result

    async def import_communes(self, job: Job):
        """The import of a checked commune list at its turn in the admin thread: its ImportResult,
        or None when the job was cancelled before its turn."""
        task = await self._at_turn(job, "communes", lambda _progress: self._import_communes(job))
        if task is None:
            return None
        try:
            result = task.result()
        except BaseException as exc:
            await asyncio.to_thread(self.inbox.finish, job, "failed", str(exc))
            raise
        if result is None:
            return None
        if result.ok:
            outcome = f"{result.rows} dòng: thêm {result.added}, không đổi {result.unchanged}, thay {result.replaced}"
            await asyncio.to_thread(self.inbox.finish, job, "done", outcome)
        else:  # the rows changed meanwhile? the database refused: said as the dry run would
            await asyncio.to_thread(self.inbox.finish, job, "failed", _rejection(result))
        return result

    async def fail(self, job: Job, reason: str) -> None:
        """An unexpected error ended the job (its file unreadable...): failed, not resumed again."""
        if job.pending:
            await asyncio.to_thread(self.inbox.finish, job, "failed", reason)

    async def cancel(self, job_id: int, actor: Actor) -> Cancelled:
        job = self.inbox.get(job_id)
        if job is None:
            return Cancelled(None, False)
        done = await asyncio.to_thread(self.inbox.advance, job, CANCELLABLE, "cancelled",
                                       result=f"hủy bởi {actor.label}")
        if done:
            await asyncio.to_thread(self.inbox.finish, job, "cancelled", job.result)
            await asyncio.to_thread(self.service.audit.record, actor, "upload.cancel", job.file_name[:255],
                                    {"job": job.id})
            event = self._cancelled.get(job.id)
            if event is not None:
                event.set()
        return Cancelled(job, done)

    def recover(self) -> list[Job]:
        """At start (blocking): the unfinished jobs to resume, oldest first; those unfinished at too
        many starts are given up (failed, their document withdrawn) before anything is built."""
        resumable = []
        for job in self.inbox.pending():
            # Not stored yet: checked again from the start. Stored: only its build is left.
            if job.kind == "document" and job.state == "indexing" and not job.doc_ids and (
                    found := self._already_stored(job)):
                self.inbox.update(job, doc_ids=found[0], stored_as=found[1])
            state = "indexing" if job.state == "indexing" and job.doc_ids else "received"
            self.inbox.update(job, state=state, interrupted=job.interrupted + 1)
            if job.interrupted >= MAX_INTERRUPTIONS:
                log.warning("Bỏ tệp tải lên #%s (%s): chưa xong sau %s lần khởi động", job.id, job.file_name,
                            job.interrupted)
                self._withdraw(job, "upload.abandon",
                               f"bot dừng giữa chừng {job.interrupted} lần khi đang xử lý tệp này")
                continue
            resumable.append(job)
        return resumable

    # ------------------------------------------------------------ internals

    async def _at_turn(self, job: Job, kind: str, work: Callable[[Progress], object]) -> asyncio.Future | None:
        """`work` submitted to the admin runner, awaited until it ends or /huy cancels the job while it
        waits (None then: its turn comes, finds the job cancelled and does nothing)."""
        event = self._cancelled.setdefault(job.id, asyncio.Event())
        task = asyncio.ensure_future(self.service.runner.submit(kind, work))
        waiter = asyncio.ensure_future(event.wait())
        try:
            await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
            self._cancelled.pop(job.id, None)
        return task if task.done() else None

    def _import_communes(self, job: Job):
        """In the admin thread, at the job's turn."""
        if not self.inbox.advance(job, CANCELLABLE, "indexing"):
            return None  # cancelled while waiting
        return self.service.import_communes(self.inbox.upload(job), job.file_name, job.who)

    def _index(self, job: Job, checked: CheckedDocument | None, progress: Progress) -> DocumentOutcome | None:
        """In the index thread, at the job's turn."""
        if job.state == "indexing" and job.doc_ids:  # stored before a stop: build only
            limited = with_deadline(progress, self.timeout)
            return self.service.index_stored(job.file_name, job.doc_ids, job.stored_as, job.who, limited)
        if not self.inbox.advance(job, CANCELLABLE, "indexing"):
            return None  # cancelled while waiting
        assert checked is not None, "a job not yet stored is checked first"
        limited = with_deadline(progress, self.timeout)

        def stored(doc_ids: list[str], stored_as: str) -> None:
            self.inbox.update(job, doc_ids=list(doc_ids), stored_as=stored_as)

        return self.service.store_and_index(checked, job.who, limited, on_stored=stored)

    def _already_stored(self, job: Job) -> tuple[list[str], str] | None:
        """(doc_ids, stored_as) of the file a job killed while storing left under documents/, if any."""
        root = documents_dir(self.service.settings)
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            if not path.is_file() or path.name.startswith(TEMP_PREFIX) or path.stat().st_size != job.size:
                continue
            with path.open("rb") as fh:
                if hashlib.file_digest(fh, "sha256").hexdigest() != job.sha256:
                    continue
            if ORIGINALS in path.relative_to(root).parts:
                if not (root / f"{path.stem}.jsonl").exists():
                    path.unlink()  # its indexed copy (the commit point) was never written: not stored
                    continue
                ids = [path.stem]
            elif path.suffix == ".jsonl":
                try:
                    ids = [d.doc_id for d in read_path(path)]
                except DocumentError:
                    continue
            else:
                ids = [path.stem]
            return ids, str(path.relative_to(self.service.settings.data_dir))
        return None

    def _record_outcome(self, job: Job, outcome: DocumentOutcome) -> None:
        ids = ", ".join(d.doc_id for d in outcome.documents) or ", ".join(job.doc_ids)
        if outcome.status == "pending":
            self.inbox.finish(job, "failed", f"đã lưu, chưa lập chỉ mục được: {outcome.error or ''}")
        elif outcome.status == "duplicate":
            self.inbox.finish(job, "done", f"đã có trong kho ({ids})")
        else:
            self.inbox.finish(job, "done", f"{'khôi phục' if outcome.status == 'restored' else 'thêm'} {ids}")

    def _withdraw(self, job: Job, action: str, reason: str) -> list[str]:
        """Give a job up: what it stored but the index does not hold yet is excluded (kept on disk)."""
        indexed = self.service.indexed()
        withdrawn = [i for i in job.doc_ids if i not in indexed]
        for doc_id in withdrawn:
            exclude_document(self.service.settings, doc_id)
        self.service.audit.record(job.who, action, job.file_name[:255],
                                  {"job": job.id, "reason": reason, "withdrawn": withdrawn}, ok=False)
        self.inbox.finish(job, "failed", reason + (f"; đã gỡ {', '.join(withdrawn)}" if withdrawn else ""))
        return withdrawn

    async def _reject(self, job: Job, reason: str) -> None:
        await asyncio.to_thread(self.service.audit.record, job.who, "document.reject", job.file_name[:255], reason,
                                ok=False)
        await asyncio.to_thread(self.inbox.finish, job, "failed", reason)


def _rejection(result) -> str:
    """One line for /hangdoi: how many rows are bad and the first reason."""
    bad = [e for e in result.errors if e.row is not None]
    first = str(result.errors[0]) if result.errors else ""
    return f"{len(bad)} dòng lỗi; {first}" if bad else first
