"""Admins add and remove knowledge from Telegram, with the real model and index, through the fake Bot API.

Each test gets its own copy of the session's corpus index (copying is cheap; building is not), so
uploads and removals never touch the shared one.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from bot.throttle import Throttle
from knowledge.retrieval.search import SearchEngine
from knowledge.settings import Settings
from tests.auxil.bot_harness import bot_env, running_bot
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.paths import DOCUMENTS

pytestmark = pytest.mark.slow
ADMIN_ID = 777_002
Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"

TXT = ("Thái Bình, ngày 20/02/2025\n\n"
       "Thái Bình đặt mục tiêu 31 xã nông thôn mới kiểu mẫu\n\n"
       "Năm 2025, tỉnh Thái Bình phấn đấu có thêm 31 xã đạt chuẩn nông thôn mới kiểu mẫu và 48 xã đạt chuẩn "
       "nông thôn mới nâng cao. Thu nhập bình quân đầu người khu vực nông thôn của tỉnh dự kiến đạt 78 triệu "
       "đồng/người/năm.\n\nCác huyện rà soát từng tiêu chí, ưu tiên môi trường và cảnh quan nông thôn.\n")
MD = ("# Ninh Bình có 19 xã nông thôn mới kiểu mẫu\n\n*Cập nhật: 05/06/2024*\n\n"
      "Năm 2024, tỉnh **Ninh Bình** có 19 xã đạt chuẩn nông thôn mới kiểu mẫu, tăng 6 xã so với năm trước.\n\n"
      "- Thu nhập bình quân đầu người khu vực nông thôn đạt *70 triệu đồng*/người/năm.\n"
      "- Tỉnh tiếp tục giữ vững các tiêu chí sau khi đạt chuẩn.\n")
HTML = ("<!doctype html><html><head><title>Hà Tĩnh có 23 xã nông thôn mới kiểu mẫu</title>"
        "<meta property=\"article:published_time\" content=\"2024-09-10T08:00:00+07:00\"></head><body>"
        "<nav><a href=\"/\">Trang chủ</a> | <a href=\"/tin\">Tin tức</a></nav><article>"
        "<h1>Hà Tĩnh có 23 xã nông thôn mới kiểu mẫu</h1>"
        "<p>Đến tháng 9/2024, tỉnh Hà Tĩnh có 23 xã đạt chuẩn nông thôn mới kiểu mẫu và 105 khu dân cư kiểu "
        "mẫu, dẫn đầu khu vực Bắc Trung Bộ.</p>"
        "<p>Tỉnh tiếp tục huy động nguồn lực xã hội hóa cho xây dựng nông thôn mới nâng cao.</p>"
        "</article><footer>Bản quyền thuộc Báo Hà Tĩnh</footer></body></html>")
JSONL = "\n".join(json.dumps(r, ensure_ascii=False) for r in [
    {"id": "tin-lao-cai-2025", "title": "Lào Cai có 9 xã nông thôn mới kiểu mẫu",
     "text": "Năm 2025, tỉnh Lào Cai có 9 xã đạt chuẩn nông thôn mới kiểu mẫu, phần lớn ở vùng thấp.",
     "date": "2025-04-02", "province": "Lào Cai", "source": "Báo Lào Cai"},
    {"id": "tin-yen-bai-2024", "title": "Yên Bái nâng cao thu nhập nông thôn",
     "text": "Thu nhập bình quân khu vực nông thôn tỉnh Yên Bái năm 2024 đạt 45 triệu đồng/người/năm.",
     "date": "2024-12-30", "province": "Yên Bái"}]) + "\n"


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("Vĩnh Phúc đặt mục tiêu 14 xã nông thôn mới nâng cao", level=1)
    document.add_paragraph("Năm 2025, tỉnh Vĩnh Phúc phấn đấu có thêm 14 xã đạt chuẩn nông thôn mới nâng cao "
                           "và 6 xã đạt chuẩn nông thôn mới kiểu mẫu.")
    document.add_paragraph("Các xã tập trung chuyển đổi số và phát triển sản phẩm OCOP.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# name, content, question, expected fact, expected reply parts
UPLOADS = {
    "txt": ("Thai Binh 2025.txt", TXT.encode(), "Năm 2025 Thái Bình phấn đấu có thêm bao nhiêu xã đạt chuẩn "
            "nông thôn mới kiểu mẫu?", "31 xã", ["Thái Bình", "20/02/2025"]),
    "md": ("ninh-binh.md", MD.encode(), "Ninh Bình có bao nhiêu xã đạt chuẩn nông thôn mới kiểu mẫu năm 2024?",
           "19 xã", ["Ninh Bình"]),
    "html": ("ha-tinh.html", HTML.encode(), "Hà Tĩnh có bao nhiêu xã đạt chuẩn nông thôn mới kiểu mẫu?",
             "23 xã", ["Hà Tĩnh"]),
    "pdf": ("ke-hoach-bac-ninh.pdf", (DOCUMENTS / "ke-hoach-bac-ninh.pdf").read_bytes(),
            "Năm 2025 Bắc Ninh phấn đấu có thêm bao nhiêu xã đạt chuẩn nông thôn mới nâng cao?", "12 xã",
            ["Bắc Ninh"]),
    "docx": ("vinh-phuc.docx", None, "Năm 2025 Vĩnh Phúc phấn đấu có thêm bao nhiêu xã đạt chuẩn nông thôn mới "
             "nâng cao?", "14 xã", ["Vĩnh Phúc"]),
    "jsonl": ("tin-ngan.jsonl", JSONL.encode(), "Lào Cai có bao nhiêu xã đạt chuẩn nông thôn mới kiểu mẫu?",
              "9 xã", ["Lào Cai", "02/04/2025", "tin-lao-cai-2025", "tin-yen-bai-2024"]),
}


def copy_index(source: Settings, data_dir: Path) -> None:
    """A private copy of the session's published index (versions + `current` link + sources)."""
    shutil.copytree(source.index_dir, data_dir / "index", symlinks=True,
                    ignore=shutil.ignore_patterns(".build.lock", ".tmp-*"))


def admin_bot_settings(api: FakeBotApi, data_dir: Path, model: str, **extra: str) -> Settings:
    return Settings(_env_file=None, **bot_env(api, data_dir, TELEGRAM_ADMIN_IDS=str(ADMIN_ID),
                                              NTM_EMBEDDING_MODEL=model, **extra))


async def final_status(api: FakeBotApi, chat, status, timeout: float = 180):
    """The status message once it shows a result (✅ ❌ ⚠️ ℹ️ ♻️ 🗑)."""
    def done():
        message = api.message(chat, status.message_id)
        return message if message.text[:1] in "✅❌⚠ℹ♻🗑" else None
    return await api.wait_for(done, timeout, "a final status")


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
