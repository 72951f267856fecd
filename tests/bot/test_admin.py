"""Admin features through the fake Bot API with the in-memory search: rights, closed mode, broken
files, /stats after a scripted session, officials, and the additions to /help and /nguon.

Everything here is refused or answered before any index build, so no model is needed; uploads that
are indexed are in tests/e2e/test_admin_uploads.py.
"""

from __future__ import annotations

import io

import pytest

from bot.throttle import Throttle
from knowledge.application.admin.audit import AuditLog
from knowledge.domain.db import get_engine
from knowledge.settings import Settings
from tests.auxil.bot_harness import bot_env, running_bot
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.fake_search import FakeSearch
from tests.auxil.paths import COMMUNE_FILES

ADMIN_ID = 777_001
Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"
NONSENSE = "Zqxv wpmt krrl?"
GOOD_TEXT = ("Kế hoạch xây dựng nông thôn mới năm 2025\n\nNăm 2025 huyện Đảo Ngọc Lam phấn đấu có thêm 17 xã "
             "đạt chuẩn nông thôn mới kiểu mẫu.\n").encode()


@pytest.fixture(scope="module")
def search():
    return FakeSearch.from_corpus()


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


def admin_settings(api: FakeBotApi, data_dir, **extra) -> Settings:
    return Settings(_env_file=None, **bot_env(api, data_dir, TELEGRAM_ADMIN_IDS=str(ADMIN_ID), **extra))


@pytest.fixture
async def bot(api, tmp_path, search, monkeypatch):
    monkeypatch.setenv("NTM_CLOSED_MODE", "false")
    async with running_bot(api, admin_settings(api, tmp_path), search, throttle=Throttle(burst=100)) as app:
        yield app


@pytest.fixture
def admin(api):
    user = api.new_user("Quản trị", user_id=ADMIN_ID)
    return user, api.private_chat(user)


@pytest.fixture
def person(api):
    user = api.new_user("Lan")
    return user, api.private_chat(user)


async def say(api, chat, user, text):
    api.send_text(chat, user, text)
    return await api.next_reply(chat)


def documents(tmp_path):
    folder = tmp_path / "documents"
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


def audit(tmp_path):
    settings = Settings(_env_file=None, NTM_DATA_DIR=str(tmp_path))
    return AuditLog(get_engine(settings.sqlalchemy_url)).entries()


# ------------------------------------------------------------------ rights


@pytest.mark.parametrize("command", ["/reindex", "/reindex full", "/xoa hai-duong-ntm-2025", "/khoiphuc x",
                                     "/stats", "/capquyen 123", "/thuhoi 123"])
async def test_admin_commands_from_a_non_admin_change_nothing(api, bot, person, tmp_path, command):
    user, chat = person
    reply = await say(api, chat, user, command)
    assert reply.text.startswith("Bạn không có quyền") and str(user.id) in reply.text
    assert not reply.buttons and documents(tmp_path) == [] and audit(tmp_path) == []
    assert not (tmp_path / "index" / "excluded.json").exists()


async def test_upload_by_a_non_admin_is_refused_and_nothing_is_downloaded(api, bot, person, tmp_path):
    user, chat = person
    api.send_document(chat, user, "ke-hoach.txt", GOOD_TEXT, caption="Tiêu đề: Kế hoạch")
    reply = await api.next_reply(chat)
    assert reply.text.startswith("Bạn không có quyền thêm tài liệu")
    assert api.calls_to("getFile") == [] and documents(tmp_path) == []


async def test_admin_commands_are_private_only(api, bot, admin):
    user, _ = admin
    group = api.group_chat()
    api.send_command(group, user, "stats", addressed=True)
    assert "chat riêng" in (await api.next_reply(group)).text


# ------------------------------------------------------------------ broken files


@pytest.mark.parametrize("name, content, expected", [
    ("rong.txt", b"", "rỗng"),
    ("hong.pdf", b"%PDF-1.7\n%%EOF", "PDF"),
    ("hong.docx", b"PK\x03\x04 broken", "DOCX"),
    ("anh.jpg", b"\xff\xd8\xff\xe0" + bytes(100), "ảnh"),
    ("nhi-phan.txt", bytes(range(256)) * 8, "không phải văn bản"),
    ("cu.doc", b"\xd0\xcf\x11\xe0" + bytes(100), ".doc"),
    ("menu.html", b"<html><body><nav>Trang ch\xe1\xbb\xa7</nav></body></html>", "nội dung"),
    ("thieu.jsonl", b'{"id": "x", "text": "abc"}\n', "title"),
])
async def test_broken_files_get_a_clear_reply_and_change_nothing(api, bot, admin, tmp_path, name, content, expected):
    user, chat = admin
    api.send_document(chat, user, name, content)
    status = await api.next_reply(chat)
    final = await api.wait_for(lambda: api.message(chat, status.message_id).text.startswith("❌") and
                               api.message(chat, status.message_id))
    assert expected in final.text and "Không có gì thay đổi" in final.text
    assert documents(tmp_path) == [] and not (tmp_path / "index").exists()
    assert [(e.action, e.ok) for e in audit(tmp_path)] == [("document.reject", False)]


async def test_bad_caption_is_explained(api, bot, admin, tmp_path):
    user, chat = admin
    api.send_document(chat, user, "kh.txt", GOOD_TEXT, caption="Tiêu đề: KH; Tỉnh: Xứ Sở Thần Tiên")
    status = await api.next_reply(chat)
    final = await api.wait_for(lambda: "❌" in api.message(chat, status.message_id).text
                               and api.message(chat, status.message_id))
    assert "Xứ Sở Thần Tiên" in final.text and documents(tmp_path) == []


async def test_too_big_file_is_refused_before_download(api, bot, admin, tmp_path):
    user, chat = admin
    api.push_raw_update({"message": {
        "message_id": 99, "date": 0, "chat": {"id": chat.id, "type": "private", "first_name": user.first_name},
        "from": user.to_dict(), "document": {"file_id": "BIG", "file_unique_id": "BIGu", "file_name": "lon.pdf",
                                             "file_size": 25 * 1024 * 1024}}})
    reply = await api.next_reply(chat)
    assert "vượt giới hạn 20 MB" in reply.text
    assert api.calls_to("getFile") == [] and documents(tmp_path) == []


async def test_commune_list_with_wrong_headers_is_rejected_whole(api, bot, admin, tmp_path):
    user, chat = admin
    api.send_document(chat, user, "danh-sach.csv", "Tên;Ghi chú\nA;B\n".encode())
    status = await api.next_reply(chat)
    final = await api.wait_for(lambda: "❌" in api.message(chat, status.message_id).text
                               and api.message(chat, status.message_id))
    assert "Không nạp được" in final.text and "Tỉnh" in final.text
    assert [(e.action, e.ok) for e in audit(tmp_path)] == [("communes.import", False)]


# ------------------------------------------------------------------ /stats


async def test_stats_after_a_scripted_session(api, bot, admin, tmp_path):
    lan, lan_chat = api.new_user("Lan"), None
    lan_chat = api.private_chat(lan)
    minh = api.new_user("Minh")
    minh_chat = api.private_chat(minh)
    answered = [await say(api, lan_chat, lan, Q_HD), await say(api, minh_chat, minh, Q_HD),
                await say(api, minh_chat, minh, "Hải Dương có bao nhiêu xã đạt chuẩn nông thôn mới nâng cao?")]
    assert all(r.buttons for r in answered)
    for chat, user, text in [(lan_chat, lan, NONSENSE), (minh_chat, minh, "ZQXV wpmt KRRL"),
                             (lan_chat, lan, "Blorf snarp quiggle")]:
        assert (await say(api, chat, user, text)).text.startswith("Không tìm thấy")
    await say(api, lan_chat, lan, "x" * 5000)  # too long: not a question
    for chat, user, reply, button in [(lan_chat, lan, answered[0], "👍"), (minh_chat, minh, answered[1], "👍"),
                                      (minh_chat, minh, answered[2], "👎")]:
        query = api.press_button(chat, user, reply, reply.button(button).callback_data)
        await api.callback_answer(query)

    user, chat = admin
    text = (await say(api, chat, user, "/stats")).text
    assert "hôm nay 6 · tuần này 6 · tổng 6" in text
    assert "hôm nay 50% (3/6)" in text
    assert "tuần này 👍 2 · 👎 1" in text
    assert "1. Zqxv wpmt krrl? — 2 lần" in text or "1. ZQXV wpmt KRRL — 2 lần" in text
    assert "2. Blorf snarp quiggle — 1 lần" in text
    assert "5 tài liệu" in text and "Mô hình: fake" in text


# ------------------------------------------------------------------ officials and closed mode


async def test_closed_mode_refuses_politely_with_the_user_id_until_granted(api, tmp_path, search, monkeypatch):
    monkeypatch.setenv("NTM_CLOSED_MODE", "true")
    async with running_bot(api, admin_settings(api, tmp_path), search, throttle=Throttle(burst=100)):
        stranger = api.new_user("Khách")
        chat = api.private_chat(stranger)
        refusal = await say(api, chat, stranger, Q_HD)
        assert "chỉ dành cho cán bộ" in refusal.text and str(stranger.id) in refusal.text
        api.send_text(chat, stranger, "/help")
        assert await api.no_reply(chat, 0.5)  # one refusal per stretch, not one per message
        group = api.group_chat()
        api.send_text(group, stranger, "chuyện phiếm trong nhóm")
        assert await api.no_reply(group, 0.3)

        user, admin_chat = api.new_user("QT", user_id=ADMIN_ID), None
        admin_chat = api.private_chat(user)
        assert (await say(api, admin_chat, user, Q_HD)).buttons  # admins always may ask
        granted = await say(api, admin_chat, user, f"/capquyen {stranger.id} Khách Mới")
        assert "Đã cho phép" in granted.text and str(stranger.id) in granted.text
        assert "<b>29 xã</b>" in (await say(api, chat, stranger, Q_HD)).html
        assert "không có quyền" in (await say(api, chat, stranger, "/stats")).text  # official, not admin
        revoked = await say(api, admin_chat, user, f"/thuhoi {stranger.id}")
        assert "Đã thu hồi" in revoked.text
        api.send_text(chat, stranger, Q_HD)
        assert "chỉ dành cho cán bộ" in (await api.next_reply(chat)).text
    actions = [(e.action, e.target) for e in audit(tmp_path)]
    assert actions == [("official.remove", str(stranger.id)), ("official.add", str(stranger.id))]


async def test_closed_mode_button_presses_are_refused(api, tmp_path, search, monkeypatch):
    monkeypatch.setenv("NTM_CLOSED_MODE", "true")
    async with running_bot(api, admin_settings(api, tmp_path), search):
        user = api.new_user("QT", user_id=ADMIN_ID)
        chat = api.private_chat(user)
        answer = await say(api, chat, user, Q_HD)
        stranger = api.new_user("Khách")
        query = api.press_button(chat, stranger, answer, answer.button("👍").callback_data)
        alert = await api.callback_answer(query)
        assert alert.show_alert and str(stranger.id) in alert.text


async def test_open_mode_answers_everyone(api, bot, person):
    user, chat = person
    assert "<b>29 xã</b>" in (await say(api, chat, user, Q_HD)).html


# ------------------------------------------------------------------ /help, /nguon, /xoa without a match


async def test_help_and_sources_have_an_admin_part_for_admins_only(api, bot, admin, person):
    user, chat = admin
    api.send_command(chat, user, "help")
    assert "Ví dụ" in (await api.next_reply(chat)).text
    admin_help = await api.next_reply(chat)
    assert "Tiêu đề:" in admin_help.text and "/reindex" in admin_help.text and "ntm audit" in admin_help.text
    await api.wait_for(lambda: api.commands.get("chat"))
    assert {"reindex", "stats", "xoa", "hoi"} <= {c["command"] for c in api.commands["chat"]}
    assert "reindex" not in {c["command"] for c in api.commands["default"]}
    api.send_command(chat, user, "nguon")
    assert "hai-duong-ntm-2025" in (await api.next_reply(chat)).text
    assert "/xoa" in (await api.next_reply(chat)).text

    other, other_chat = person
    api.send_command(other_chat, other, "help")
    await api.next_reply(other_chat)
    assert await api.no_reply(other_chat, 0.3)


async def test_xoa_needs_an_indexed_id(api, bot, admin, tmp_path):
    user, chat = admin
    reply = await say(api, chat, user, "/xoa hai-duong-ntm-2024")
    assert "Không có tài liệu mã hai-duong-ntm-2024" in reply.text
    assert "Gõ /xoa" in (await say(api, chat, user, "/xoa")).text
    assert not (tmp_path / "index" / "excluded.json").exists()


# ------------------------------------------------------------------ commune lists


@pytest.fixture
def registry_url():
    """The commune tests' loaded registry (SQLite), emptied of recognitions before and after."""
    from tests.auxil.communes_db import clear_recognitions, registry_service

    service = registry_service("sqlite")
    clear_recognitions(service)
    yield service.engine.url.render_as_string(hide_password=False)
    clear_recognitions(service)


async def test_commune_lists_are_imported_all_or_nothing(api, tmp_path, search, registry_url, monkeypatch):
    import openpyxl

    monkeypatch.setenv("NTM_CLOSED_MODE", "false")
    folder = COMMUNE_FILES
    workbook = openpyxl.Workbook()
    for line in (folder / "recognitions_bad.csv").read_text(encoding="utf-8-sig").splitlines():
        workbook.active.append([int(c) if c.isdigit() else (c or None) for c in line.split(",")])
    bad_xlsx = io.BytesIO()
    workbook.save(bad_xlsx)
    settings = admin_settings(api, tmp_path, NTM_DATABASE_URL=registry_url)
    async with running_bot(api, settings, search):
        user = api.new_user("QT", user_id=ADMIN_ID)
        chat = api.private_chat(user)
        api.send_document(chat, user, "danh-sach-sai.xlsx", bad_xlsx.getvalue())
        status = await api.next_reply(chat)
        rejected = await api.wait_for(lambda: api.message(chat, status.message_id).text[:1] in "✅❌"
                                      and api.message(chat, status.message_id), 60)
        assert rejected.text.startswith("❌") and "chưa ghi dòng nào" in rejected.text and "Dòng 3" in rejected.text

        api.send_document(chat, user, "recognitions_ok.csv", (folder / "recognitions_ok.csv").read_bytes())
        status = await api.next_reply(chat)
        imported = await api.wait_for(lambda: api.message(chat, status.message_id).text[:1] in "✅❌"
                                      and api.message(chat, status.message_id), 60)
        assert imported.text.startswith("✅ Đã nạp") and "7 dòng" in imported.text and "Thêm mới: 7" in imported.text
        card = await say(api, chat, user, "/xa Cao Xá, Tân Yên, Bắc Giang")
        assert "2023" in card.text
    entries = AuditLog(get_engine(registry_url)).entries(action="communes")
    assert [(e.target, e.ok) for e in entries] == [("recognitions_ok.csv", True), ("danh-sach-sai.xlsx", False)]
    assert [p.suffix for p in (tmp_path / "uploads" / "communes").iterdir()] == [".csv"]
