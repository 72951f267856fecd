"""'Bắc Giang có bao nhiêu xã đạt NTM nâng cao?' answered from the commune registry (the /thongke numbers).

Why its own answerer: the registry counts the recognitions loaded for a
province (old or current name) or the whole country, but only /thongke
showed them. It proposes only when the question counts the communes of one
province, or of the country, at a level, with no year and no plan (a year's
or a plan's figure is in the documents), and when the registry holds
recognitions at that level for that scope: an import that lists none there
says nothing about the province, so then the documents answer.

The `Query`'s places, level and unit are used when present; a Query without
places is read from its text (the province named in it).
"""

from __future__ import annotations

import logging
import re

from knowledge.application.answer.model import Answer
from knowledge.application.answer.proposal import LIKELY, Proposal
from knowledge.application.answer.words import query_words
from knowledge.application.render.communes import render_stats_answer_html
from knowledge.application.understanding.query import Query, Unit
from knowledge.domain.communes import CommuneService, Level, ProvinceNotFound, service_for
from knowledge.places import match as province_in

log = logging.getLogger(__name__)

# On query_words (folded words, single spaces).
_COUNTS_COMMUNES = re.compile(r"\b(?:bao nhieu|may|tong so|tong cong|so luong)(?: cac)? xa\b"
                              r"|\bso xa\b.*\b(?:bao nhieu|la may)\b")
_COUNTRY = re.compile(r"\b(?:ca nuoc|toan quoc|viet nam|nuoc ta|ca nc)\b")
_LEVELS = (
    (re.compile(r"\b(?:kieu mau|ntmkm|ntm km)\b"), Level.KIEU_MAU),
    (re.compile(r"\b(?:nang cao|ntmnc|ntm nc)\b"), Level.NANG_CAO),
    (re.compile(r"\b(?:ntm|nong thon moi|dat chuan)\b"), Level.NTM),
)
# A year's or a plan's figure, another count, or a smaller scope: the documents' (or another answerer's) job.
_ELSEWHERE = re.compile(r"\b(?:phan dau|ke hoach|muc tieu|du kien|chi tieu|them|tang them|den nam|giai doan"
                        r"|nam nay|nam toi|nam sau|chua dat|khong dat|tieu chi|ty le|ti le|phan tram"
                        r"|huyen|quan|thi xa|ap)\b|(?<!nong )\bthon\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_OTHER_UNITS = (Unit.DISTRICT, Unit.VILLAGE, Unit.HOUSEHOLD, Unit.PROVINCE)


class CommuneStatsAnswerer:
    """Proposes the registry's count of communes at a level; see the module docstring."""

    name = "commune_stats"

    def __init__(self, service: CommuneService):
        self.service = service

    @classmethod
    def for_engine(cls, db_engine) -> CommuneStatsAnswerer:
        return cls(service_for(db_engine))

    def warm_up(self) -> None:
        self.service.warm_up()

    def propose(self, query: Query) -> Proposal | None:
        words = query_words(query)
        if not _COUNTS_COMMUNES.search(words) or _ELSEWHERE.search(words):
            return None
        if query.years or query.period or _YEAR.search(words) or query.unit in _OTHER_UNITS:
            return None
        level = _level(query, words)
        if level is None:
            return None
        scope = self._scope(query, words)
        if scope is False:
            return None
        try:
            stats = self.service.stats(scope)
        except ProvinceNotFound:
            return None
        except Exception:  # noqa: BLE001 - the documents still answer
            log.exception("Thống kê xã thất bại")
            return None
        count = stats.at_least(level)
        if stats.latest_import is None or count == 0:
            return None
        answer = Answer("special", query.text, query=query.text, message=render_stats_answer_html(stats, level))
        return Proposal(answer, LIKELY, self.name, f"{stats.scope_label}: {count} xã {level.label}")

    def _scope(self, query: Query, words: str) -> str | None | bool:
        """The province to count in, None for the country, False when the question names no single scope."""
        if query.places:
            if query.communes or any(p.kind is Unit.DISTRICT for p in query.places):
                return False
            provinces = query.provinces
            return provinces[0] if len(provinces) == 1 else False
        province = province_in(query.text)
        if province is not None:
            return province.official
        return None if _COUNTRY.search(words) else False


def _level(query: Query, words: str) -> Level | None:
    if query.level:
        return Level(query.level)
    return next((level for pattern, level in _LEVELS if pattern.search(words)), None)
