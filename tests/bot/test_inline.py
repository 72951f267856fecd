"""Inline mode end to end through the fake Bot API, with the in-memory search stand-in:
`@bot câu hỏi` -> cards with the citation, the deep link -> the full answer in the private chat,
commune names -> the commune card, short queries -> help, the per-person rate limit."""

from __future__ import annotations

import pytest

from bot import deeplink
from bot.throttle import Throttle
from tests.auxil.bot_harness import bot_settings, running_bot
from tests.auxil.communes_db import clear_recognitions, registry_service
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.fake_search import FakeSearch

Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"
LIST = ("Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Số quyết định;Tiêu chí đạt\n"
        "Bắc Giang;Tân Yên;Cao Xá;NTM;2015;123/QĐ-UBND;19\n"
        "Bắc Giang;Tân Yên;Cao Xá;NTM nâng cao;2022;456/QĐ-UBND;1-5,7-19\n")


@pytest.fixture(scope="module")
def search():
    return FakeSearch.from_corpus()


@pytest.fixture(scope="module")
def registry():
    service = registry_service("sqlite")
    clear_recognitions(service)
    assert service.import_bytes(LIST.encode(), "ds.csv").ok
    yield service
    clear_recognitions(service)


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        server.enable_inline()
        yield server


@pytest.fixture
async def bot(api, tmp_path, search, registry):
    settings = bot_settings(api, tmp_path, NTM_DATABASE_URL=registry.engine.url.render_as_string(False))
    async with running_bot(api, settings, search) as app:
        yield app


async def test_question_gives_cards_with_lead_figure_and_source(api, bot):
    user = api.new_user("Lan")
    answer = await api.inline_answer(api.send_inline_query(user, Q_HD))
    first = answer.results[0]
    assert first["title"].startswith("📌") and len(first["title"]) <= 64
    assert "<b>29 xã</b>" in first["input_message_content"]["message_text"]
    text = answer.text(0)
    assert Q_HD in text and "[1]" in text and "Cổng thông tin điện tử, 12/01/2024" in text
    assert [r["id"] for r in answer.results][:2] == ["a", "c1"]
    assert answer.cache_time and not answer.is_personal
    button = answer.buttons(0)[0]
    assert button.url.startswith(f"https://t.me/{api.bot_username}?start=")


async def test_deep_link_opens_the_full_answer_in_the_private_chat(api, bot):
    user = api.new_user("Lan")
    answer = await api.inline_answer(api.send_inline_query(user, Q_HD))
    group = api.group_chat()
    dropped = api.choose_inline_result(user, group, answer)
    assert "29 xã" in dropped.text and dropped.payload["via_bot"]["username"] == api.bot_username
    api.open_deep_link(user, dropped.buttons[0].url)
    full = await api.next_reply(api.private_chat(user))
    assert full.text.startswith("📌") and "<b>29 xã</b>" in full.html and "[3]" in full.text
    assert any(b.text.startswith("📄") for b in full.buttons)


async def test_long_question_links_through_the_question_log(api, bot):
    question = Q_HD + " Và tỉnh đã giao chỉ tiêu này cho các huyện như thế nào trong kế hoạch năm đó?"
    assert deeplink.question_payload(question) is None
    user = api.new_user("Minh")
    answer = await api.inline_answer(api.send_inline_query(user, question))
    url = answer.buttons(0)[0].url
    payload = url.split("start=", 1)[1]
    assert payload.startswith("l") and len(payload) <= 64
    usage = bot.bot_data["services"].usage
    assert usage.question(int(payload[1:])).interface == "inline"
    api.open_deep_link(user, url)
    full = await api.next_reply(api.private_chat(user))
    assert "29 xã" in full.text


async def test_commune_name_gives_the_commune_card(api, bot):
    user = api.new_user("Hoa")
    answer = await api.inline_answer(api.send_inline_query(user, "cao xa, bac giang"))
    assert len(answer.results) == 1 and answer.results[0]["title"].startswith("Xã Cao Xá")
    text = answer.text(0)
    assert "Mức cao nhất: NTM nâng cao (năm 2022)" in text and "❌ 6." in text
    api.open_deep_link(user, answer.buttons(0)[0].url)
    card = await api.next_reply(api.private_chat(user))
    assert card.text.startswith("🏡 Xã Cao Xá")


async def test_empty_and_short_queries_get_the_help_card(api, bot):
    user = api.new_user()
    for typed in ("", "x", "  ?? "):
        answer = await api.inline_answer(api.send_inline_query(user, typed))
        assert answer.ids == ["help"] and f"@{api.bot_username}" in answer.text(0)
        assert answer.button["start_parameter"] == "help"


async def test_inline_queries_share_the_question_rate_limit(api, tmp_path, search):
    async with running_bot(api, bot_settings(api, tmp_path), search, database=False,
                           throttle=Throttle(burst=2, every=60)):
        user = api.new_user("Nhanh")
        for _ in range(2):
            assert (await api.inline_answer(api.send_inline_query(user, Q_HD))).results
        refused = await api.inline_answer(api.send_inline_query(user, Q_HD))
        assert refused.results == [] and refused.cache_time == 0 and refused.is_personal
        assert refused.button["text"].startswith("⏳ Bạn hỏi hơi nhanh")
        other = api.new_user("Khác")
        assert (await api.inline_answer(api.send_inline_query(other, Q_HD))).results


async def test_unreadable_deep_link_says_so_and_greets(api, bot):
    user = api.new_user("Lan")
    chat = api.private_chat(user)
    for payload in ("q%%%", "qAAAA", "z123"):
        api.send_text(chat, user, f"/start {payload}")
        unreadable = await api.next_reply(chat)
        assert unreadable.text.startswith("Liên kết này không đọc được")
        greeting = await api.next_reply(chat)
        assert "nông thôn mới" in greeting.text


async def test_stale_links_say_so(api, bot):
    user = api.new_user("Lan")
    chat = api.private_chat(user)
    for payload in ("x99999999", "l99999999"):
        api.send_text(chat, user, f"/start {payload}")
        assert (await api.next_reply(chat)).text.startswith("Liên kết này đã cũ")


async def test_short_question_link_needs_no_log_row(api, bot):
    user = api.new_user("Lan")
    answer = await api.inline_answer(api.send_inline_query(user, "tiêu chí số 17"))
    payload = answer.buttons(0)[0].url.split("start=", 1)[1]
    assert payload.startswith("q") and deeplink.parse(payload).value == "tiêu chí số 17"
    api.open_deep_link(user, answer.buttons(0)[0].url)
    assert (await api.next_reply(api.private_chat(user))).text


async def test_an_engine_failure_is_said_on_the_spot(api, bot, monkeypatch):
    services = bot.bot_data["services"]

    async def broken(*args):
        raise RuntimeError("index gone")

    monkeypatch.setattr(services, "ask", broken)
    answer = await api.inline_answer(api.send_inline_query(api.new_user(), Q_HD))
    assert answer.results == [] and answer.cache_time == 0 and answer.button["text"].startswith("⚠️")
