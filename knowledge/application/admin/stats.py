"""Numbers for `/stats`: the index, questions today / this week / in total, and what went unanswered.

Days and weeks are Vietnam's (UTC+7, weeks start on Monday), since admins
read "hôm nay" on their own clock; the logs store naive UTC. Counted as
questions: answers from documents (`answer`), registry answers and small
talk (`special`) and `not_found`; invalid or too-long input is not a
question. Unanswered questions are grouped without case, diacritics or
punctuation, so "xa cao xa" and "Xã Cao Xá?" count as one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from knowledge.domain.db.usage import Feedback, QuestionLog
from knowledge.text.dates import VIETNAM
from knowledge.text.tokens import folded_words

QUESTION_KINDS = ("answer", "special", "not_found")
UNANSWERED_WINDOW = timedelta(days=30)
UNANSWERED_SCAN_LIMIT = 20_000


@dataclass(frozen=True)
class Period:
    questions: int = 0
    answered: int = 0  # from documents or the registry
    not_found: int = 0
    thumbs_up: int = 0
    thumbs_down: int = 0

    @property
    def not_found_share(self) -> float:
        return self.not_found / self.questions if self.questions else 0.0


@dataclass(frozen=True)
class AdminStats:
    index: dict  # SearchEngine.info: model, documents, passages, built_at
    today: Period
    week: Period
    total: Period
    unanswered: list[tuple[str, int]] = field(default_factory=list)  # (question, times) last 30 days
    removed_documents: int = 0


def period_starts(now: datetime | None = None) -> tuple[datetime, datetime]:
    """Start of today and of this week (Monday) in Vietnam, as naive UTC like the logs."""
    local = (now or datetime.now(UTC)).astimezone(VIETNAM)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    monday = midnight - timedelta(days=midnight.weekday())
    return tuple(t.astimezone(UTC).replace(tzinfo=None) for t in (midnight, monday))  # type: ignore[return-value]


def usage_period(engine: Engine, since: datetime | None = None) -> Period:
    with Session(engine) as session:
        query = select(QuestionLog.kind, func.count()).where(QuestionLog.kind.in_(QUESTION_KINDS))
        votes = select(Feedback.value, func.count())
        if since is not None:
            query = query.where(QuestionLog.asked_at >= since)
            votes = votes.where(Feedback.given_at >= since)
        kinds = dict(session.exec(query.group_by(QuestionLog.kind)).all())
        by_vote = dict(session.exec(votes.group_by(Feedback.value)).all())
    return Period(questions=sum(kinds.values()), answered=kinds.get("answer", 0) + kinds.get("special", 0),
                  not_found=kinds.get("not_found", 0), thumbs_up=by_vote.get(1, 0),
                  thumbs_down=by_vote.get(-1, 0))


def top_unanswered(engine: Engine, since: datetime | None = None, top: int = 10) -> list[tuple[str, int]]:
    """Most frequent `Không tìm thấy` questions, each shown as most often typed."""
    with Session(engine) as session:
        query = select(QuestionLog.question).where(QuestionLog.kind == "not_found")
        if since is not None:
            query = query.where(QuestionLog.asked_at >= since)
        rows = session.exec(query.order_by(QuestionLog.id.desc()).limit(UNANSWERED_SCAN_LIMIT)).all()
    groups: dict[str, Counter] = {}
    for text in rows:
        key = " ".join(folded_words(text))
        if key:
            groups.setdefault(key, Counter())[text.strip()] += 1
    ranked = sorted(groups.values(), key=lambda c: (-sum(c.values()), c.most_common(1)[0][0]))
    return [(c.most_common(1)[0][0], sum(c.values())) for c in ranked[:top]]


def collect(engine: Engine | None, index_info: dict, *, now: datetime | None = None,
            removed_documents: int = 0) -> AdminStats:
    if engine is None:
        return AdminStats(index_info, Period(), Period(), Period(), [], removed_documents)
    today, week = period_starts(now)
    recent = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None) - UNANSWERED_WINDOW
    return AdminStats(index=index_info, today=usage_period(engine, today), week=usage_period(engine, week),
                      total=usage_period(engine), unanswered=top_unanswered(engine, recent),
                      removed_documents=removed_documents)
