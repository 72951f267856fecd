"""Admins add and remove knowledge from Telegram, with the real model and index, through the fake Bot API.

Each test gets its own copy of the session's corpus index (copying is cheap; building is not), so
uploads and removals never touch the shared one.
"""

from __future__ import annotations

import json

import pytest

from bot.throttle import Throttle
from knowledge.retrieval.search import SearchEngine
from tests.auxil.bot_harness import running_bot
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.uploads import ADMIN_ID, MD, TXT, UPLOADS, admin_bot_settings, copy_index, docx_bytes, final_status

pytestmark = pytest.mark.slow
Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
def data_dir(tmp_path, corpus_settings):
    copy_index(corpus_settings, tmp_path)
    return tmp_path


@pytest.fixture
async def bot(api, data_dir, corpus_settings, encoder, monkeypatch):
    monkeypatch.setenv("NTM_CLOSED_MODE", "false")
    settings = admin_bot_settings(api, data_dir, corpus_settings.model_path)
    search = SearchEngine.open(settings, encoder=encoder)
    async with running_bot(api, settings, search, throttle=Throttle(burst=100)) as app:
        yield app


@pytest.fixture
def admin(api):
    user = api.new_user("Quản trị", user_id=ADMIN_ID)
    return user, api.private_chat(user)


async def ask(api, chat, user, text, timeout: float = 60):
    api.send_text(chat, user, text)
    return await api.next_reply(chat, timeout)


async def upload(api, chat, user, name, content, caption=None):
    api.send_document(chat, user, name, content, caption=caption)
    status = await api.next_reply(chat)
    assert status.text.startswith("📥")
    return await final_status(api, chat, status)


@pytest.mark.parametrize("kind", list(UPLOADS))
async def test_each_file_type_uploaded_by_an_admin_is_answered(api, bot, admin, data_dir, kind):
    name, content, question, fact, parts = UPLOADS[kind]
    content = content if content is not None else docx_bytes()
    user, chat = admin
    official = api.new_user("Cán bộ")
    official_chat = api.private_chat(official)
    assert fact not in (await ask(api, official_chat, official, question)).text

    result = await upload(api, chat, user, name, content)
    assert result.text.startswith("✅ Đã thêm"), result.text
    assert "giây" in result.text and "đoạn" in result.text and "Ngày:" in result.text and "Tỉnh:" in result.text
    for part in parts:
        assert part in result.text, (part, result.text)

    answer = await ask(api, official_chat, official, question)
    assert fact in answer.text, answer.text
    stored = [p for p in (data_dir / "documents").iterdir() if p.is_file()]
    assert len(stored) == 1 and stored[0].read_bytes() == content  # the original, as sent


async def test_caption_sets_title_source_province_and_date(api, bot, admin, data_dir):
    user, chat = admin
    caption = "Tiêu đề: Kế hoạch NTM Thái Bình 2025; Nguồn: UBND tỉnh Thái Bình; Tỉnh: Thái Bình; Ngày: 1/3/2025"
    result = await upload(api, chat, user, "kh.txt", TXT.encode(), caption)
    assert "Kế hoạch NTM Thái Bình 2025" in result.text and "01/03/2025" in result.text
    assert (data_dir / "documents" / ".originals" / "kh.txt").read_bytes() == TXT.encode()
    answer = await ask(api, chat, user, UPLOADS["txt"][2])
    assert "31 xã" in answer.text and "UBND tỉnh Thái Bình" in answer.text


async def test_same_file_twice_changes_nothing(api, bot, admin, data_dir):
    user, chat = admin
    first = await upload(api, chat, user, "a.md", MD.encode())
    assert first.text.startswith("✅")
    again = await upload(api, chat, user, "b.md", MD.encode())
    assert again.text.startswith("ℹ️") and "mã a\n" in again.text
    assert sorted(p.name for p in (data_dir / "documents").iterdir()) == ["a.md"]


async def test_remove_with_confirmation_then_restore(api, bot, admin, data_dir):
    user, chat = admin
    official = api.new_user("Cán bộ")
    official_chat = api.private_chat(official)
    assert "29 xã" in (await ask(api, official_chat, official, Q_HD)).text

    confirm = await ask(api, chat, user, "/xoa hai-duong-ntm-2025")
    assert "Gỡ tài liệu" in confirm.text and [b.text for b in confirm.buttons] == ["🗑 Gỡ tài liệu", "Hủy"]
    query = api.press_button(official_chat, official, confirm, confirm.button("🗑").callback_data)
    assert "không có quyền" in (await api.callback_answer(query)).text  # a non-admin's press does nothing
    api.press_button(chat, user, confirm, confirm.button("Hủy").callback_data)
    await api.wait_for(lambda: "Đã hủy" in api.message(chat, confirm.message_id).text)
    assert "29 xã" in (await ask(api, official_chat, official, Q_HD)).text

    confirm = await ask(api, chat, user, "/xoa hai-duong-ntm-2025")
    api.press_button(chat, user, confirm, confirm.button("🗑").callback_data)
    removed = await final_status(api, chat, confirm)
    assert "Đã gỡ" in removed.text and "hai-duong-ntm-2025" in removed.text and "còn 4 tài liệu" in removed.text
    assert "29 xã" not in (await ask(api, official_chat, official, Q_HD)).text
    api.send_command(chat, user, "nguon")
    listing, extra = await api.next_reply(chat), await api.next_reply(chat)
    assert "hai-duong-ntm-2025" not in listing.text and "hai-duong-ntm-2025" in extra.text

    api.send_command(chat, user, "khoiphuc", "hai-duong-ntm-2025")
    status = await api.next_reply(chat)
    restored = await final_status(api, chat, status)
    assert "Đã khôi phục" in restored.text
    assert "29 xã" in (await ask(api, official_chat, official, Q_HD)).text
    assert json.loads((data_dir / "index" / "excluded.json").read_text()) == []
