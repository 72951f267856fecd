"""How an answerer offers an answer: with how sure it is, from what it found.

Routing by evidence (issue 11): the commune, criteria, targets and passage
answerers each look at the same `Query` and propose; the router keeps the
most confident proposal, and an answerer that found nothing proposes nothing
(so a question that only looks like a commune lookup falls through to search
instead of "Không tìm thấy xã ...").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from knowledge.application.answer.model import Answer
from knowledge.application.understanding.query import Query

# Confidence scale shared by all answerers, so their proposals compare.
CERTAIN = 1.0  # the question names exactly what the answer is about (a linked commune, criterion number)
LIKELY = 0.7  # strong evidence (a figure of the asked kind for the asked place and year)
POSSIBLE = 0.4  # some evidence; a passage answer with a lead that holds the focus is about here
WEAK = 0.1  # a fallback ("related passages")


@dataclass(frozen=True)
class Proposal:
    answer: Answer
    confidence: float  # on the scale above
    answerer: str  # "communes", "criteria", "targets", "passages": for logs and evaluation
    reason: str = ""  # what it found, for logs ("linked xã Cao Xá (Bắc Giang)")


class Answerer(Protocol):
    name: str

    def propose(self, query: Query) -> Proposal | None:
        """A proposal for `query`, or None when this answerer found nothing to say."""
        ...
