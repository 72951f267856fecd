"""Conversations as people have them, with the real engine over the bundled corpus, through the fake Bot API.

A chain of follow-ups in one chat, a burst of questions pasted at once by one
person (the bot's default rate limit), and a group where only what is
addressed to the bot is answered.
"""

from __future__ import annotations

import json

import pytest

from tests.auxil.bot_harness import bot_settings, running_bot
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.paths import EVAL

pytestmark = pytest.mark.slow
DEV = [json.loads(line) for line in (EVAL / "dev.jsonl").read_text("utf-8").splitlines() if line.strip()]
IN_SCOPE = [row for row in DEV if row["kind"] != "out_of_scope"]
NOTICE = "Bạn hỏi hơi nhanh"
Q_HD = "Hải Dương năm 2025 phấn đấu thêm bao nhiêu xã NTM nâng cao?"


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api, tmp_path, engine):
    async with running_bot(api, bot_settings(api, tmp_path), engine) as app:
        yield app


def _head(reply) -> str:
    """What the reply says before its list of sources: the "Hiểu là" line and the 📌 lead."""
    return reply.text.split("\n[1] ")[0]


@pytest.mark.parametrize("pasted", [False, True], ids=["typed one by one", "pasted at once"])
async def test_a_chain_of_followups_stays_on_the_place_and_year(api, bot, pasted):
    user = api.new_user()
    chat = api.private_chat(user)
    chain = [Q_HD, "còn kiểu mẫu thì sao?", "còn tỷ lệ thì sao?"]
    if pasted:
        ids = [api.send_text(chat, user, q) for q in chain]
        replies = [await api.next_reply(chat, 60) for _ in chain]
        assert [r.reply_to_message_id for r in replies] == ids  # each answer quotes its question, in order
    else:
        replies = []
        for q in chain:
            api.send_text(chat, user, q)
            replies.append(await api.next_reply(chat, 60))
    first, kind, rate = replies
    assert "29 xã" in _head(first)
    assert "16 xã" in _head(kind)
    for follow in (kind, rate):
        assert "Hải Dương" in _head(follow) and "2025" in _head(follow), follow.text[:300]
    # Without the first turn "tỷ lệ" is answered from another province's plan.
    assert "\n[1] Hải Dương" in rate.text, rate.text[:500]


async def test_a_burst_of_eight_questions_is_answered_in_order(api, bot):
    """Eight questions within a second from one person: eight answers, in order, at most one notice."""
    user = api.new_user()
    chat = api.private_chat(user)
    rows = IN_SCOPE[:8]
    ids = [api.send_text(chat, user, row["q"]) for row in rows]
    replies = []
    while sum(not r.text.startswith(NOTICE) for r in replies) < len(rows):
        replies.append(await api.next_reply(chat, 120))
    assert await api.no_reply(chat, 1.0)
    notices = [r for r in replies if r.text.startswith(NOTICE)]
    answers = [r for r in replies if not r.text.startswith(NOTICE)]
    assert len(notices) <= 1  # the default pace (6 at once, then one every 5 s) sends exactly one
    assert [a.reply_to_message_id for a in answers] == ids
    missing = {row["id"]: [e for e in row["expect"] if e not in answer.text]
               for row, answer in zip(rows, answers, strict=True)}
    assert not {k: v for k, v in missing.items() if v}, missing


async def test_a_group_answers_only_what_is_addressed_to_the_bot(api, bot):
    user = api.new_user("Minh")
    group = api.group_chat()
    api.send_text(group, user, "Mọi người cho hỏi: " + Q_HD)  # no mention: talk among the members
    assert await api.no_reply(group, 1.0)
    mention_id = api.send_mention(group, user, Q_HD)
    mention = await api.next_reply(group, 60)
    assert mention.reply_to_message_id == mention_id and "29 xã" in _head(mention)
    hoi_id = api.send_command(group, user, "hoi", IN_SCOPE[1]["q"])
    hoi = await api.next_reply(group, 60)
    assert hoi.reply_to_message_id == hoi_id and IN_SCOPE[1]["expect"][0] in hoi.text
    api.send_command(group, user, "hoi", Q_HD, addressed=True)
    assert "29 xã" in _head(await api.next_reply(group, 60))
    reply_id = api.send_text(group, user, "còn kiểu mẫu thì sao?", reply_to=mention)  # a reply to the bot
    follow = await api.next_reply(group, 60)
    assert follow.reply_to_message_id == reply_id and "16 xã" in _head(follow)
    api.send_text(group, user, "còn kiểu mẫu thì sao?")  # the same words, not addressed
    assert await api.no_reply(group, 1.0)
