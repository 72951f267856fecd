"""Route by evidence: every answerer looks at the same `Query`; the most confident proposal answers.

An answerer that found nothing proposes nothing, so a question that only
looks like a commune lookup reaches search instead of "Không tìm thấy xã".
Answerers are asked in order (structured ones first, passages last); an
answerer whose `ceiling` (the most it can be sure of) cannot beat the best
proposal so far is not asked, so a sure registry or targets answer costs no
second search. Ties go to the earlier answerer. One answerer failing is
logged and skipped: the others still answer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from knowledge.application.answer.proposal import CERTAIN, Answerer, Proposal
from knowledge.application.understanding.query import Query

log = logging.getLogger(__name__)


def route(answerers: Sequence[Answerer], query: Query) -> Proposal | None:
    """The most confident proposal for `query`, or None when no answerer found anything."""
    best: Proposal | None = None
    for answerer in answerers:
        if best is not None and getattr(answerer, "ceiling", CERTAIN) <= best.confidence:
            continue
        try:
            proposal = answerer.propose(query)
        except Exception:  # noqa: BLE001 - one answerer failing must not silence the others
            log.exception("Bộ trả lời %s lỗi", getattr(answerer, "name", answerer))
            continue
        if proposal is not None and (best is None or proposal.confidence > best.confidence):
            best = proposal
    if best is not None:
        log.debug("Trả lời bằng %s (%.2f): %s", best.answerer, best.confidence, best.reason)
    return best
