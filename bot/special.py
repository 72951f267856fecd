"""Specialised answerers tried before search: numeric target questions (knowledge.targets).

Why separate from search: "bao nhiêu xã ... năm 2025" has one exact answer
in the targets table extracted at index time; search would only find the
passage. This module adapts that answerer's result into an `Answer`.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable

from knowledge.answer import Answer

log = logging.getLogger(__name__)


def targets_answerer(services) -> Callable[[str], Answer | None]:
    # Pending: knowledge.targets.answer_numeric_question lands with the targets issue.
    if importlib.util.find_spec("knowledge.targets.answer") is None:
        return lambda question: None
    from knowledge.targets import answer as targets_answer

    answer_numeric = getattr(targets_answer, "answer_numeric_question", None)
    if answer_numeric is None:
        return lambda question: None

    def answer(question: str) -> Answer | None:
        targets = services.targets()
        if not targets:
            return None
        try:
            result = answer_numeric(question, targets)
        except Exception:  # noqa: BLE001 - search still answers
            log.exception("answer_numeric_question failed")
            return None
        if not result:
            return None
        text = result if isinstance(result, str) else getattr(result, "html", None) or str(result)
        return Answer("special", question, query=question, message=text)

    return answer
