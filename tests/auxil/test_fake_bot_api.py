"""The fake Bot API server works with a plain python-telegram-bot Application (an echo bot)."""

from __future__ import annotations

import asyncio
import datetime as dtm
import re

import pytest
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from tests.auxil.fake_bot_api import BotApiError, FakeBotApi, parse_telegram_html, utf16_len
from tests.auxil.polling import builder_for, polling


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_html(
        f"<b>echo</b> {update.effective_message.text_html}",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Thêm", callback_data="more:1")]]))


async def _button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer(f"ok {query.data}")
    await query.edit_message_text(f"pressed {query.data}")


async def _file(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    file = await update.effective_message.document.get_file()
    data = await file.download_as_bytearray()
    await update.effective_message.reply_text(f"{len(data)} bytes: {bytes(data).decode()}")


async def _menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.set_my_commands([BotCommand("hoi", "Đặt câu hỏi")])
    await update.effective_message.reply_text("menu set")


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def echo_bot(api):
    app = builder_for(api).build()
    app.add_handler(CommandHandler("menu", _menu))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    app.add_handler(MessageHandler(filters.Document.ALL, _file))
    app.add_handler(CallbackQueryHandler(_button))
    async with polling(app, api):
        yield app


async def test_echo_reply_with_html_and_buttons(api, echo_bot):
    user = api.new_user("Lan")
    chat = api.private_chat(user)
    api.send_text(chat, user, "xin chào <bạn> & mọi người")
    reply = await api.next_reply(chat)
    assert reply.text == "echo xin chào <bạn> & mọi người"
    assert reply.html.startswith("<b>echo</b> xin chào &lt;bạn&gt; &amp;")
    assert [b.text for b in reply.buttons] == ["Thêm"]


async def test_button_press_is_answered_and_edits(api, echo_bot):
    user = api.new_user()
    chat = api.private_chat(user)
    api.send_text(chat, user, "hi")
    reply = await api.next_reply(chat)
    query_id = api.press_button(chat, user, reply, reply.button("Thêm").callback_data)
    answer = await api.callback_answer(query_id)
    assert answer.text == "ok more:1"
    await api.wait_for(lambda: api.message(chat, reply.message_id).edits)
    edited = api.message(chat, reply.message_id)
    assert edited.text == "pressed more:1" and edited.edits == ["echo hi"] and not edited.buttons


async def test_document_download_and_commands(api, echo_bot):
    user = api.new_user()
    chat = api.private_chat(user)
    api.send_document(chat, user, "ke-hoach.txt", "nội dung".encode(), "text/plain")
    assert (await api.next_reply(chat)).text == f"{len('nội dung'.encode())} bytes: nội dung"
    api.send_command(chat, user, "menu")
    assert (await api.next_reply(chat)).text == "menu set"
    assert api.commands["default"] == [{"command": "hoi", "description": "Đặt câu hỏi"}]


async def test_many_chats_long_polling_delivers_everything(api, echo_bot):
    users = [api.new_user(f"U{i}") for i in range(20)]
    chats = [api.private_chat(u) for u in users]
    for user, chat in zip(users, chats, strict=True):
        api.send_text(chat, user, f"câu {user.first_name}")
    replies = await asyncio.gather(*(api.next_reply(c) for c in chats))
    assert [r.text for r in replies] == [f"echo câu U{i}" for i in range(20)]
    await api.wait_for(lambda: api.pending_updates == 0)


async def test_group_mentions_and_addressed_commands_get_entities(api):
    seen = []

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append((update.effective_message.text, [e.type for e in update.effective_message.entities]))

    app = builder_for(api).build()
    app.add_handler(MessageHandler(filters.ALL, record))
    user = api.new_user()
    group = api.group_chat()
    async with polling(app, api):
        api.send_mention(group, user, "hỏi gì đó")
        api.send_command(group, user, "hoi", "abc", addressed=True)
        api.send_sticker(group, user)
        api.send_photo(group, user)
        await api.wait_for(lambda: len(seen) == 4)
    assert seen[0] == (f"@{api.bot_username} hỏi gì đó", ["mention"])
    assert seen[1] == (f"/hoi@{api.bot_username} abc", ["bot_command"])
    assert seen[2][0] is None and seen[3][0] is None


async def test_injected_errors_surface_as_ptb_exceptions(api):
    user = api.new_user()
    chat = api.private_chat(user)
    async with builder_for(api).build().bot as bot:
        api.fail_next("sendMessage", 429, retry_after=3)
        with pytest.raises(RetryAfter) as retry:
            await bot.send_message(chat.id, "x")
        assert retry.value.retry_after in (3, dtm.timedelta(seconds=3))
        api.fail_next("sendMessage", 502)
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(chat.id, "x")
        message = await bot.send_message(chat.id, "same")
        with pytest.raises(BadRequest, match="not modified"):
            await bot.edit_message_text("same", chat_id=chat.id, message_id=message.message_id)
        with pytest.raises(BadRequest, match="too long"):
            await bot.send_message(chat.id, "a" * 4097)
        with pytest.raises(BadRequest, match="parse entities"):
            await bot.send_message(chat.id, "<b>unclosed", parse_mode="HTML")
        with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
            await bot.send_message(chat.id, "x", reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("b", callback_data="x" * 65)]]))
    assert len(api.sent(chat)) == 1


async def test_long_poll_waits_then_returns_on_new_update(api):
    async with builder_for(api).build().bot as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await api.wait_for(lambda: api.calls_to("getUpdates"))
        assert not poll.done()
        user = api.new_user()
        api.send_text(api.private_chat(user), user, "hello")
        updates = await asyncio.wait_for(poll, 5)
        assert [u.message.text for u in updates] == ["hello"]
        # not confirmed yet: delivered again; confirmed by offset: gone
        assert len(await bot.get_updates(timeout=0)) == 1
        assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()


def test_html_parsing_rules():
    assert parse_telegram_html("<b>1</b> &lt;2&gt; <a href=\"x\">l</a>") == "1 <2> l"
    for bad in ("<div>x</div>", "<b>x", "<b><i>x</b></i>", "a < b", "AT&T"):
        with pytest.raises(BotApiError):
            parse_telegram_html(bad)
    assert utf16_len("👍a") == 3


async def test_refuses_what_telegram_refuses_empty_text_and_length_in_utf16_units(api):
    user = api.new_user()
    chat = api.private_chat(user)
    async with builder_for(api).build().bot as bot:
        with pytest.raises(BadRequest, match="empty"):
            await bot.send_message(chat.id, "<b> </b>", parse_mode="HTML")
        emoji = "😀" * 2049  # 2,049 code points, 4,098 UTF-16 units: over Telegram's 4,096
        with pytest.raises(BadRequest, match="too long"):
            await bot.send_message(chat.id, emoji)
        await bot.send_message(chat.id, "😀" * 2048)  # exactly 4,096 units: accepted
        with pytest.raises(BadRequest, match="parse entities"):
            await bot.send_message(chat.id, "<div>khối</div>", parse_mode="HTML")
    assert len(api.sent(chat)) == 1


# --------------------------------------------------------------------------- inline mode


def _article(result_id: str = "1", text: str = "<b>29 xã</b> đạt chuẩn", **kw):
    from telegram import InlineQueryResultArticle, InputTextMessageContent

    return InlineQueryResultArticle(result_id, kw.pop("title", "Tiêu đề"),
                                    InputTextMessageContent(text, parse_mode="HTML"), **kw)


@pytest.fixture
async def raw_bot(api):
    app = builder_for(api).build()
    await app.initialize()
    yield app.bot
    await app.shutdown()


async def test_inline_queries_need_inline_mode_switched_on(api):
    with pytest.raises(AssertionError, match="setinline"):
        api.send_inline_query(api.new_user(), "xã")
    api.enable_inline()
    assert api.bot_user["supports_inline_queries"]


async def test_inline_answer_is_recorded_and_a_result_can_be_dropped_into_a_chat(api, raw_bot):
    api.enable_inline(feedback=True)
    user = api.new_user("Lan")
    query_id = api.send_inline_query(user, "bao nhiêu xã")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Mở", url="https://t.me/ntm_test_bot?start=x1")]])
    assert await raw_bot.answer_inline_query(query_id, [_article(reply_markup=markup)], cache_time=60,
                                             is_personal=True)
    answer = await api.inline_answer(query_id)
    assert answer.ids == ["1"] and answer.cache_time == 60 and answer.is_personal
    assert answer.text(0) == "29 xã đạt chuẩn" and answer.buttons(0)[0].text == "Mở"
    group = api.group_chat()
    dropped = api.choose_inline_result(user, group, answer)
    assert dropped.text == "29 xã đạt chuẩn" and api.sent(group) == [dropped]
    assert api.open_deep_link(user, dropped.buttons[0].url)
    assert api._user_messages[user.id][1]["text"] == "/start x1"
    assert [u for u in api._updates if "chosen_inline_result" in u]


@pytest.mark.parametrize(("results", "error"), [
    ([_article(str(i)) for i in range(51)], "RESULTS_TOO_MUCH"),
    ([_article("a"), _article("a")], "RESULT_ID_DUPLICATE"),
    ([_article("é" * 33)], "RESULT_ID_INVALID"),  # 66 bytes
    ([_article(text="<b>29 xã")], "can't parse entities"),
    ([_article(text="x" * 4097)], "MESSAGE_TOO_LONG"),
    ([_article(text="   ")], "MESSAGE_EMPTY"),
    ([_article(title=" ")], "RESULT_TITLE_EMPTY"),
    ([_article(reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("x", url="t.me/x")]]))],
     "BUTTON_URL_INVALID"),
])
async def test_answer_inline_query_refuses_what_telegram_refuses(api, raw_bot, results, error):
    api.enable_inline()
    query_id = api.send_inline_query(api.new_user(), "q")
    with pytest.raises(BadRequest, match=f"(?i){re.escape(error)}"):
        await raw_bot.answer_inline_query(query_id, results)


async def test_unknown_and_already_answered_queries_and_bad_start_parameters(api, raw_bot):
    from telegram import InlineQueryResultsButton

    api.enable_inline()
    with pytest.raises(BadRequest, match="(?i)query id is invalid"):
        await raw_bot.answer_inline_query("999", [_article()])
    query_id = api.send_inline_query(api.new_user(), "q")
    with pytest.raises(BadRequest, match="(?i)start_param_invalid"):
        await raw_bot.answer_inline_query(query_id, [], button=InlineQueryResultsButton("x", start_parameter="a b"))
    await raw_bot.answer_inline_query(query_id, [], button=InlineQueryResultsButton("x", start_parameter="help"))
    with pytest.raises(BadRequest, match="(?i)query id is invalid"):
        await raw_bot.answer_inline_query(query_id, [_article()])
