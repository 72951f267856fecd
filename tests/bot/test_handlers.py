"""The bot end to end through the fake Bot API server, with the in-memory search stand-in.

The same flows run against the real search engine in tests/e2e/test_bot.py; here
they are fast and cover every handler and failure path.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.question_queue import MAX_WAITING
from bot.throttle import Throttle
from knowledge.domain.db.usage import UsageLog
from tests.auxil.bot_harness import bot_settings, running_bot
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.fake_search import FakeSearch

Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"


@pytest.fixture(scope="module")
def search():
    return FakeSearch.from_corpus()


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api, tmp_path, search):
    async with running_bot(api, bot_settings(api, tmp_path), search) as app:
        yield app


@pytest.fixture
def person(api):
    user = api.new_user("Lan")
    return user, api.private_chat(user)


async def ask(api, chat, user, text, timeout=10):
    api.send_text(chat, user, text)
    return await api.next_reply(chat, timeout)


async def test_question_gets_lead_citations_and_buttons(api, bot, person):
    user, chat = person
    reply = await ask(api, chat, user, Q_HD)
    assert "<b>29 xã</b>" in reply.html
    assert "[1]" in reply.text and "[3]" in reply.text
    labels = [b.text for b in reply.buttons]
    assert labels[:3] == ["📄 [1]", "📄 [2]", "📄 [3]"] and "👍" in labels and "👎" in labels
    assert any(label.startswith("➕") for label in labels)


async def test_more_results_button_sends_next_page_and_drops_itself(api, bot, person):
    user, chat = person
    reply = await ask(api, chat, user, Q_HD)
    query_id = api.press_button(chat, user, reply, reply.button("➕").callback_data)
    page2 = await api.next_reply(chat)
    assert "[4]" in page2.text and "trang 2" in page2.text
    assert (await api.callback_answer(query_id)).text is None
    await api.wait_for(lambda: not any(b.text.startswith("➕") for b in api.message(chat, reply.message_id).buttons))


async def test_full_passage_button(api, bot, person, search):
    user, chat = person
    reply = await ask(api, chat, user, Q_HD)
    api.press_button(chat, user, reply, reply.button("📄 [1]").callback_data)
    full = await api.next_reply(chat)
    assert full.text.startswith("[1] ")
    assert "29 xã đạt chuẩn NTM nâng cao" in full.text


async def test_feedback_is_stored_with_the_question(api, bot, person, tmp_path):
    user, chat = person
    reply = await ask(api, chat, user, Q_HD)
    query_id = api.press_button(chat, user, reply, reply.button("👎").callback_data)
    assert (await api.callback_answer(query_id)).text == "Cảm ơn bạn đã đánh giá!"
    await api.wait_for(lambda: any(b.text == "👎 ✓" for b in api.message(chat, reply.message_id).buttons))
    usage: UsageLog = bot.bot_data["services"].usage
    qid = int(reply.button("👎").callback_data.split(":")[1])
    row = usage.question(qid)
    assert row.question == Q_HD and row.answered and row.user_id == user.id
    assert "hai-duong-ntm-2025" in row.doc_ids
    assert [f.value for f in usage.feedback_for(qid)] == [-1]
    api.press_button(chat, user, reply, reply.button("👍").callback_data)  # changing one's mind
    await api.wait_for(lambda: [f.value for f in usage.feedback_for(qid)] == [1])


async def test_buttons_work_after_restart(api, tmp_path, search, person):
    """Callback data carries the logged question id: a new process still resolves it."""
    user, chat = person
    settings = bot_settings(api, tmp_path)
    async with running_bot(api, settings, search):
        reply = await ask(api, chat, user, Q_HD)
    async with running_bot(api, settings, search):
        api.press_button(chat, user, reply, reply.button("📄 [2]").callback_data)
        assert (await api.next_reply(chat)).text.startswith("[2] ")
        api.press_button(chat, user, reply, reply.button("➕").callback_data)
        assert "[4]" in (await api.next_reply(chat)).text


async def test_out_of_scope(api, tmp_path, person):
    strict = FakeSearch.from_corpus(threshold=0.99)
    user, chat = person
    async with running_bot(api, bot_settings(api, tmp_path), strict):
        reply = await ask(api, chat, user, "Làm sao để đăng ký mua xe máy trả góp?")
    assert reply.text.startswith("Không tìm thấy")
    assert "/help" in reply.text and not reply.buttons


@pytest.mark.parametrize("text, expected", [
    ("x" * 5000, "quá dài"),
    ("😀😀😀", "bằng chữ"),
    ("   ", None),  # Telegram never delivers blank messages; nothing to check but no crash
    ("\x01\x02\x03", "bằng chữ"),
    ("/khonglenh", "không có lệnh"),
    ("/hoi", "ngay sau lệnh"),
    ("/start", "Xin chào Lan"),
    ("/help", "Ví dụ"),
    ("/nguon", "hai-duong-ntm-2025"),
    ("xin chào", "Xin chào"),
])
async def test_bad_input_and_commands_get_short_helpful_replies(api, bot, person, text, expected):
    user, chat = person
    reply = await ask(api, chat, user, text)
    if expected:
        assert expected in reply.text
    assert len(reply.text) < 4096


async def test_stickers_and_photos(api, bot, person):
    user, chat = person
    api.send_sticker(chat, user)
    assert "bằng chữ" in (await api.next_reply(chat)).text
    api.send_photo(chat, user, caption="ảnh")
    assert "bằng chữ" in (await api.next_reply(chat)).text


async def test_command_menu_is_set_at_start(api, bot):
    commands = [c["command"] for c in api.commands["default"]]
    assert {"hoi", "nguon", "help", "start", "chitieu", "tieuchi"} <= set(commands)  # bot.targets merged
    user = api.new_user()
    chat = api.private_chat(user)
    assert "/chitieu" in (await ask(api, chat, user, "/help")).text


async def test_groups_answer_only_commands_mentions_and_replies(api, bot):
    user = api.new_user("Minh")
    group = api.group_chat()
    api.send_text(group, user, "Mọi người họp lúc 8 giờ nhé, Hải Dương bao nhiêu xã NTM nâng cao?")
    assert await api.no_reply(group, 0.5)
    api.send_mention(group, user, Q_HD)
    mention = await api.next_reply(group)
    assert "<b>29 xã</b>" in mention.html and mention.reply_to_message_id is not None
    api.send_command(group, user, "hoi", Q_HD, addressed=True)
    assert "<b>29 xã</b>" in (await api.next_reply(group)).html
    api.send_text(group, user, "còn năm 2024 thì sao?", reply_to=mention)
    follow = await api.next_reply(group)
    assert "Hiểu là" in follow.text and "2024" in follow.text
    api.send_sticker(group, user)
    api.send_text(group, user, "/lenhkhac@another_bot")
    assert await api.no_reply(group, 0.5)


async def test_followups_in_private_chat(api, bot, person):
    user, chat = person
    await ask(api, chat, user, "Bắc Giang năm 2024 chỉ đạo thêm bao nhiêu xã đạt chuẩn nông thôn mới?")
    reply = await ask(api, chat, user, "tỉnh Long An thì sao?")
    assert "Hiểu là" in reply.text and "Long An" in reply.text.split("\n")[0]


async def test_fifty_concurrent_users_all_answered(api, bot):
    users = [api.new_user(f"U{i}") for i in range(50)]
    chats = [api.private_chat(u) for u in users]
    for user, chat in zip(users, chats, strict=True):
        api.send_text(chat, user, Q_HD)
    replies = await asyncio.gather(*(api.next_reply(c, timeout=60) for c in chats))
    assert all("<b>29 xã</b>" in r.html for r in replies)


async def test_flood_control_and_bad_gateway_are_survived(api, bot, person):
    user, chat = person
    api.fail_next("sendMessage", 429, retry_after=1)
    reply = await ask(api, chat, user, Q_HD, timeout=20)
    assert "<b>29 xã</b>" in reply.html
    api.fail_next("sendMessage", 502, times=2)
    reply = await ask(api, chat, user, Q_HD, timeout=20)
    assert "<b>29 xã</b>" in reply.html
    api.fail_next("getUpdates", 502)
    assert "<b>29 xã</b>" in (await ask(api, chat, user, Q_HD, timeout=20)).html


async def test_errors_are_reported_and_the_bot_keeps_running(api, bot, person, monkeypatch):
    user, chat = person
    services = bot.bot_data["services"]

    def broken(text, chat_key):
        raise RuntimeError("boom")

    monkeypatch.setattr(services.answers, "ask", broken)
    reply = await ask(api, chat, user, Q_HD)
    assert reply.text.startswith("Xin lỗi, đã có lỗi")
    monkeypatch.undo()
    assert "<b>29 xã</b>" in (await ask(api, chat, user, Q_HD)).html


BURST = [Q_HD, "Bắc Giang năm 2024 chỉ đạo thêm bao nhiêu xã đạt chuẩn nông thôn mới?",
         "Long An muốn có bao nhiêu xã NTM kiểu mẫu?", "TPHCM rà soát tiêu chí xã nông thôn mới nâng cao?",
         "Hải Dương phát triển mô hình thôn, xóm như thế nào?", "tphcm muc tieu ty le tre em 5 tuoi ra lop",
         "Công văn số 6425/UBND-VHXH của UBND tỉnh Long An ban hành ngày nào?",
         "TPHCM tránh điều gì khi khen thưởng các xã đạt chuẩn nông thôn mới?"]


def _split_notices(replies, start: str = "Bạn hỏi hơi nhanh"):
    notices = [r for r in replies if r.text.startswith(start)]
    return notices, [r for r in replies if not r.text.startswith(start)]


async def test_a_burst_is_answered_in_order_with_one_polite_notice(api, tmp_path, search, person):
    """Pasting several questions at once: each is answered, in order, quoting it; the rate limit only delays."""
    user, chat = person
    async with running_bot(api, bot_settings(api, tmp_path), search, throttle=Throttle(burst=3, every=0.2)):
        api.fail_next("sendMessage", 429, retry_after=1)  # and Telegram's flood control in the middle of it
        ids = [api.send_text(chat, user, q) for q in BURST]
        replies = [await api.next_reply(chat, 30) for _ in range(len(BURST) + 1)]
        assert await api.no_reply(chat, 0.5)  # one notice, not one per message
    assert min(r.sent_at for r in replies) - api.last_pushed_at >= 1.0  # all paused for retry_after
    notices, answers = _split_notices(replies)
    assert len(notices) == 1 and "không cần gửi lại" in notices[0].text
    assert [a.reply_to_message_id for a in answers] == ids
    assert "<b>29 xã</b>" in answers[0].html


async def test_past_the_cap_the_person_is_told_what_was_not_taken(api, tmp_path, search, person):
    user, chat = person
    async with running_bot(api, bot_settings(api, tmp_path), search, throttle=Throttle(burst=1, every=60)):
        ids = [api.send_text(chat, user, f"{Q_HD} ({i})") for i in range(MAX_WAITING + 3)]
        await api.wait_for(lambda: len(api.sent(chat)) >= 3)  # first answer, the wait notice, the refusal
    # leaving the block stops the bot: what waited for the rate limit is answered now, nothing is lost
    replies = api.sent(chat)
    refused, rest = _split_notices(replies, "Bạn đang có")
    notices, answers = _split_notices(rest)
    assert len(refused) == 1 and refused[0].reply_to_message_id == ids[MAX_WAITING]
    assert f"{MAX_WAITING} câu hỏi chờ" in refused[0].text and "không được trả lời" in refused[0].text
    assert len(notices) == 1
    assert [a.reply_to_message_id for a in answers] == ids[:MAX_WAITING]


async def test_people_in_a_group_each_get_their_answers_in_order(api, tmp_path, search):
    group = api.group_chat()
    lan, minh = api.new_user("Lan"), api.new_user("Minh")
    async with running_bot(api, bot_settings(api, tmp_path), search, throttle=Throttle(burst=100)):
        sent = {lan.id: [], minh.id: []}
        for q in BURST[:3]:
            for user in (lan, minh):
                sent[user.id].append(api.send_mention(group, user, q))
        replies = [await api.next_reply(group, 30) for _ in range(6)]
    by_person = {uid: [r.reply_to_message_id for r in replies if r.reply_to_message_id in ids]
                 for uid, ids in sent.items()}
    assert by_person == sent


async def test_answers_without_a_database(api, tmp_path, search, person):
    user, chat = person
    async with running_bot(api, bot_settings(api, tmp_path), search, database=False):
        reply = await ask(api, chat, user, Q_HD)
        api.press_button(chat, user, reply, reply.button("📄 [1]").callback_data)
        assert (await api.next_reply(chat)).text.startswith("[1] ")
        query_id = api.press_button(chat, user, reply, reply.button("👍").callback_data)
        assert (await api.callback_answer(query_id)).text == "Chưa lưu được đánh giá, bạn thử lại sau."


async def test_commune_status_question_answered_from_the_registry(api, bot, person):
    user, chat = person
    reply = await ask(api, chat, user, "xã Ngọc Thiện đạt nông thôn mới chưa?", timeout=30)
    assert "Ngọc Thiện" in reply.text and not reply.buttons


def _long_decision():
    """A decision whose Điều 2 has many long clauses: its passages are windows of one article."""
    from indexer.passages import document_passages
    from indexer.readers import SourceDocument
    from knowledge.retrieval.search import DocumentInfo

    clauses = "\n\n".join(
        f"{n}. Xã đạt chuẩn nông thôn mới nâng cao phải đạt nội dung số {n} về hạ tầng & môi trường <xanh>; "
        + "các sở, ngành hướng dẫn thực hiện theo quy định hiện hành của tỉnh và trung ương. " * 12
        for n in range(1, 13))
    text = ("Điều 1. Ban hành kèm theo Quyết định này Bộ tiêu chí xã nông thôn mới nâng cao.\n\n"
            f"Điều 2. Tổ chức thực hiện\n\n{clauses}\n\nĐiều 3. Quyết định này có hiệu lực từ ngày ký.")
    doc = SourceDocument("qd211", "Bộ tiêu chí xã nông thôn mới nâng cao", text, number="211/QĐ-TTg",
                         doc_type="Quyết định")
    info = DocumentInfo("qd211", doc.title, "Thủ tướng Chính phủ", "2022-03-08", None, [], 0,
                        number="211/QĐ-TTg", doc_type="Quyết định")
    return info, document_passages(doc)


async def test_full_passage_button_shows_the_whole_article_over_several_messages(api, tmp_path, person):
    search = FakeSearch.from_corpus()
    info, records = _long_decision()
    search.add_records(info, records)
    user, chat = person
    async with running_bot(api, bot_settings(api, tmp_path), search):
        reply = await ask(api, chat, user, "Xã đạt chuẩn nông thôn mới nâng cao phải đạt nội dung số 9 về hạ tầng?")
        assert "[1] Điều 2 khoản" in reply.text and "Quyết định 211/QĐ-TTg" in reply.text
        api.press_button(chat, user, reply, reply.button("📄 [1]").callback_data)
        pages = [await api.next_reply(chat)]
        while "(tiếp theo" not in pages[-1].text or f"/{len(pages)})" not in pages[-1].text.split("\n")[0]:
            pages.append(await api.next_reply(chat))  # the fake server refuses bad HTML and over-long text
    assert 2 <= len(pages) <= 6
    assert pages[0].text.startswith("[1] Điều 2 · Quyết định 211/QĐ-TTg")
    whole = " ".join(p.text for p in pages)
    assert all(f"nội dung số {n} về hạ tầng & môi trường <xanh>" in whole for n in range(1, 13))
    assert "Điều 1." not in whole and "Điều 3." not in whole
