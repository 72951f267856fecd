"""Reindexing without downtime: questions answered during a /reindex, one build at a time, and a bot
killed in the middle of indexing an upload that restarts on the previous index and completes the work.

The in-process build is held just before it publishes (the indexer's test hook) until the questions
are answered, so "during" is a fact of the test, not a timing guess.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading

import pytest

import bot.admin_index
import indexer.build
from bot.throttle import Throttle
from knowledge.application.admin.audit import AuditLog
from knowledge.domain.db import get_engine
from knowledge.retrieval.index.layout import IndexLayout
from knowledge.retrieval.search import SearchEngine
from tests.auxil.bot_harness import running_bot, subprocess_env
from tests.auxil.bot_process import start_bot, stop, until
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.paths import EVAL
from tests.auxil.uploads import ADMIN_ID, TXT, UPLOADS, admin_bot_settings, copy_index, final_status

pytestmark = pytest.mark.slow
DEV = [json.loads(line) for line in (EVAL / "dev.jsonl").read_text("utf-8").splitlines()
       if line.strip()]
IN_SCOPE = [row for row in DEV if row["kind"] != "out_of_scope"]


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
def held_build(monkeypatch):
    """Builds stop right before publishing until `release` is set; `paused` tells the test they got there."""
    paused, release = threading.Event(), threading.Event()

    def pause(_seconds: float | None) -> None:
        paused.set()
        release.wait(300)

    monkeypatch.setattr(indexer.build, "_pause_for_tests", pause)
    yield paused, release
    release.set()


async def test_reindex_while_twenty_questions_are_asked(api, tmp_path, corpus_settings, encoder, held_build,
                                                        monkeypatch):
    paused, release = held_build
    monkeypatch.setenv("NTM_CLOSED_MODE", "false")
    monkeypatch.setattr(bot.admin_index, "PROGRESS_EVERY", 0.5)
    copy_index(corpus_settings, tmp_path)
    settings = admin_bot_settings(api, tmp_path, corpus_settings.model_path)
    search = SearchEngine.open(settings, encoder=encoder)
    before = search.info["version"]
    async with running_bot(api, settings, search, throttle=Throttle(burst=100)):
        admin = api.new_user("Quản trị", user_id=ADMIN_ID)
        chat = api.private_chat(admin)
        api.send_command(chat, admin, "reindex", "full")
        status = await api.next_reply(chat)
        assert status.text.startswith("🔄")
        assert await asyncio.to_thread(paused.wait, 300), "the build never reached its publish step"

        api.send_command(chat, admin, "reindex")
        assert "Đang có một lần lập chỉ mục chạy" in (await api.next_reply(chat)).text

        rows = [IN_SCOPE[i % len(IN_SCOPE)] for i in range(20)]
        people = [api.new_user(f"CB{i}") for i in range(20)]
        chats = [api.private_chat(p) for p in people]
        for person, person_chat, row in zip(people, chats, rows, strict=True):
            api.send_text(person_chat, person, row["q"])
        replies = await asyncio.gather(*(api.next_reply(c, 120) for c in chats))
        missing = [(row["id"], e) for row, reply in zip(rows, replies, strict=True) for e in row["expect"]
                   if e not in reply.text]
        assert not missing, missing
        await api.wait_for(lambda: api.message(chat, status.message_id).edits, 60, "a progress edit")
        assert "Đã chạy" in api.message(chat, status.message_id).text
        assert search.info["version"] == before  # the old index served every one of them

        release.set()
        done = await final_status(api, chat, status, timeout=300)
        assert done.text.startswith("✅ Đã lập lại toàn bộ chỉ mục") and "5 tài liệu" in done.text
        assert search.info["version"] != before
        api.send_text(chats[0], people[0], rows[0]["q"])
        after = (await api.next_reply(chats[0], 60)).text
        assert all(e in after for e in rows[0]["expect"])
    entries = AuditLog(get_engine(settings.sqlalchemy_url)).entries()
    assert [(e.action, e.ok, e.actor_id) for e in entries] == [("index.full", True, ADMIN_ID)]


async def test_kill_during_the_reindex_of_an_upload_then_restart(api, tmp_path, corpus_settings):
    data = tmp_path / "data"
    copy_index(corpus_settings, data)
    layout = IndexLayout(data / "index")
    before = layout.current_dir()
    log = tmp_path / "bot.log"
    env = subprocess_env(api, data, TELEGRAM_ADMIN_IDS=str(ADMIN_ID), NTM_CLOSED_MODE="false",
                         NTM_EMBEDDING_MODEL=corpus_settings.model_path)
    name, content, question, fact, _ = UPLOADS["txt"]
    admin = api.new_user("Quản trị", user_id=ADMIN_ID)
    chat = api.private_chat(admin)

    process = start_bot({**env, "NTM_INDEX_PAUSE_BEFORE_PUBLISH": "600"}, log)
    try:
        await api.wait_for_polling(timeout=300)
        api.send_document(chat, admin, name, content)
        status = await api.next_reply(chat, 60)
        assert status.text.startswith("📥")
        staged = lambda: list((data / "index" / "versions").glob(".tmp-*/manifest.json"))  # noqa: E731
        await until(staged, 300, "staged build")
        process.send_signal(signal.SIGKILL)
        await asyncio.to_thread(process.wait, 30)
    finally:
        if process.poll() is None:
            process.kill()

    assert layout.current_dir() == before  # the previous index is what a restart serves
    assert "thai-binh-2025" not in layout.read_manifest().documents
    stored = data / "documents" / "thai-binh-2025.txt"
    assert stored.read_bytes() == TXT.encode()  # whole, under its final name
    assert [p.name for p in (data / "documents").iterdir()] == ["thai-binh-2025.txt"]

    polls = len(api.calls_to("getUpdates"))
    process = start_bot(env, log)
    try:
        await api.wait_for(lambda: len(api.calls_to("getUpdates")) > polls, 300, "polling after the restart")
        # Polling first; the upload is built in the background and its job reports in the old message.
        await until(lambda: "thai-binh-2025" in layout.read_manifest().documents, 300, "background build")
        assert not list((data / "index" / "versions").glob(".tmp-*"))
        done = await final_status(api, chat, status, timeout=300)
        assert done.text.startswith("✅ Đã thêm “Thai Binh 2025.txt”") and "thai-binh-2025" in done.text
        official = api.new_user("Cán bộ")
        official_chat = api.private_chat(official)
        api.send_text(official_chat, official, question)
        assert fact in (await api.next_reply(official_chat, 60)).text
    finally:
        await stop(process)
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "Xây dựng chỉ mục" in output and os.path.exists(stored)
