"""What logged answers showed, kept for their buttons: merged across pages, bounded."""

from __future__ import annotations

from knowledge.application.answer.model import Answer, Citation
from knowledge.application.runtime.questions import AskedQuestions


def _answer(query: str, *numbers: int) -> Answer:
    citations = [Citation(n, f"doc#{n}", "doc", "Tiêu đề", None, None, None, "trích") for n in numbers]
    return Answer("answer", query, query=query, citations=citations)


async def test_pages_add_their_ranks_and_old_questions_are_forgotten():
    asked = AskedQuestions(remembered=2)
    first = await asked.log(_answer("một", 1, 2, 3), chat_id=None, user_id=None, chat_type=None)
    asked.remember(first, _answer("một", 4, 5))
    assert await asked.query_of(first) == ("một", {n: f"doc#{n}" for n in range(1, 6)})
    second = await asked.log(_answer("hai", 1), chat_id=None, user_id=None, chat_type=None)
    await asked.log(_answer("ba", 1), chat_id=None, user_id=None, chat_type=None)
    assert await asked.query_of(first) == (None, {})  # the least recent beyond the bound
    assert (await asked.query_of(second))[0] == "hai"
