"""End to end with the real search engine over the bundled corpus, through the fake Bot API server.

The in-process Application shares the session's model and index (conftest);
the `python -m bot` and `ntm chat` tests run real subprocesses against the
same built index.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys

import pytest

from knowledge.domain.db.usage import UsageLog
from knowledge.retrieval.index.layout import IndexLayout
from tests.auxil.bot_harness import bot_settings, running_bot, subprocess_env
from tests.auxil.bot_process import until
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.paths import EVAL, REPO

pytestmark = pytest.mark.slow
DEV = [json.loads(line) for line in (EVAL / "dev.jsonl").read_text("utf-8").splitlines()
       if line.strip()]
IN_SCOPE = [row for row in DEV if row["kind"] != "out_of_scope"]
OUT_OF_SCOPE = [row for row in DEV if row["kind"] == "out_of_scope"]


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api, tmp_path, engine):
    async with running_bot(api, bot_settings(api, tmp_path), engine) as app:
        yield app


async def _ask_all(api, questions: list[str], timeout: float = 120) -> list:
    people = [api.new_user(f"CB{i}") for i in range(len(questions))]
    chats = [api.private_chat(u) for u in people]
    for user, chat, q in zip(people, chats, questions, strict=True):
        api.send_text(chat, user, q)
    return await asyncio.gather(*(api.next_reply(c, timeout) for c in chats))


async def test_dev_questions_are_answered_with_their_facts(api, bot):
    replies = await _ask_all(api, [row["q"] for row in IN_SCOPE])
    missing = {row["id"]: [e for e in row["expect"] if e not in reply.text]
               for row, reply in zip(IN_SCOPE, replies, strict=True)}
    assert not {k: v for k, v in missing.items() if v}, missing
    for reply in replies:
        assert reply.text.startswith("📌") and "<b>" in reply.html and "[1]" in reply.text


async def test_out_of_scope_questions(api, bot):
    replies = await _ask_all(api, [row["q"] for row in OUT_OF_SCOPE])
    for reply in replies:
        assert reply.text.startswith("Không tìm thấy") and "/help" in reply.text and not reply.buttons


async def test_fifty_concurrent_users_real_engine(api, bot):
    questions = [IN_SCOPE[i % len(IN_SCOPE)]["q"] for i in range(50)]
    replies = await _ask_all(api, questions)
    for q, reply in zip(questions, replies, strict=True):
        row = next(r for r in IN_SCOPE if r["q"] == q)
        assert all(e in reply.text for e in row["expect"]), (q, reply.text[:300])


async def test_buttons_with_real_engine(api, bot):
    user = api.new_user()
    chat = api.private_chat(user)
    api.send_text(chat, user, IN_SCOPE[0]["q"])
    reply = await api.next_reply(chat, 60)
    api.press_button(chat, user, reply, reply.button("📄 [1]").callback_data)
    full = await api.next_reply(chat, 60)
    assert full.text.startswith("[1] ") and IN_SCOPE[0]["expect"][0] in full.text
    api.press_button(chat, user, reply, reply.button("➕").callback_data)
    assert "[4]" in (await api.next_reply(chat, 60)).text
    api.press_button(chat, user, reply, reply.button("👍").callback_data)
    usage: UsageLog = bot.bot_data["services"].usage
    qid = int(reply.button("👍").callback_data.split(":")[1])
    await api.wait_for(lambda: [f.value for f in usage.feedback_for(qid)] == [1])


async def test_followups_with_real_engine(api, bot):
    user = api.new_user()
    chat = api.private_chat(user)
    api.send_text(chat, user, "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?")
    assert "29 xã" in (await api.next_reply(chat, 60)).text
    api.send_text(chat, user, "còn xã kiểu mẫu thì sao?")
    follow = await api.next_reply(chat, 60)
    assert "Hiểu là" in follow.text and "16 xã" in follow.text
    api.send_text(chat, user, "Bắc Giang năm 2024 chỉ đạo thêm bao nhiêu xã đạt chuẩn nông thôn mới?")
    assert "05 xã" in (await api.next_reply(chat, 60)).text
    api.send_text(chat, user, "tỉnh Long An thì sao?")
    other = await api.next_reply(chat, 60)
    assert "Long An" in other.text.split("\n")[0]


async def test_bot_api_errors_survived_real_engine(api, bot):
    user = api.new_user()
    chat = api.private_chat(user)
    api.fail_next("sendMessage", 429, retry_after=1)
    api.fail_next("sendMessage", 502)
    api.send_text(chat, user, IN_SCOPE[1]["q"])
    reply = await api.next_reply(chat, 60)
    assert all(e in reply.text for e in IN_SCOPE[1]["expect"])


async def _wait_exit(process: subprocess.Popen, timeout: float = 30) -> int:
    return await asyncio.to_thread(process.wait, timeout)


async def test_python_m_bot_subprocess(api, corpus_settings, tmp_path):
    env = subprocess_env(api, corpus_settings.data_dir, NTM_EMBEDDING_MODEL=corpus_settings.model_path,
                         NTM_DATABASE_URL=f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    process = subprocess.Popen([sys.executable, "-m", "bot"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        await api.wait_for_polling(timeout=120)
        assert {"hoi", "nguon", "help"} <= {c["command"] for c in api.commands["default"]}
        user = api.new_user()
        chat = api.private_chat(user)
        for row in (IN_SCOPE[2], OUT_OF_SCOPE[0]):
            api.send_text(chat, user, row["q"])
            reply = await api.next_reply(chat, 60)
            if row["expect"]:
                assert all(e in reply.text for e in row["expect"])
            else:
                assert reply.text.startswith("Không tìm thấy")
        api.send_text(chat, user, "🙂")
        assert "bằng chữ" in (await api.next_reply(chat, 60)).text
    finally:
        process.send_signal(signal.SIGINT)
        code = await _wait_exit(process)
    output = process.stdout.read()
    assert code == 0, output
    assert "Traceback" not in output and "Xây dựng chỉ mục" not in output  # index was up to date


async def test_index_is_built_at_start_when_missing(api, corpus_settings, tmp_path):
    env = subprocess_env(api, tmp_path / "data", NTM_EMBEDDING_MODEL=corpus_settings.model_path)
    process = subprocess.Popen([sys.executable, "-m", "bot"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        await api.wait_for_polling(timeout=300)  # polling first; the index is built in the background
        await until(IndexLayout(tmp_path / "data" / "index").current_dir, 300, "the index built at start")
        user = api.new_user()
        chat = api.private_chat(user)
        api.send_text(chat, user, IN_SCOPE[0]["q"])
        assert IN_SCOPE[0]["expect"][0] in (await api.next_reply(chat, 60)).text
    finally:
        process.send_signal(signal.SIGINT)
        await _wait_exit(process)
    assert "Xây dựng chỉ mục" in process.stdout.read()


def test_ntm_chat_without_a_tty(corpus_settings, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "NTM_"))}
    env.update(NTM_DATA_DIR=str(corpus_settings.data_dir), NTM_EMBEDDING_MODEL=corpus_settings.model_path,
               NTM_DATABASE_URL=f"sqlite:///{tmp_path / 'chat.sqlite3'}")
    lines = [IN_SCOPE[0]["q"], OUT_OF_SCOPE[0]["q"], "thêm", "😀"]
    result = subprocess.run(
        [sys.executable, "-c", "import typer; from ntm.chat_cmd import chat_command; typer.run(chat_command)"],
        cwd=REPO, env=env, input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert IN_SCOPE[0]["expect"][0] in result.stdout
    assert "Không tìm thấy" in result.stdout and "bằng chữ" in result.stdout
    assert "<b>" not in result.stdout


async def test_rejected_token_and_unreachable_api_are_one_clear_line(api, corpus_settings, tmp_path):
    """Telegram saying 401, or nothing listening at TELEGRAM_API_BASE_URL: a line in Vietnamese, no traceback."""
    import socket

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/bot"
    cases = [
        ({"TELEGRAM_BOT_TOKEN": "123456789:AAE-a_token-this-fake-server-rejects"}, 2, "từ chối TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_API_BASE_URL": closed}, 1, "không kết nối được Telegram"),
    ]
    for extra, code, message in cases:
        env = subprocess_env(api, corpus_settings.data_dir, NTM_EMBEDDING_MODEL=corpus_settings.model_path,
                             NTM_DATABASE_URL=f"sqlite:///{tmp_path / 'bot.sqlite3'}", **extra)
        result = await asyncio.to_thread(
            subprocess.run, [sys.executable, "-m", "bot"], cwd=REPO, env=env,
            capture_output=True, text=True, timeout=240,
        )
        assert result.returncode == code, result.stderr[-3000:]
        assert message in result.stderr and "Traceback" not in result.stderr
