"""Uploads acknowledged to an admin survive a kill -9: a `python -m bot` subprocess is killed with one
upload being indexed, one checked and waiting, one just acknowledged; after the restart each ends
indexed and answerable, and each outcome replaces the admin's old status message.

The first build is held before it publishes (NTM_INDEX_PAUSE_BEFORE_PUBLISH), so the three states at
the kill are facts of the test (read back from the inbox on disk), not timing guesses.
"""

from __future__ import annotations

import pytest

from knowledge.application.admin.inbox import Inbox
from knowledge.retrieval.index.layout import IndexLayout
from tests.auxil.bot_harness import subprocess_env
from tests.auxil.bot_process import kill, start_bot, stop, until
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.paths import COMMUNE_FILES
from tests.auxil.uploads import ADMIN_ID, UPLOADS, copy_index, final_status

pytestmark = pytest.mark.slow


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


async def test_uploads_acknowledged_before_a_kill_are_indexed_after_the_restart(api, tmp_path, corpus_settings):
    data = tmp_path / "data"
    copy_index(corpus_settings, data)
    layout = IndexLayout(data / "index")
    log = tmp_path / "bot.log"
    env = subprocess_env(api, data, TELEGRAM_ADMIN_IDS=str(ADMIN_ID), NTM_CLOSED_MODE="false",
                         NTM_EMBEDDING_MODEL=corpus_settings.model_path)
    admin = api.new_user("Quản trị", user_id=ADMIN_ID)
    chat = api.private_chat(admin)
    kinds = ["txt", "md", "html"]  # indexing, checked and waiting, just acknowledged

    process = start_bot({**env, "NTM_INDEX_PAUSE_BEFORE_PUBLISH": "600"}, log)
    statuses = []
    try:
        await api.wait_for_polling(timeout=300)
        for kind in kinds:
            name, content, *_ = UPLOADS[kind]
            api.send_document(chat, admin, name, content)
            statuses.append(await api.next_reply(chat, 60))
            assert statuses[-1].text.startswith("📥 Đã nhận")
            if kind == "txt":
                await until(lambda: list((data / "index" / "versions").glob(".tmp-*/manifest.json")), 300,
                            "staged build")
            elif kind == "md":
                await api.wait_for(lambda: "hợp lệ, đang chờ" in api.message(chat, statuses[1].message_id).text,
                                   60, "the second upload checked and waiting")
        await kill(process)  # right after the third acknowledgement
    finally:
        if process.poll() is None:
            process.kill()

    jobs = {j.file_name: j for j in Inbox(data / "inbox").jobs()}
    names = [UPLOADS[k][0] for k in kinds]
    assert [jobs[n].state for n in names[:2]] == ["indexing", "checked"] and jobs[names[2]].state in (
        "received", "checked")
    assert jobs[names[0]].doc_ids == ["thai-binh-2025"] and not jobs[names[1]].doc_ids
    for name in names:
        assert (data / "inbox" / str(jobs[name].id) / "upload").read_bytes() == UPLOADS[
            dict(zip(names, kinds, strict=True))[name]][1]
    assert not any(d in layout.read_manifest().documents for d in ("thai-binh-2025", "ninh-binh", "ha-tinh"))

    process = start_bot(env, log)
    try:
        await until(lambda: all(not j.pending for j in Inbox(data / "inbox").jobs()), 300, "every job finished")
        jobs = {j.file_name: j for j in Inbox(data / "inbox").jobs()}
        # The first two had their status message recorded; the third was killed maybe before that
        # (its reply sent, its id not yet written), and then its outcome comes in a new message.
        assert [jobs[n].message_id for n in names[:2]] == [s.message_id for s in statuses[:2]]
        for name in names:
            final = await final_status(api, chat, api.message(chat, jobs[name].message_id), timeout=60)
            assert final.text.startswith(f"✅ Đã thêm “{name}”"), final.text
            assert any(e.startswith("🔄 Bot vừa khởi động lại") for e in final.edits)
        assert len(api.sent(chat)) == 3 + (jobs[names[2]].message_id != statuses[2].message_id)
        official = api.new_user("Cán bộ")
        official_chat = api.private_chat(official)
        for kind in kinds:
            _, _, question, fact, _ = UPLOADS[kind]
            api.send_text(official_chat, official, question)
            assert fact in (await api.next_reply(official_chat, 60)).text, kind
        api.send_command(chat, admin, "hangdoi")
        queue = (await api.wait_for(lambda: api.sent(chat)[-1].text.startswith("📋") and api.sent(chat)[-1],
                                    60, "the /hangdoi list")).text
        assert queue.count("✅ xong") == 3 and "Không có tệp nào đang chờ" in queue
    finally:
        await stop(process)
    assert [j.state for j in Inbox(data / "inbox").jobs()] == ["done"] * 3
    assert sorted(p.name for p in (data / "documents").iterdir()) == ["ha-tinh.html", "ninh-binh.md",
                                                                       "thai-binh-2025.txt"]


@pytest.fixture
def registry_url():
    """The commune tests' loaded registry (SQLite), emptied of recognitions before and after."""
    from tests.auxil.communes_db import clear_recognitions, registry_service

    service = registry_service("sqlite")
    clear_recognitions(service)
    yield service.engine.url.render_as_string(hide_password=False)
    clear_recognitions(service)


async def test_a_commune_list_acknowledged_before_a_kill_is_imported_after_the_restart(api, tmp_path,
                                                                                        corpus_settings,
                                                                                        registry_url):
    """A document's build is held, so the list is checked and waiting behind it when the bot is killed."""
    data = tmp_path / "data"
    copy_index(corpus_settings, data)
    log = tmp_path / "bot.log"
    env = subprocess_env(api, data, TELEGRAM_ADMIN_IDS=str(ADMIN_ID), NTM_CLOSED_MODE="false",
                         NTM_EMBEDDING_MODEL=corpus_settings.model_path, NTM_DATABASE_URL=registry_url)
    admin = api.new_user("Quản trị", user_id=ADMIN_ID)
    chat = api.private_chat(admin)
    communes = (COMMUNE_FILES / "recognitions_ok.csv").read_bytes()

    process = start_bot({**env, "NTM_INDEX_PAUSE_BEFORE_PUBLISH": "600"}, log)
    try:
        await api.wait_for_polling(timeout=300)
        name, content, *_ = UPLOADS["txt"]
        api.send_document(chat, admin, name, content)
        await api.next_reply(chat, 60)
        await until(lambda: list((data / "index" / "versions").glob(".tmp-*/manifest.json")), 300, "staged build")
        api.send_document(chat, admin, "ds-xa.csv", communes)
        status = await api.next_reply(chat, 60)
        assert status.text.startswith("📥 Đã nhận “ds-xa.csv”")
        await api.wait_for(lambda: "hợp lệ, đang chờ" in api.message(chat, status.message_id).text, 60,
                           "the list checked and waiting")
        await kill(process)
    finally:
        if process.poll() is None:
            process.kill()

    job = next(j for j in Inbox(data / "inbox").jobs() if j.file_name == "ds-xa.csv")
    assert (job.kind, job.state) == ("communes", "checked")
    assert (data / "inbox" / str(job.id) / "upload").read_bytes() == communes

    process = start_bot(env, log)
    try:
        await until(lambda: all(not j.pending for j in Inbox(data / "inbox").jobs()), 300, "every job finished")
        final = await final_status(api, chat, api.message(chat, job.message_id), timeout=60)
        assert final.text.startswith("✅ Đã nạp tệp “ds-xa.csv”: 7 dòng"), final.text
        assert any(e.startswith("🔄 Bot vừa khởi động lại") for e in final.edits)
        api.send_command(chat, admin, "xa", "Cao Xá, Tân Yên, Bắc Giang")
        card = await api.wait_for(lambda: "Cao Xá" in api.sent(chat)[-1].text and api.sent(chat)[-1], 60, "card")
        assert "2023" in card.text
    finally:
        await stop(process)
    assert Inbox(data / "inbox").get(job.id).state == "done"
    assert not (data / "inbox" / str(job.id) / "upload").exists()
