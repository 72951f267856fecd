"""Inline mode end to end with the real search engine over the bundled corpus, through the fake Bot API:
`@bot câu hỏi` in a group offers the cited answer, the card's button opens the full answer in private,
a commune's name gives its card with the criteria checklist and the timeline."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import subprocess
import sys

import pytest

from tests.auxil.bot_harness import bot_settings, running_bot, subprocess_env
from tests.auxil.communes_db import clear_recognitions, registry_service
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.paths import EVAL, REPO

pytestmark = pytest.mark.slow
DEV = [json.loads(line) for line in (EVAL / "dev.jsonl").read_text("utf-8").splitlines() if line.strip()]
IN_SCOPE = [row for row in DEV if row["kind"] != "out_of_scope"]
LIST = ("Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Số quyết định;" + ";".join(f"TC{n}" for n in range(1, 20))
        + "\nBắc Giang;Tân Yên;Cao Xá;NTM;2015;123/QĐ-UBND" + ";" * 19
        + "\nBắc Giang;Tân Yên;Cao Xá;NTM nâng cao;2022;456/QĐ-UBND;" + ";".join(
            "" if n == 6 else "x" for n in range(1, 20)) + "\n")


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
async def bot(api, tmp_path, engine, registry):
    settings = bot_settings(api, tmp_path, NTM_DATABASE_URL=registry.engine.url.render_as_string(False))
    async with running_bot(api, settings, engine) as app:
        yield app


async def test_inline_answers_carry_the_facts_and_the_citation(api, bot):
    for row in IN_SCOPE:  # one person each: a single person would be paced by the rate limit
        answer = await api.inline_answer(api.send_inline_query(api.new_user(), row["q"]), 60)
        assert answer.ids[0] == "a", (row["id"], answer.results[0]["title"])
        text = answer.text(0)
        assert text.startswith(f"❓ {row['q']}") and re.search(r"\n\n\[\d\] \S.* · \S", text), text
        shown = " ".join(answer.text(i) for i in range(len(answer.results)))
        assert all(e in shown for e in row["expect"]), (row["id"], row["expect"], shown[:400])


async def test_the_card_dropped_into_a_group_opens_the_full_answer(api, bot):
    user = api.new_user("Minh")
    row = IN_SCOPE[0]
    answer = await api.inline_answer(api.send_inline_query(user, row["q"]), 60)
    group = api.group_chat()
    dropped = api.choose_inline_result(user, group, answer)
    api.open_deep_link(user, dropped.buttons[0].url)
    full = await api.next_reply(api.private_chat(user), 60)
    assert full.text.startswith("📌") and all(e in full.text for e in row["expect"])
    assert any(b.text.startswith("📄") for b in full.buttons)


async def test_commune_card_inline_has_the_checklist_and_the_timeline(api, bot):
    user = api.new_user("Hoa")
    answer = await api.inline_answer(api.send_inline_query(user, "Cao Xá, Tân Yên, Bắc Giang"), 60)
    text = answer.text(0)
    assert "• 2015 → NTM – QĐ số 123/QĐ-UBND" in text and "• 2022 → NTM nâng cao" in text
    assert text.index("2015 →") < text.index("2022 →")
    assert "❌ 6. Cơ sở vật chất văn hóa" in text and text.count("✅") == 18
    api.open_deep_link(user, answer.buttons(0)[0].url)
    card = await api.next_reply(api.private_chat(user), 60)
    assert "❌ 6. Cơ sở vật chất văn hóa" in card.text


async def test_python_m_bot_asks_for_inline_queries_and_answers_them(api, corpus_settings, tmp_path):
    env = subprocess_env(api, corpus_settings.data_dir, NTM_EMBEDDING_MODEL=corpus_settings.model_path,
                         NTM_DATABASE_URL=f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    process = subprocess.Popen([sys.executable, "-m", "bot"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        await api.wait_for_polling(timeout=120)
        row = IN_SCOPE[0]
        answer = await api.inline_answer(api.send_inline_query(api.new_user(), row["q"]), 120)
        assert all(e in " ".join(answer.text(i) for i in range(len(answer.results))) for e in row["expect"])
    finally:
        process.send_signal(signal.SIGINT)
        await asyncio.to_thread(process.wait, 60)
    assert "Traceback" not in process.stdout.read()
