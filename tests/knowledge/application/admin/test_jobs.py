"""Upload jobs without Telegram or a model: checked, queued, cancelled, timed out, recovered.

The admin service is a stand-in with the real index runner (so jobs really wait their turn); storing
and building are recorded, not done. The check is the real one (`documents.check_document`).
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from indexer.service import excluded_ids
from knowledge.application.admin.audit import Actor, AuditLog
from knowledge.application.admin.documents import UploadRejected
from knowledge.application.admin.inbox import Inbox
from knowledge.application.admin.indexing import IndexRunner, JobTimeout
from knowledge.application.admin.jobs import MAX_INTERRUPTIONS, UploadJobs, UploadTimedOut, with_deadline
from knowledge.application.admin.service import DocumentOutcome
from knowledge.settings import Settings

TEXT = ("Kế hoạch xây dựng nông thôn mới năm 2025\n\nNăm 2025 huyện Đảo Ngọc Lam phấn đấu có thêm 17 xã "
        "đạt chuẩn nông thôn mới kiểu mẫu.\n").encode()
LAN = Actor.telegram(42, "Lan")


class StandInService:
    """What UploadJobs needs of AdminService; `slow[file name]`: seconds that build reports progress for."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.runner = IndexRunner()
        self.audit = AuditLog(None)
        self.stored: list[str] = []
        self.built: list[str] = []
        self.slow: dict[str, float] = {}

    def indexed(self):
        return {}

    def store_and_index(self, checked, actor, progress, *, on_stored):
        doc_id = checked.file_name.rsplit(".", 1)[0]
        self.stored.append(doc_id)
        on_stored([doc_id], f"documents/{checked.file_name}")
        return self._build(checked.file_name, [doc_id], progress)

    def index_stored(self, file_name, doc_ids, stored_as, actor, progress):
        return self._build(file_name, doc_ids, progress)

    def _build(self, file_name, doc_ids, progress):
        end = time.monotonic() + self.slow.get(file_name, 0.0)
        while True:
            progress("embed", 1, 2)
            if time.monotonic() >= end:
                break
            time.sleep(0.01)
        progress("write", 1, 1)
        self.built.extend(doc_ids)
        return DocumentOutcome("added", file_name, [], f"documents/{file_name}")


@pytest.fixture
def settings(tmp_path):
    return Settings(_env_file=None, NTM_DATA_DIR=str(tmp_path))


@pytest.fixture
def service(settings):
    return StandInService(settings)


def jobs_for(service, timeout: float = 60.0) -> UploadJobs:
    return UploadJobs(service, Inbox.for_settings(service.settings), timeout=timeout)


async def hold_runner(service) -> tuple[asyncio.Future, threading.Event]:
    """A job that keeps the index thread busy until the event is set."""
    release, started = threading.Event(), threading.Event()

    def block(progress):
        started.set()
        release.wait(30)

    task = asyncio.ensure_future(service.runner.submit("reindex", block))
    await asyncio.to_thread(started.wait, 10)
    return task, release


async def test_a_job_goes_from_received_to_done(service):
    jobs = jobs_for(service)
    job = await asyncio.to_thread(jobs.receive, TEXT, "dao-ngoc-lam.txt", None, LAN, 42)
    checked = await jobs.check(job)
    assert job.state == "checked" and checked.documents
    outcome = await jobs.index(job, checked)
    assert outcome.status == "added" and service.built == ["dao-ngoc-lam"]
    again = Inbox.for_settings(service.settings).get(job.id)
    assert (again.state, again.doc_ids, again.result) == ("done", ["dao-ngoc-lam"], "thêm dao-ngoc-lam")
    assert again.stored_as == "documents/dao-ngoc-lam.txt"
    with pytest.raises(FileNotFoundError):
        jobs.inbox.upload(job)  # the inbox copy goes once the job is finished


async def test_the_reported_time_counts_from_the_receipt_not_from_the_build(service):
    """A scan OCRed for minutes was reported "sau 3,4 giây": only the build was timed."""
    jobs = jobs_for(service)
    job = await asyncio.to_thread(jobs.receive, TEXT, "cham.txt", None, LAN, 42)
    received = (datetime.now(UTC) - timedelta(seconds=185)).isoformat(timespec="seconds")
    jobs.inbox.update(job, created_at=received)  # as if the check (OCR) and the queue took three minutes
    outcome = await jobs.index(job, await jobs.check(job))
    assert 185 <= outcome.seconds < 250


async def test_a_rejected_file_fails_with_its_reason(service):
    jobs = jobs_for(service)
    job = await asyncio.to_thread(jobs.receive, b"", "rong.txt", None, LAN, 42)
    with pytest.raises(UploadRejected, match="rỗng"):
        await jobs.check(job)
    assert job.state == "failed" and "rỗng" in job.result and service.stored == []


async def test_cancel_while_waiting_returns_at_once_and_its_turn_does_nothing(service):
    jobs = jobs_for(service)
    held, release = await hold_runner(service)
    job = await asyncio.to_thread(jobs.receive, TEXT, "cho.txt", None, LAN, 42)
    checked = await jobs.check(job)
    waiting = asyncio.ensure_future(jobs.index(job, checked))
    await asyncio.sleep(0.1)
    result = await jobs.cancel(job.id, Actor.telegram(7, "Minh"))
    assert result.done and await asyncio.wait_for(waiting, 5) is None
    assert job.state == "cancelled" and "Minh" in job.result
    release.set()
    await held
    await asyncio.sleep(0.2)
    assert service.stored == [] and service.built == [] and not service.runner.busy
    assert not (await jobs.cancel(job.id, LAN)).done and (await jobs.cancel(999, LAN)).job is None


async def test_a_job_being_indexed_cannot_be_cancelled(service):
    jobs = jobs_for(service)
    service.slow = {"dang.txt": 1.0}
    job = await asyncio.to_thread(jobs.receive, TEXT, "dang.txt", None, LAN, 42)
    task = asyncio.ensure_future(jobs.index(job, await jobs.check(job)))
    while job.state != "indexing":
        await asyncio.sleep(0.02)
    assert not (await jobs.cancel(job.id, LAN)).done
    assert (await task).status == "added" and job.state == "done"


async def test_a_slow_job_is_stopped_and_withdrawn_and_the_next_one_runs(service, settings):
    jobs = jobs_for(service, timeout=0.3)
    service.slow = {"cham.txt": 30.0}
    slow = await asyncio.to_thread(jobs.receive, TEXT, "cham.txt", None, LAN, 42)
    nxt = await asyncio.to_thread(jobs.receive, TEXT, "sau.txt", None, LAN, 42)
    first = asyncio.ensure_future(jobs.index(slow, await jobs.check(slow)))
    second_checked = await jobs.check(nxt)
    await asyncio.sleep(0.05)
    second = asyncio.ensure_future(jobs.index(nxt, second_checked))
    started = time.monotonic()
    with pytest.raises(UploadTimedOut) as caught:
        await asyncio.wait_for(first, 10)
    assert time.monotonic() - started < 5 and caught.value.withdrawn == ["cham"]
    assert slow.state == "failed" and "quá thời gian" in slow.result and "cham" in excluded_ids(settings)
    assert (await asyncio.wait_for(second, 10)).status == "added" and nxt.state == "done"


def test_the_deadline_spares_the_last_step_of_a_published_build():
    now = [0.0]
    limited = with_deadline(lambda *a: None, 5, clock=lambda: now[0])
    limited("embed", 1, 2)
    now[0] = 6
    limited("write", 1, 1)
    with pytest.raises(JobTimeout):
        limited("embed", 2, 2)


def test_recovery_resumes_unfinished_jobs_and_gives_up_after_repeated_interruptions(service, settings):
    jobs = jobs_for(service)
    jobs.receive(TEXT, "a.txt", None, LAN, 42)
    checked = jobs.receive(TEXT, "b.txt", None, LAN, 42)
    jobs.inbox.update(checked, state="checked")
    unstored = jobs.receive(TEXT, "c.txt", None, LAN, 42)
    jobs.inbox.update(unstored, state="indexing")
    stored = jobs.receive(TEXT, "d.txt", None, LAN, 42)
    jobs.inbox.update(stored, state="indexing", doc_ids=["d"], stored_as="documents/d.txt")
    done = jobs.receive(TEXT, "e.txt", None, LAN, 42)
    jobs.inbox.finish(done, "done", "thêm e")
    stuck = jobs.receive(TEXT, "f.txt", None, LAN, 42)
    jobs.inbox.update(stuck, state="indexing", doc_ids=["f"], interrupted=MAX_INTERRUPTIONS - 1)

    restarted = jobs_for(service)
    resumed = restarted.recover()
    assert [(j.file_name, j.state, j.interrupted) for j in resumed] == [
        ("a.txt", "received", 1), ("b.txt", "received", 1), ("c.txt", "received", 1), ("d.txt", "indexing", 1)]
    gave_up = restarted.inbox.get(stuck.id)
    assert gave_up.state == "failed" and "3 lần" in gave_up.result and "f" in excluded_ids(settings)
    assert restarted.inbox.get(done.id).state == "done"


async def test_a_resumed_stored_job_is_only_built(service):
    jobs = jobs_for(service)
    job = jobs.receive(TEXT, "d.txt", None, LAN, 42)
    jobs.inbox.update(job, state="indexing", doc_ids=["d"], stored_as="documents/d.txt")
    restarted = jobs_for(service)
    (resumed,) = restarted.recover()
    outcome = await restarted.index(resumed, None)
    assert outcome.status == "added" and service.stored == [] and service.built == ["d"]
    assert resumed.state == "done"


def test_recovery_finds_what_a_job_killed_while_storing_left(service, settings):
    jobs = jobs_for(service)
    folder = settings.data_dir / "documents"
    (folder / ".originals").mkdir(parents=True)
    plain = jobs.receive(TEXT, "a.txt", None, LAN, 42)
    (folder / "a.txt").write_bytes(TEXT)  # linked, but killed before the job wrote its ids
    captioned = jobs.receive(TEXT + b"\n", "b.txt", "Tiêu đề: B", LAN, 42)
    (folder / ".originals" / "b.txt").write_bytes(TEXT + b"\n")
    (folder / "b.jsonl").write_text('{"id": "b", "title": "B", "text": "..."}\n', encoding="utf-8")
    half = jobs.receive(TEXT + b"\n\n", "c.txt", "Tiêu đề: C", LAN, 42)
    (folder / ".originals" / "c.txt").write_bytes(TEXT + b"\n\n")  # its indexed copy never written
    for job in (plain, captioned, half):
        jobs.inbox.update(job, state="indexing")

    resumed = {j.file_name: j for j in jobs_for(service).recover()}
    assert (resumed["a.txt"].state, resumed["a.txt"].doc_ids, resumed["a.txt"].stored_as) == (
        "indexing", ["a"], "documents/a.txt")
    assert (resumed["b.txt"].state, resumed["b.txt"].doc_ids) == ("indexing", ["b"])
    assert (resumed["c.txt"].state, resumed["c.txt"].doc_ids) == ("received", [])
    assert not (folder / ".originals" / "c.txt").exists()
