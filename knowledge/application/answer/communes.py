"""Commune status questions ("xã Ngọc Thiện đạt NTM chưa?") answered from the commune registry.

Why from the registry: it knows each commune's recognitions exactly; documents
only mention a few. It answers only a question whose `Query` links a unit
(the parser found "xã Cao Xá", or "Cao Xá, Bắc Giang"); anything else, and a
name that is no unit, is left to the other answerers: never "Không tìm thấy
xã ..." for a question that was not about a commune. The registry's index is
also what the parser links communes against (`registry`).
"""

from __future__ import annotations

import logging

from knowledge.application.answer.model import Answer
from knowledge.application.answer.proposal import CERTAIN, POSSIBLE, WEAK, Proposal
from knowledge.application.render.communes import render_answer_html
from knowledge.application.understanding.query import Form, PlaceMention, Query, Unit
from knowledge.domain.communes import CommuneAnswer, CommuneService, service_for
from knowledge.domain.communes.index import RegistryIndex
from knowledge.domain.communes.levels import Level
from knowledge.domain.communes.questions import CommuneQuestion

log = logging.getLogger(__name__)

# Focus words a status or merger question may have and still be about the registry's card.
_CARD_WORDS = frozenset(
    "sau sap nhap cu moi nay gio la truoc day thuoc ten goi hien tinh trang ket qua thon xa phuong nao gi roi "
    "cao nhat cong nhan dat chuan muc cap danh hieu quyet dinh tieu chi hop nhat chia tach doi thanh".split()
)


class CommuneAnswerer:
    name = "communes"

    def __init__(self, service: CommuneService):
        self.service = service

    @classmethod
    def for_engine(cls, db_engine) -> CommuneAnswerer:
        return cls(service_for(db_engine))

    def registry(self, wait: bool = True) -> RegistryIndex | None:
        """The registry's names in memory; None when the database cannot give them, or (`wait` False)
        while they are not loaded yet: only a question that may name a unit waits the seconds it takes."""
        if not wait and not self.service.loaded:
            return None
        try:
            return self.service.index
        except Exception:  # noqa: BLE001 - the documents still answer
            log.exception("Không nạp được danh mục xã")
            return None

    def warm_up(self) -> None:
        self.service.warm_up()

    def answer(self, query: Query) -> CommuneAnswer | None:
        """The registry's answer about the first unit `query` links; None when it links none."""
        mention = _mention(query)
        if mention is None:
            return None
        question = _question(query, mention)
        return self.service.answer_units(mention.commune_ids, question, question.query)

    def propose(self, query: Query) -> Proposal | None:
        found = self.answer(query)
        if found is None:
            return None
        mention = _mention(query)
        answer = Answer("special", query.text, query=query.text, message=render_answer_html(found))
        other = [w for w in query.focus if w not in _CARD_WORDS]
        # "xã X có bao nhiêu hộ nghèo": the documents first; a choice among namesakes only when they say nothing
        confidence = CERTAIN if not other else POSSIBLE - 0.05 if found.result.found else WEAK / 2
        unit = found.result.card.commune.display if found.result.found else f"{len(mention.commune_ids)} đơn vị"
        return Proposal(answer, confidence, self.name, f"liên kết {mention.text}: {unit}")


def _mention(query: Query) -> PlaceMention | None:
    return next((p for p in query.places if p.kind is Unit.COMMUNE and p.commune_ids), None)


def _question(query: Query, mention: PlaceMention) -> CommuneQuestion:
    """The registry's question object for the linked unit (what the card's first sentence answers)."""
    district = next((p.text for p in query.places if p.kind is Unit.DISTRICT), None)
    level = Level(query.level) if query.level else None
    return CommuneQuestion(name=mention.text, kind=None, district=district, province=mention.province,
                           level=level, asks_year=query.form is Form.WHEN, text=query.text)
