"""The fake Bot API's sendPhoto and sendDocument accept what Telegram accepts and refuse what it refuses.

(Its own file, beside test_fake_bot_api.py, so the uploads' tests stay apart from the other methods'.)
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from tests.auxil import fake_bot_api
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.polling import builder_for


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api):
    async with builder_for(api).build() as app:
        yield app.bot


@pytest.fixture
def chat(api):
    return api.private_chat(api.new_user("Lan"))


async def test_a_photo_is_kept_with_its_size_and_caption(api, bot, chat):
    data = png(1200, 700)
    message = await bot.send_photo(chat.id, data, caption="<b>Biểu đồ</b> &amp; bảng", parse_mode=ParseMode.HTML)
    assert message.photo[-1].width == 1200 and message.caption == "Biểu đồ & bảng"
    sent = api.sent(chat)[-1]
    assert sent.caption == "Biểu đồ & bảng" and sent.raw_text == "<b>Biểu đồ</b> &amp; bảng"
    assert api.file_content(sent.photo[-1]["file_id"]) == data
    again = await bot.send_photo(chat.id, message.photo[-1].file_id)  # re-sent by file_id
    assert again.photo[-1].file_id == message.photo[-1].file_id


@pytest.mark.parametrize("data, error", [
    (b"not an image", "IMAGE_PROCESS_FAILED"),
    (png(9000, 1200), "PHOTO_INVALID_DIMENSIONS"),  # width + height > 10,000
    (png(2100, 100), "PHOTO_INVALID_DIMENSIONS"),  # more than 20:1
])
async def test_photos_telegram_refuses(bot, chat, data, error):
    with pytest.raises(BadRequest, match=f"(?i){error}"):
        await bot.send_photo(chat.id, data)


async def test_a_photo_over_10_mb_is_refused(bot, chat, monkeypatch):
    monkeypatch.setattr(fake_bot_api, "MAX_UPLOAD_PHOTO", 1000)
    with pytest.raises(BadRequest, match="(?i)PHOTO_SAVE_FILE_INVALID"):
        await bot.send_photo(chat.id, png(1200, 700))


@pytest.mark.parametrize("send", ["photo", "document"])
async def test_captions_are_checked_like_messages(bot, chat, send):
    method = bot.send_photo if send == "photo" else bot.send_document
    upload = png(100, 100) if send == "photo" else b"xlsx"
    with pytest.raises(BadRequest, match="(?i)message caption is too long"):
        await method(chat.id, upload, caption="đ" * 1025)
    with pytest.raises(BadRequest, match="(?i)can.t parse entities"):
        await method(chat.id, upload, caption="<b>bảng", parse_mode=ParseMode.HTML)
    emoji = "📊" * 512  # 1,024 UTF-16 units: exactly the limit
    assert (await method(chat.id, upload, caption=emoji)).caption == emoji


async def test_documents_up_to_50_mb(api, bot, chat, monkeypatch):
    message = await bot.send_document(chat.id, b"PK xlsx", filename="bang.xlsx", caption="📎 Bảng")
    assert message.document.file_name == "bang.xlsx" and message.caption == "📎 Bảng"
    assert api.file_content(api.sent(chat)[-1].document["file_id"]) == b"PK xlsx"
    monkeypatch.setattr(fake_bot_api, "MAX_UPLOAD_DOCUMENT", 4)
    with pytest.raises(TelegramError, match="Request Entity Too Large|too large|413"):
        await bot.send_document(chat.id, b"PK xlsx", filename="bang.xlsx")
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_document(424242, b"x", filename="a.txt")
