"""Question log and feedback tables (knowledge/domain/db/usage.py): what admins' statistics will read."""

from __future__ import annotations

from datetime import datetime, timedelta

from knowledge.domain.db import create_engine_for
from knowledge.domain.db.usage import UsageLog


def test_questions_feedback_and_summary(tmp_path):
    log = UsageLog(create_engine_for(f"sqlite:///{tmp_path / 'usage.sqlite3'}"))
    big_chat, big_user = -1001234567890123, 9_876_543_210  # Telegram ids beyond 32 bits
    answered = log.record_question(question="Hải Dương 2025?", query="Hải Dương 2025?", kind="answer",
                                   answered=True, doc_ids=["hai-duong"], passage_ids=["hai-duong#1"],
                                   chat_id=big_chat, user_id=big_user, chat_type="supergroup")
    for _ in range(2):
        log.record_question(question="giá lúa?", query="giá lúa?", kind="not_found", answered=False)
    log.record_question(question="😀", query="😀", kind="invalid", answered=False)
    row = log.question(answered)
    assert row.chat_id == big_chat and row.user_id == big_user and row.doc_ids == '["hai-duong"]'
    assert log.record_feedback(answered, big_user, -1)
    assert log.record_feedback(answered, big_user, +1)  # a changed mind replaces the vote
    assert log.record_feedback(answered, 5, +1)
    assert not log.record_feedback(10_000, 5, +1)
    summary = log.summary(datetime.utcnow() - timedelta(days=1))
    assert (summary.questions, summary.answered, summary.not_found) == (3, 1, 2)
    assert (summary.thumbs_up, summary.thumbs_down) == (2, 0)
    assert summary.top_unanswered == [("giá lúa?", 2)]
    assert log.summary(datetime.utcnow() + timedelta(days=1)).questions == 0
