"""The runtime without Telegram: what both the bot and `ntm chat` receive."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from knowledge.application.answer.model import Answer, Citation
from knowledge.application.runtime import Services
from knowledge.application.runtime.database import Database
from knowledge.domain.db.engine import create_engine_for
from knowledge.domain.db.usage import UsageLog
from tests.auxil.fake_search import FakeSearch

REPO = Path(__file__).resolve().parents[4]
Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"

# Imports of the bot package or of PTB's framework fail: the runtime must not need them.
WITHOUT_TELEGRAM = """
import asyncio, importlib.abc, sys

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "bot" or name.startswith(("bot.", "telegram.ext")):
            raise ImportError("refused: " + name)
        return None

sys.meta_path.insert(0, Refuse())
from knowledge.application.runtime import Services
from tests.auxil.fake_search import FakeSearch

services = Services.with_search(None, FakeSearch.from_corpus(), database=False)
answer = asyncio.run(services.ask(sys.argv[1], "console"))
services.close()
print(answer.kind, answer.lead.figure_text)
"""


def _services() -> Services:
    return Services.with_search(None, FakeSearch.from_corpus(), database=False)


def test_importable_and_answering_without_telegram():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", WITHOUT_TELEGRAM, Q_HD], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["answer", "29", "xã"]


async def test_answers_in_the_pool_and_remembers_them_without_a_database():
    services = _services()
    try:
        answer = await services.ask(Q_HD, 1)
        assert answer.kind == "answer" and answer.lead.figure_text == "29 xã"
        assert services.usage is None and services.db_engine is None
        first = await services.log_question(answer, chat_id=1, user_id=1, chat_type="private")
        second = await services.log_question(answer, chat_id=1, user_id=1, chat_type="private")
        assert first == -1 and second == -2  # no database: negative ids, still usable by buttons
        query, ranks = await services.query_of(first)
        assert query == answer.query and ranks == {c.number: c.passage_id for c in answer.citations}
        more = await services.run(services.answers.page, query, 1)
        services.remember(first, more)
        _, ranks = await services.query_of(first)
        assert sorted(ranks) == [1, 2, 3, 4, 5, 6]
        assert await services.query_of(12345) == (None, {})
        assert not await services.feedback(first, 1, 1)
    finally:
        services.close()


async def test_question_log_in_the_database(tmp_path):
    services = _services()
    engine = create_engine_for(f"sqlite:///{tmp_path / 'usage.sqlite3'}")
    services.attach_database(Database(engine, UsageLog(engine)))
    try:
        assert services.db_engine is engine and services.answers.special  # commune answers from the same engine
        answer = await services.ask(Q_HD, 1)
        qid = await services.log_question(answer, chat_id=1, user_id=7, chat_type="private")
        assert qid > 0 and await services.feedback(qid, 7, 1)
        restarted = _services()
        restarted.attach_database(Database(engine, UsageLog(engine)))
        assert await restarted.query_of(qid) == (answer.query, {})  # from the log: ranks are searched again
        restarted.close()
    finally:
        services.close()


def test_console_record_uses_the_same_fields(tmp_path):
    services = _services()
    assert services.questions.record(Answer("invalid", "😀")) is None  # no log: nothing to write
    engine = create_engine_for(f"sqlite:///{tmp_path / 'usage.sqlite3'}")
    services.attach_database(Database(engine, UsageLog(engine)))
    citation = Citation(1, "doc#1", "doc", "Tiêu đề", None, None, None, "trích")
    qid = services.questions.record(Answer("answer", "câu hỏi", query="câu hỏi", citations=[citation]),
                                    interface="console")
    row = services.usage.question(qid)
    assert row.interface == "console" and row.query == "câu hỏi"
    services.close()


def test_index_reload_is_checked_at_most_every_few_seconds():
    services = _services()
    calls = []
    services.search.reload_if_changed = lambda: calls.append(1) or True
    now = [100.0]
    services.index.clock = lambda: now[0]
    assert services.reload_index_if_changed() and len(calls) == 1
    now[0] = 105.0
    assert not services.reload_index_if_changed() and len(calls) == 1
    assert services.reload_index_if_changed(force=True) and len(calls) == 2  # an admin's reindex
    now[0] = 116.0
    assert services.reload_index_if_changed() and len(calls) == 3
    services.close()
