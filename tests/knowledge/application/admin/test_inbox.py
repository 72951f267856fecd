"""The upload inbox on disk: what survives a restart, what a kill leaves, and what is kept afterwards."""

from __future__ import annotations

import json

from knowledge.application.admin import inbox as inbox_module
from knowledge.application.admin.audit import Actor
from knowledge.application.admin.inbox import CANCELLABLE, JOB_FILE, UPLOAD_FILE, Inbox

LAN = Actor.telegram(42, "Lan", "lan")


def new_job(inbox: Inbox, data: bytes = b"noi dung", name: str = "ke-hoach.txt", caption: str | None = "Tỉnh: Huế"):
    return inbox.create(data, name, sha256="ab" * 32, actor=LAN, caption=caption, chat_id=42)


def test_the_file_and_its_record_are_on_disk_when_create_returns(tmp_path):
    inbox = Inbox(tmp_path / "inbox")
    job = new_job(inbox)
    folder = tmp_path / "inbox" / str(job.id)
    assert (folder / UPLOAD_FILE).read_bytes() == b"noi dung"
    record = json.loads((folder / JOB_FILE).read_text(encoding="utf-8"))
    assert (record["state"], record["file_name"], record["caption"], record["user_id"], record["chat_id"]) == (
        "received", "ke-hoach.txt", "Tỉnh: Huế", 42, 42)
    assert record["actor"] == "Lan @lan (telegram 42)"
    assert sorted(p.name for p in folder.iterdir()) == sorted([UPLOAD_FILE, JOB_FILE])  # no temp files left


def test_a_restart_reads_every_job_back_and_ids_keep_counting(tmp_path):
    inbox = Inbox(tmp_path)
    first, second = new_job(inbox), new_job(inbox, b"khac", "b.md", None)
    inbox.update(first, message_id=7)
    again = Inbox(tmp_path)
    assert [(j.id, j.state, j.file_name, j.message_id) for j in again.jobs()] == [
        (first.id, "received", "ke-hoach.txt", 7), (second.id, "received", "b.md", None)]
    assert again.upload(again.get(second.id)) == b"khac"
    assert new_job(again).id == second.id + 1


def test_a_folder_killed_before_its_record_was_written_is_dropped(tmp_path):
    (tmp_path / "5").mkdir()
    (tmp_path / "5" / UPLOAD_FILE).write_bytes(b"half")
    inbox = Inbox(tmp_path)
    assert inbox.jobs() == [] and not (tmp_path / "5").exists()


def test_advance_only_from_the_allowed_states(tmp_path):
    inbox = Inbox(tmp_path)
    job = new_job(inbox)
    assert inbox.advance(job, CANCELLABLE, "checked") and job.state == "checked"
    assert inbox.advance(job, CANCELLABLE, "indexing")
    assert not inbox.advance(job, CANCELLABLE, "cancelled") and job.state == "indexing"
    assert Inbox(tmp_path).get(job.id).state == "indexing"


def test_finished_jobs_lose_their_file_and_only_the_newest_records_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(inbox_module, "KEEP_FINISHED", 2)
    inbox = Inbox(tmp_path)
    waiting = new_job(inbox)
    jobs = [new_job(inbox) for _ in range(4)]
    for job in jobs:
        inbox.finish(job, "done", "thêm ke-hoach")
    assert not (tmp_path / str(jobs[0].id) / UPLOAD_FILE).exists()
    assert [j.id for j in Inbox(tmp_path).jobs()] == [waiting.id, jobs[2].id, jobs[3].id]
    assert (tmp_path / str(waiting.id) / UPLOAD_FILE).exists()
    assert new_job(inbox).id == jobs[3].id + 1  # ids are never reused
