"""Plain-text questions about the national criteria sets, answered from their data (what /tieuchi knows).

Why: the sets' data holds the number of criteria and indicators, every
criterion's name, the commune groups of the 2026-2030 set and the decisions
with their dates, yet a question typed in plain text reached only the
documents, which rarely say it. When `criteria_question` reads a question as
about the sets, this answerer proposes the /tieuchi card under a direct
answer in bold, as sure as what matched (a criterion number, or "bộ tiêu
chí" with the thing asked: CERTAIN; a bare "tiêu chí" or a criterion's name:
LIKELY). A fact the data does not record (the 2021-2025 set's indicator
count, the signing date of 318/QĐ-TTg) gets no proposal, so the documents
answer, or the reply says they do not cover it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from knowledge.application.answer.criteria_question import Ask, CriteriaQuestion, read_criteria_question
from knowledge.application.answer.model import Answer
from knowledge.application.answer.proposal import CERTAIN, LIKELY, Proposal
from knowledge.application.render import criteria as R
from knowledge.application.render.criteria import Search
from knowledge.application.understanding.query import Query
from knowledge.domain.criteria import CriterionMatch

log = logging.getLogger(__name__)
DOCUMENTS_PER_CRITERION = 3


class CriteriaAnswerer:
    """Proposes the criteria data's answer to a question about the sets; see the module docstring."""

    name = "criteria"

    def __init__(self, search: Search | None = None, *, today: dt.date | Callable[[], dt.date] | None = None):
        self.search = search  # (query, k) -> passages: the documents shown under a criterion, if given
        self._today = today

    @property
    def today(self) -> dt.date:
        today = self._today() if callable(self._today) else self._today
        return today or dt.date.today()

    def propose(self, query: Query) -> Proposal | None:
        question = read_criteria_question(query, self.today)
        if question is None:
            return None
        message = self._message(question)
        if message is None:  # the data does not record what is asked
            return None
        confidence = CERTAIN if question.strong else LIKELY
        answer = Answer("special", query.text, query=query.text, message=message)
        return Proposal(answer, confidence, self.name, f"{question.ask} ({question.criteria_set.period})")

    def _message(self, q: CriteriaQuestion) -> str | None:
        """The reply: the /tieuchi card under its direct answer; None when the data does not record it."""
        s, today = q.criteria_set, self.today
        if q.ask in (Ask.CRITERION, Ask.NAMED):
            card = R.render_criterion(q.match, self._documents(q.match), today=today)
            return R.with_answer(R.named_sentence(q.match), card) if q.ask is Ask.NAMED else card
        if q.ask in (Ask.GROUP, Ask.GROUPS):
            return R.render_groups(s, q.group)
        card = R.render_criteria_list(s, today=today)
        if q.ask is Ask.LIST:
            return card
        sentence = _sentence(q)
        return R.with_answer(sentence, card) if sentence else None

    def _documents(self, match: CriterionMatch) -> list | None:
        """Passages about the criterion; None (not said) when no search was given or it failed."""
        if self.search is None:
            return None
        try:
            return list(self.search(R.criterion_search_query(match), DOCUMENTS_PER_CRITERION))
        except Exception:  # noqa: BLE001 - the criterion is still answered from the data
            log.exception("Tìm tài liệu cho tiêu chí thất bại")
            return None


def _sentence(q: CriteriaQuestion) -> str | None:
    s = q.criteria_set
    match q.ask:
        case Ask.NO_SUCH:
            return R.missing_sentence(s, q.number)
        case Ask.COUNT:
            return R.count_sentence(s, indicators_asked=q.indicators)
        case Ask.INDICATORS:
            return R.indicators_sentence(s)
        case Ask.SIGNED:
            return R.signed_sentence(s)
        case Ask.IN_FORCE:
            return R.in_force_sentence(s)
        case Ask.DECISION:
            return R.decision_sentence(s)
        case Ask.WHICH_SET:
            return R.year_sentence(q.year, s) if q.year else R.current_sentence(s)
    return None
