"""Usage tables: every question asked (answered or not) and 👍/👎 feedback on answers.

Why in SQL: admins need "what was asked that the bot could not answer" and
the feedback counts (issue: admin /stats), across restarts and processes; the
question log id is also what the bot's buttons carry, so "more results",
"full passage" and feedback keep working after a restart.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import BigInteger, Column, DateTime, Engine, Text, UniqueConstraint, func
from sqlmodel import Field, Session, SQLModel, select

from knowledge.domain.db import base  # noqa: F401  (naming convention before any table)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # stored as naive UTC on every backend


class QuestionLog(SQLModel, table=True):
    __tablename__ = "question_logs"

    id: int | None = Field(default=None, primary_key=True)
    asked_at: datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False, index=True))
    interface: str = Field(default="telegram", max_length=16)  # telegram, console
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True, index=True))
    user_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    chat_type: str | None = Field(default=None, max_length=16)  # private, group, supergroup
    question: str = Field(sa_column=Column(Text, nullable=False))  # as typed (normalised)
    query: str = Field(sa_column=Column(Text, nullable=False))  # as searched (follow-ups completed)
    kind: str = Field(max_length=16)  # answer, not_found, invalid, too_long, special, preparing
    answered: bool = Field(index=True)
    doc_ids: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON list, top first
    passage_ids: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON list, first page


class Feedback(SQLModel, table=True):
    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("question_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="question_logs.id", index=True)
    user_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    value: int  # +1 👍, -1 👎
    given_at: datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))


@dataclass(frozen=True)
class UsageSummary:
    questions: int
    answered: int
    not_found: int
    thumbs_up: int
    thumbs_down: int
    top_unanswered: list[tuple[str, int]]  # (question, times asked), most frequent first


class UsageLog:
    """Writes and reads the usage tables. Synchronous: async callers use a worker thread."""

    def __init__(self, engine: Engine, ensure: bool = True):
        self.engine = engine
        if ensure:
            from knowledge.domain.db.migrate import ensure_schema

            ensure_schema(engine)

    def record_question(self, *, question: str, query: str, kind: str, answered: bool,
                        doc_ids: list[str] = (), passage_ids: list[str] = (), chat_id: int | None = None,
                        user_id: int | None = None, chat_type: str | None = None,
                        interface: str = "telegram") -> int:
        row = QuestionLog(interface=interface, chat_id=chat_id, user_id=user_id, chat_type=chat_type,
                          question=question, query=query, kind=kind, answered=answered,
                          doc_ids=json.dumps(list(doc_ids), ensure_ascii=False),
                          passage_ids=json.dumps(list(passage_ids), ensure_ascii=False))
        with Session(self.engine, expire_on_commit=False) as session:
            session.add(row)
            session.commit()
            return row.id

    def question(self, question_id: int) -> QuestionLog | None:
        with Session(self.engine, expire_on_commit=False) as session:
            return session.get(QuestionLog, question_id)

    def record_feedback(self, question_id: int, user_id: int | None, value: int) -> bool:
        """Store 👍 (+1) or 👎 (-1); a second vote by the same person replaces the first.

        False when the question does not exist (e.g. a button from another database).
        """
        value = 1 if value > 0 else -1
        with Session(self.engine) as session:
            if session.get(QuestionLog, question_id) is None:
                return False
            existing = session.exec(select(Feedback).where(
                Feedback.question_id == question_id, Feedback.user_id == user_id)).first()
            if existing is None:
                session.add(Feedback(question_id=question_id, user_id=user_id, value=value))
            else:
                existing.value, existing.given_at = value, _now()
                session.add(existing)
            session.commit()
            return True

    def feedback_for(self, question_id: int) -> list[Feedback]:
        with Session(self.engine, expire_on_commit=False) as session:
            return list(session.exec(select(Feedback).where(Feedback.question_id == question_id)))

    def summary(self, since: datetime | None = None, top: int = 10) -> UsageSummary:
        """Counts since `since` (naive UTC) for admin statistics."""
        since = since or datetime(1970, 1, 1)
        with Session(self.engine) as session:
            rows = session.exec(select(QuestionLog.kind, QuestionLog.answered, QuestionLog.query)
                                .where(QuestionLog.asked_at >= since)).all()
            votes = session.exec(select(Feedback.value, func.count()).where(Feedback.given_at >= since)
                                 .group_by(Feedback.value)).all()
        questions = [r for r in rows if r[0] in ("answer", "not_found")]
        unanswered = Counter(r[2] for r in questions if r[0] == "not_found")
        by_vote = dict(votes)
        return UsageSummary(
            questions=len(questions),
            answered=sum(1 for r in questions if r[1]),
            not_found=sum(1 for r in questions if r[0] == "not_found"),
            thumbs_up=by_vote.get(1, 0),
            thumbs_down=by_vote.get(-1, 0),
            top_unanswered=unanswered.most_common(top),
        )
