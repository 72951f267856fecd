"""Numeric target questions: the targets table (knowledge.domain.targets) gives the exact figure for the lead.

Why a lead hint and not a separate reply: the answer keeps its usual shape
(lead, citations, buttons); only the lead sentence and its bold figure come
from the target extracted at index time when it is sure of it, and the
target's passage becomes citation [1] when search did not rank it first
(or found nothing: the table knows the plan even when the question names the
province by its new name). `TargetsAnswerer` proposes that answer, LIKELY:
a figure of the asked kind for the asked place and year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from knowledge.application.answer.passages import Passages
from knowledge.application.answer.proposal import LIKELY, Proposal
from knowledge.application.understanding.query import Form, Query
from knowledge.domain.targets import answer_numeric_question


@dataclass(frozen=True)
class LeadHint:
    sentence: str
    figure: tuple[int, int]  # span of the figure in `sentence`
    passage_id: str | None
    doc_id: str


def targets_hint(targets: Callable[[], list]) -> Callable[[Query | str], LeadHint | None]:
    """A hint function over the current targets (`targets()` is called per question: it may reload).

    Given a `Query`, its form says whether a figure is asked ("là mấy?", "kéo xuống mức nào?")."""

    def hint(question: Query | str) -> LeadHint | None:
        current = targets()
        if not current:
            return None
        if isinstance(question, Query):
            asks = True if question.form is Form.HOW_MANY else None
            answer = answer_numeric_question(question.text, current, asks_figure=asks)
        else:
            answer = answer_numeric_question(question, current)
        if answer is None:
            return None
        t = answer.target
        span = (t.start - t.sentence_start, t.end - t.sentence_start)
        if not (0 <= span[0] < span[1] <= len(t.sentence)):
            return None
        return LeadHint(t.sentence, span, t.passage_id, t.doc_id)

    return hint


class TargetsAnswerer:
    """The passage answer led by the target the table is sure of; nothing when it is not."""

    name = "targets"
    ceiling = LIKELY

    def __init__(self, hint: Callable[[Query], LeadHint | None], passages: Passages):
        self.hint = hint
        self.passages = passages

    def propose(self, query: Query) -> Proposal | None:
        hint = self.hint(query)
        if hint is None:
            return None
        answer = self.passages.answer(query.text, hint=hint, understood=query)
        if answer is None or answer.lead is None or not _led_by(answer, hint):
            return None  # the table's figure is not of the kind asked: the passages answer alone
        return Proposal(answer, LIKELY, self.name, f"chỉ tiêu: {answer.lead.figure_text}")


def _led_by(answer, hint: LeadHint) -> bool:
    """The lead is the hint's: its passage and its figure."""
    lead = answer.lead
    cited = answer.citations[lead.citation - 1] if 0 < lead.citation <= len(answer.citations) else None
    figure = hint.sentence[hint.figure[0]:hint.figure[1]]
    return cited is not None and cited.passage_id == hint.passage_id and figure in lead.text
