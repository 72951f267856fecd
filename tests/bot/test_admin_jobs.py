"""The upload queue from Telegram with the in-memory search: /hangdoi, /huy and its buttons, rights, and a
job found unfinished at start. Nothing here reaches an index build (the index thread is held, or the
file is refused), so no model is needed; kills and restarts are in tests/e2e/test_admin_inbox.py.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from types import SimpleNamespace

import pytest

from bot import admin_jobs
from bot.throttle import Throttle
from knowledge.application.admin.audit import Actor, AuditLog
from knowledge.application.admin.inbox import Inbox
from knowledge.domain.db import get_engine
from knowledge.settings import Settings
from tests.auxil.bot_harness import bot_env, running_bot
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.fake_search import FakeSearch
from tests.auxil.hostile import xlsx_of_rows
from tests.auxil.paths import COMMUNE_FILES

ADMIN_ID = 777_003
GOOD_TEXT = ("Kế hoạch xây dựng nông thôn mới năm 2025\n\nNăm 2025 huyện Đảo Ngọc Lam phấn đấu có thêm 17 xã "
             "đạt chuẩn nông thôn mới kiểu mẫu.\n").encode()


@pytest.fixture(scope="module")
def search():
    return FakeSearch.from_corpus()


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
def settings(api, tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_CLOSED_MODE", "false")
    return Settings(_env_file=None, **bot_env(api, tmp_path, TELEGRAM_ADMIN_IDS=str(ADMIN_ID)))


@pytest.fixture
async def bot(api, settings, search):
    async with running_bot(api, settings, search, throttle=Throttle(burst=100)) as app:
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


async def held_index_thread(app):
    """Keep the admin index thread busy (as a long build would) until the returned event is set."""
    release, started = threading.Event(), threading.Event()

    def block(progress):
        started.set()
        release.wait(60)

    task = asyncio.ensure_future(app.bot_data["admin"].service.runner.submit("reindex", block))
    await asyncio.to_thread(started.wait, 10)
    return task, release


@pytest.mark.parametrize("command", ["/hangdoi", "/huy 1"])
async def test_queue_commands_from_a_non_admin_are_refused(api, bot, person, command):
    user, chat = person
    reply = await say(api, chat, user, command)
    assert reply.text.startswith("Bạn không có quyền") and str(user.id) in reply.text and not reply.buttons


async def test_an_empty_queue_and_bad_arguments(api, bot, admin):
    user, chat = admin
    assert "Hàng đợi trống" in (await say(api, chat, user, "/hangdoi")).text
    assert "Gõ /huy <số tệp>" in (await say(api, chat, user, "/huy")).text
    assert "Gõ /huy" in (await say(api, chat, user, "/huy abc")).text
    assert "Không có tệp số 9" in (await say(api, chat, user, "/huy 9")).text


async def test_a_waiting_upload_is_listed_and_cancelled_after_confirmation(api, bot, admin, person, tmp_path):
    user, chat = admin
    held, release = await held_index_thread(bot)
    try:
        api.send_document(chat, user, "dao-ngoc-lam.txt", GOOD_TEXT)
        status = await api.next_reply(chat)
        assert status.text == "📥 Đã nhận “dao-ngoc-lam.txt”, đang kiểm tra…"
        await api.wait_for(lambda: "hợp lệ, đang chờ" in api.message(chat, status.message_id).text)

        queue = await say(api, chat, user, "/hangdoi")
        assert "#1 ⏳ chờ lập chỉ mục · dao-ngoc-lam.txt · Quản trị (telegram 777003) ·" in queue.text
        assert "/huy <số>" in queue.text

        confirm = await say(api, chat, user, "/huy 1")
        assert confirm.text.startswith("Hủy tệp #1 “dao-ngoc-lam.txt”")
        assert [b.text for b in confirm.buttons] == ["🚫 Hủy tệp", "Giữ lại"]

        other, _ = person  # a non-admin pressing the admin's button (a forwarded one) changes nothing
        query = api.press_button(chat, other, confirm, confirm.button("🚫").callback_data)
        refusal = await api.callback_answer(query)
        assert refusal.show_alert and "không có quyền hủy tệp tải lên" in refusal.text
        assert str(other.id) in refusal.text and "<code>" not in refusal.text

        api.press_button(chat, user, confirm, confirm.button("Giữ lại").callback_data)
        await api.wait_for(lambda: "Đã giữ lại tệp #1" in api.message(chat, confirm.message_id).text)
        assert "⏳ chờ lập chỉ mục" in (await say(api, chat, user, "/hangdoi")).text

        confirm = await say(api, chat, user, "/huy #1")
        cancel = confirm.button("🚫").callback_data
        api.press_button(chat, user, confirm, cancel)
        await api.wait_for(lambda: "Đã hủy tệp #1" in api.message(chat, confirm.message_id).text)
        await api.wait_for(lambda: api.message(chat, status.message_id).text.startswith("🚫 Đã hủy tệp #1"))
        query = api.press_button(chat, user, confirm, cancel)  # a second press
        assert "hết hạn" in (await api.callback_answer(query)).text
    finally:
        release.set()
    await held
    await api.wait_for(lambda: not bot.bot_data["admin"].service.runner.busy or None, 10)
    assert documents(tmp_path) == []  # its turn came and did nothing
    assert "#1 🚫 đã hủy · dao-ngoc-lam.txt" in (await say(api, chat, user, "/hangdoi")).text
    assert "đã bị hủy, không hủy được nữa" in (await say(api, chat, user, "/huy 1")).text
    entries = AuditLog(get_engine(bot.bot_data["admin"].service.settings.sqlalchemy_url)).entries()
    assert [(e.action, e.actor_id, e.target) for e in entries] == [("upload.cancel", ADMIN_ID, "dao-ngoc-lam.txt")]


async def test_a_refused_upload_is_listed_with_its_reason(api, bot, admin, tmp_path):
    user, chat = admin
    api.send_document(chat, user, "rong.txt", b"")
    status = await api.next_reply(chat)
    await api.wait_for(lambda: api.message(chat, status.message_id).text.startswith("❌"))
    queue = await say(api, chat, user, "/hangdoi")
    assert "#1 ❌ không thêm được · rong.txt" in queue.text and "rỗng" in queue.text
    assert not (tmp_path / "inbox" / "1" / "upload").exists() and documents(tmp_path) == []


async def test_a_job_unfinished_at_start_resumes_and_reports_in_a_new_message(api, settings, search, admin):
    user, chat = admin
    inbox = Inbox.for_settings(settings)
    job = inbox.create(b"", "rong.txt", sha256=hashlib.sha256(b"").hexdigest(),
                       actor=Actor.telegram(ADMIN_ID, "Quản trị"), chat_id=chat.id)
    inbox.update(job, state="checked")  # acknowledged as valid, then the bot was killed before any message id
    async with running_bot(api, settings, search):
        resumed = await api.next_reply(chat)
        assert resumed.text == "🔄 Bot vừa khởi động lại, đang tiếp tục xử lý “rong.txt” (tệp #1)…"
        final = await api.wait_for(lambda: api.message(chat, resumed.message_id).text.startswith("❌")
                                   and api.message(chat, resumed.message_id))
    assert "Không thêm được “rong.txt”" in final.text
    again = Inbox.for_settings(settings).get(job.id)
    assert (again.state, again.message_id, again.interrupted) == ("failed", resumed.message_id, 1)


async def test_a_resumed_job_whose_file_is_gone_fails_once_and_is_not_resumed_again(api, settings, search, admin):
    user, chat = admin
    inbox = Inbox.for_settings(settings)
    job = inbox.create(GOOD_TEXT, "mat.txt", sha256=hashlib.sha256(GOOD_TEXT).hexdigest(),
                       actor=Actor.telegram(ADMIN_ID, "Quản trị"), chat_id=chat.id)
    (settings.data_dir / "inbox" / str(job.id) / "upload").unlink()
    async with running_bot(api, settings, search):
        resumed = await api.next_reply(chat)
        final = await api.wait_for(lambda: api.message(chat, resumed.message_id).text.startswith("❌")
                                   and api.message(chat, resumed.message_id))
    assert "Có lỗi khi thực hiện" in final.text
    assert Inbox.for_settings(settings).get(job.id).state == "failed"


# ------------------------------------------------------------------ commune lists through the inbox


@pytest.fixture
def registry_url():
    """The commune tests' loaded registry (SQLite), emptied of recognitions before and after."""
    from tests.auxil.communes_db import clear_recognitions, registry_service

    service = registry_service("sqlite")
    clear_recognitions(service)
    yield service.engine.url.render_as_string(hide_password=False)
    clear_recognitions(service)


@pytest.fixture
def registry_settings(api, tmp_path, monkeypatch, registry_url):
    monkeypatch.setenv("NTM_CLOSED_MODE", "false")
    return Settings(_env_file=None, **bot_env(api, tmp_path, TELEGRAM_ADMIN_IDS=str(ADMIN_ID),
                                              NTM_DATABASE_URL=registry_url))


async def test_a_commune_list_waits_in_the_queue_and_can_be_cancelled(api, registry_settings, search, admin,
                                                                       tmp_path):
    user, chat = admin
    data = (COMMUNE_FILES / "recognitions_ok.csv").read_bytes()
    async with running_bot(api, registry_settings, search, throttle=Throttle(burst=100)) as app:
        held, release = await held_index_thread(app)
        try:
            api.send_document(chat, user, "ds-xa.csv", data)
            status = await api.next_reply(chat)
            assert status.text.startswith("📥 Đã nhận “ds-xa.csv”")
            job = Inbox.for_settings(registry_settings).get(1)
            assert job.kind == "communes" and (tmp_path / "inbox" / "1" / "upload").read_bytes() == data
            await api.wait_for(lambda: "Danh sách xã “ds-xa.csv” hợp lệ, đang chờ" in
                               api.message(chat, status.message_id).text)
            queue = await say(api, chat, user, "/hangdoi")
            assert "#1 ⏳ chờ nạp danh sách xã · ds-xa.csv" in queue.text
            confirm = await say(api, chat, user, "/huy 1")
            api.press_button(chat, user, confirm, confirm.button("🚫").callback_data)
            await api.wait_for(lambda: api.message(chat, status.message_id).text.startswith("🚫 Đã hủy tệp #1"))
        finally:
            release.set()
        await held
        await api.wait_for(lambda: not app.bot_data["admin"].service.runner.busy or None, 10)
        assert "chưa nạp danh sách xã" in (await say(api, chat, user, "/xa Cao Xá, Tân Yên, Bắc Giang")).text
    assert Inbox.for_settings(registry_settings).get(1).state == "cancelled"
    assert not (tmp_path / "inbox" / "1" / "upload").exists()


async def test_a_commune_list_unfinished_at_start_is_imported(api, registry_settings, search, admin):
    user, chat = admin
    data = (COMMUNE_FILES / "recognitions_ok.csv").read_bytes()
    inbox = Inbox.for_settings(registry_settings)
    job = inbox.create(data, "ds-xa.csv", sha256=hashlib.sha256(data).hexdigest(),
                       actor=Actor.telegram(ADMIN_ID, "Quản trị"), chat_id=chat.id, kind="communes")
    inbox.update(job, state="indexing")  # killed during the import (rolled back with its transaction)
    async with running_bot(api, registry_settings, search, throttle=Throttle(burst=100)):
        resumed = await api.next_reply(chat)
        assert resumed.text.startswith("🔄 Bot vừa khởi động lại")
        final = await api.wait_for(lambda: api.message(chat, resumed.message_id).text[:1] in "✅❌"
                                   and api.message(chat, resumed.message_id), 60)
        assert final.text.startswith("✅ Đã nạp tệp “ds-xa.csv”: 7 dòng") and "Thêm mới: 7" in final.text
        assert "2023" in (await say(api, chat, user, "/xa Cao Xá, Tân Yên, Bắc Giang")).text
        queue = await say(api, chat, user, "/hangdoi")
        assert "#1 ✅ xong · ds-xa.csv" in queue.text and "7 dòng: thêm 7" in queue.text
    again = Inbox.for_settings(registry_settings).get(job.id)
    assert (again.state, again.interrupted) == ("done", 1)


async def test_a_commune_list_bomb_is_refused_by_the_child_process(api, bot, admin, tmp_path):
    user, chat = admin
    bomb = xlsx_of_rows(3_000_000, row=(1, 2, 3, 4))
    api.send_document(chat, user, "bom.xlsx", bomb)
    status = await api.next_reply(chat)
    final = await api.wait_for(lambda: api.message(chat, status.message_id).text.startswith("❌")
                               and api.message(chat, status.message_id), 60)
    assert "NTM_MAX_UNPACKED_MB" in final.text and "Không nạp được" in final.text
    job = Inbox.for_settings(bot.bot_data["admin"].service.settings).get(1)
    assert (job.kind, job.state) == ("communes", "failed") and "NTM_MAX_UNPACKED_MB" in job.result
    assert "#1 ❌ không nạp được · bom.xlsx" in (await say(api, chat, user, "/hangdoi")).text
async def test_ocr_pages_show_in_the_upload_status_while_it_is_checked(monkeypatch):
    shown: list[str] = []
    proceed = asyncio.Event()

    async def edit(message, text, reply_markup=None):
        shown.append(text)
        proceed.set()

    class Jobs:
        async def check(self, job, progress=None):
            progress(0, 3)
            await proceed.wait()  # until the status shows it
            progress(2, 3)
            proceed.clear()
            await proceed.wait()
            return "checked"

    monkeypatch.setattr(admin_jobs, "edit", edit)
    monkeypatch.setattr(admin_jobs, "PROGRESS_EVERY", 0.01)
    job = SimpleNamespace(file_name="ke-hoach <scan>.pdf")
    assert await admin_jobs._checked(object(), job, Jobs()) == "checked"
    assert shown == ["🔎 Đang nhận dạng chữ (OCR) “ke-hoach &lt;scan&gt;.pdf”: 0/3 trang scan…",
                     "🔎 Đang nhận dạng chữ (OCR) “ke-hoach &lt;scan&gt;.pdf”: 2/3 trang scan…"]
