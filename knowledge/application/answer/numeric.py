"""Numeric target questions: the targets table (knowledge.domain.targets) gives the exact figure for the lead.

Why a lead hint and not a separate reply: the answer keeps its usual shape
(lead, citations, buttons); only the lead sentence and its bold figure come
from the target extracted at index time when it is sure of it, and the
target's passage becomes citation [1] when search did not rank it first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from knowledge.domain.targets import answer_numeric_question


@dataclass(frozen=True)
class LeadHint:
    sentence: str
    figure: tuple[int, int]  # span of the figure in `sentence`
    passage_id: str | None
    doc_id: str


def targets_hint(targets: Callable[[], list]) -> Callable[[str], LeadHint | None]:
    """A hint function over the current targets (`targets()` is called per question: it may reload)."""

    def hint(question: str) -> LeadHint | None:
        current = targets()
        if not current:
            return None
        answer = answer_numeric_question(question, current)
        if answer is None:
            return None
        t = answer.target
        span = (t.start - t.sentence_start, t.end - t.sentence_start)
        if not (0 <= span[0] < span[1] <= len(t.sentence)):
            return None
        return LeadHint(t.sentence, span, t.passage_id, t.doc_id)

    return hint
