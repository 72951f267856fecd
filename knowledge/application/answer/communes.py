"""Commune status questions ("xã Ngọc Thiện đạt NTM chưa?") answered from the commune registry.

Why before search: the registry knows each commune's recognitions exactly;
documents only mention a few. Questions that name no known unit fall
through to search.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from knowledge.application.answer.model import Answer
from knowledge.application.render.communes import render_answer_html
from knowledge.domain.communes import service_for

log = logging.getLogger(__name__)


def commune_answerer(db_engine) -> Callable[[str], Answer | None]:
    service = service_for(db_engine)

    def answer(question: str) -> Answer | None:
        try:
            found = service.answer_question(question)
        except Exception:  # noqa: BLE001 - the documents still answer
            log.exception("Tra cứu xã thất bại")
            return None
        if found is None:
            return None
        return Answer("special", question, query=question, message=render_answer_html(found))

    answer.warm_up = service.warm_up  # type: ignore[attr-defined]
    return answer
