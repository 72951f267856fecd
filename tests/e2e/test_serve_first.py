"""Serving never waits for a build: a `python -m bot` subprocess polls as soon as the model and the last
published index are open, answers from that index while it builds the new one in the background, and
with no index at all yet says data is being prepared instead of staying silent.

Builds are held before they publish (NTM_INDEX_PAUSE_BEFORE_PUBLISH) for as long as the test needs,
so "while building" is a fact, not a race.
"""

from __future__ import annotations

import json

import pytest

from knowledge.retrieval.index.layout import IndexLayout
from tests.auxil.bot_harness import subprocess_env
from tests.auxil.bot_process import kill, start_bot, stop, until
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.uploads import ADMIN_ID, TXT, UPLOADS, copy_index

pytestmark = pytest.mark.slow
Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"
_, _, Q_TB, FACT_TB, _ = UPLOADS["txt"]


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


def staged(data):
    return lambda: list((data / "index" / "versions").glob(".tmp-*/manifest.json"))


async def ask(api, chat, user, text: str) -> str:
    api.send_text(chat, user, text)
    return (await api.next_reply(chat, 60)).text


async def test_restart_with_a_pending_build_answers_from_the_old_index(api, tmp_path, corpus_settings):
    data = tmp_path / "data"
    copy_index(corpus_settings, data)
    (data / "documents").mkdir()
    (data / "documents" / "thai-binh-2025.txt").write_bytes(TXT.encode())  # stored, never indexed
    sources = data / "index" / "sources.json"  # with the uploads folder, as storing an upload leaves it
    sources.write_text(json.dumps([*json.loads(sources.read_text()), str(data / "documents")]), encoding="utf-8")
    before = IndexLayout(data / "index").current_dir()
    env = subprocess_env(api, data, TELEGRAM_ADMIN_IDS=str(ADMIN_ID), NTM_CLOSED_MODE="false",
                         NTM_EMBEDDING_MODEL=corpus_settings.model_path, NTM_INDEX_PAUSE_BEFORE_PUBLISH="600")
    process = start_bot(env, tmp_path / "bot.log")
    try:
        await api.wait_for_polling(timeout=300)
        await until(staged(data), 300, "staged build")  # the new index is written, held before publishing
        official = api.new_user("Cán bộ")
        chat = api.private_chat(official)
        assert "29 xã" in await ask(api, chat, official, Q_HD)  # answered from the published index
        assert FACT_TB not in await ask(api, chat, official, Q_TB)  # not in it yet
        admin = api.new_user("Quản trị", user_id=ADMIN_ID)
        admin_chat = api.private_chat(admin)
        assert "Đang có một lần lập chỉ mục chạy" in await ask(api, admin_chat, admin, "/reindex")
        assert IndexLayout(data / "index").current_dir() == before
    finally:
        await kill(process)


async def test_no_index_yet_says_data_is_being_prepared_then_answers(api, tmp_path, corpus_settings):
    data, sources = tmp_path / "data", tmp_path / "sources"
    sources.mkdir()
    (sources / "thai-binh-2025.txt").write_bytes(TXT.encode())
    (data / "index").mkdir(parents=True)
    (data / "index" / "sources.json").write_text(json.dumps([str(sources)]), encoding="utf-8")
    layout = IndexLayout(data / "index")
    env = subprocess_env(api, data, NTM_CLOSED_MODE="false", NTM_EMBEDDING_MODEL=corpus_settings.model_path)
    official = api.new_user("Cán bộ")
    chat = api.private_chat(official)
    log = tmp_path / "bot.log"

    process = start_bot({**env, "NTM_INDEX_PAUSE_BEFORE_PUBLISH": "600"}, log)
    try:
        await api.wait_for_polling(timeout=300)
        reply = await ask(api, chat, official, Q_TB)
        assert reply == "⏳ Đang chuẩn bị dữ liệu, vui lòng thử lại sau ít phút."
        assert "Xin chào" in await ask(api, chat, official, "/start")  # the rest of the bot works
    finally:
        await kill(process)
    assert layout.current_dir() is None

    process = start_bot(env, log)
    try:
        await until(layout.current_dir, 300, "the first index")
        seen = len(api.sent(chat))  # the killed bot's last update may come again (its offset was never confirmed)
        api.send_text(chat, official, Q_TB)
        await api.wait_for(lambda: any(FACT_TB in m.text for m in api.sent(chat)[seen:]), 60, "the answer")
    finally:
        await stop(process)
