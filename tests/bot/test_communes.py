"""/xa and /thongke end to end: python-telegram-bot Application, our handlers, the fake Bot API server."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot import communes as bot_communes
from tests.auxil.communes_db import clear_recognitions, registry_service
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.polling import builder_for, polling

LIST = ("Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Số quyết định;Số tiêu chí đạt\n"
        "Bắc Giang;Tân Yên;Cao Xá;NTM;2015;123/QĐ-UBND;19\n"
        "Bắc Giang;Tân Yên;Cao Xá;NTM kiểu mẫu;2023;789/QĐ-UBND;19\n")


@pytest.fixture(scope="module")
def service():
    service = registry_service("sqlite")
    clear_recognitions(service)
    assert service.import_bytes(LIST.encode(), "ds.csv").ok
    yield service
    clear_recognitions(service)


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api, service):
    app = builder_for(api).build()
    app.bot_data["services"] = SimpleNamespace(db_engine=service.engine)
    commands = bot_communes.register(app)
    assert [c.command for c in commands] == ["xa", "thongke", "xuat"]
    async with polling(app, api):
        yield app


@pytest.fixture
def person(api):
    user = api.new_user("Lan")
    return user, api.private_chat(user)


async def command(api, chat, user, name, args=""):
    api.send_command(chat, user, name, args)
    return await api.next_reply(chat)


async def test_card_for_one_match(api, bot, person):
    user, chat = person
    reply = await command(api, chat, user, "xa", "cao xa, bac giang")
    assert reply.text.startswith("🏡 Xã Cao Xá – huyện Tân Yên, tỉnh Bắc Giang (cũ)")
    assert "Xã Cao Xá (cũ) nay thuộc xã Tân Yên, tỉnh Bắc Ninh." in reply.text
    assert "Mức cao nhất: NTM kiểu mẫu (năm 2023)" in reply.text
    assert "QĐ số 789/QĐ-UBND" in reply.text and "đạt 19/19 tiêu chí" in reply.text
    assert not reply.buttons


async def test_choice_buttons_then_a_card(api, bot, person, service):
    user, chat = person
    reply = await command(api, chat, user, "xa", "Cao Xá")
    assert reply.text.startswith("Có 2 đơn vị ứng với “Cao Xá”")
    labels = [b.text for b in reply.buttons]
    assert labels == ["Xã Cao Xá – Tân Yên, Bắc Giang (cũ)", "Xã Cao Xá – Lâm Thao, Phú Thọ (cũ)"]
    assert all(b.callback_data.startswith("xa:") for b in reply.buttons)
    query_id = api.press_button(chat, user, reply, reply.button("Xã Cao Xá – Lâm Thao").callback_data)
    card = await api.next_reply(chat)
    assert card.text.startswith("🏡 Xã Cao Xá – huyện Lâm Thao, tỉnh Phú Thọ (cũ)")
    assert "Chưa có dữ liệu công nhận nông thôn mới nào được nạp cho xã Cao Xá." in card.text
    assert (await api.callback_answer(query_id)).text in (None, "")


async def test_many_candidates_are_capped(api, bot, person):
    user, chat = person
    reply = await command(api, chat, user, "xa", "Tân Thành")
    assert len(reply.buttons) == bot_communes.MAX_BUTTONS
    assert "thêm tên tỉnh để thu hẹp" in reply.text


async def test_not_found_with_closest_names(api, bot, person):
    user, chat = person
    reply = await command(api, chat, user, "xa", "Cao Xanhh Tân Yênnn")
    assert reply.text.startswith("Không tìm thấy xã/phường “Cao Xanhh Tân Yênnn”")
    assert "Tên gần nhất:" in reply.text and reply.buttons


async def test_usage_and_escaping(api, bot, person):
    user, chat = person
    reply = await command(api, chat, user, "xa")
    assert reply.text.startswith("/xa <tên xã>:")
    reply = await command(api, chat, user, "xa", "<b>x'; DROP TABLE communes--</b>")
    assert reply.text.startswith("Không tìm thấy")


async def test_stale_or_forged_button(api, bot, person):
    user, chat = person
    reply = await command(api, chat, user, "xa", "Cao Xá")
    for data in ("xa:999999999", "xa:abc"):
        query_id = api.press_button(chat, user, reply, data)
        assert (await api.callback_answer(query_id)).text == bot_communes.STALE


async def test_thongke(api, bot, person):
    user, chat = person
    reply = await command(api, chat, user, "thongke", "Bắc Ninh")  # a chart, the table as its caption
    assert reply.photo and reply.caption.startswith("📊 Thống kê nông thôn mới – tỉnh Bắc Ninh")
    assert "Đạt chuẩn NTM (mọi mức): 1 đơn vị" in reply.caption and "ds.csv" in reply.caption
    reply = await command(api, chat, user, "thongke")
    assert reply.photo and "cả nước" in reply.caption and "3.321 hiện nay" in reply.caption
    reply = await command(api, chat, user, "thongke", "Narnia")
    assert reply.text.startswith("Không tìm thấy tỉnh/thành phố “Narnia”")


async def test_group_command_with_bot_name(api, bot):
    user = api.new_user("Minh")
    group = api.group_chat()
    api.send_command(group, user, "xa", "Tân Yên, Bắc Ninh", addressed=True)
    reply = await api.next_reply(group)
    assert reply.text.startswith("🏡 Xã Tân Yên – tỉnh Bắc Ninh") and reply.reply_to_message_id


async def test_the_real_application_registers_the_commands(api, service, tmp_path):
    from bot.application import register_handlers
    from tests.auxil.settings import make_settings

    app = builder_for(api).build()
    # Every extension registers (admin needs settings and search too), communes among them.
    app.bot_data["services"] = SimpleNamespace(db_engine=service.engine, settings=make_settings(tmp_path), search=None)
    commands = [c.command for c in register_handlers(app)]
    assert "xa" in commands and "thongke" in commands
