"""A row's place names -> one unit of the registry: exact names only (no typo guessing in official data).

Within the row's province (and district when given); old and current units
share names, so a recognition belongs to the unit of its time.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from knowledge.domain.communes.index import CommuneRef
from knowledge.domain.communes.lookup import Matcher, NameQuery
from knowledge.places.names import word_pairs

MERGER_DATE = date(2025, 7, 1)


class Units:
    def __init__(self, matcher: Matcher):
        self.matcher = matcher
        self._provinces: dict[str, frozenset[int] | None] = {}  # a file names few provinces, many times

    def province(self, text: str) -> tuple[frozenset[int] | None, str | None]:
        """The province ids `text` names exactly, else the reason (with a guess when there is one)."""
        if text not in self._provinces:
            self._provinces[text] = self.matcher.resolve_province(text, fuzzy=False)
        provinces = self._provinces[text]
        if provinces is not None:
            return provinces, None
        guess = self.matcher.resolve_province(text, fuzzy=True)
        hint = f" (có phải “{self.matcher.index.provinces[next(iter(guess))].short_name}”?)" if guess else ""
        return None, f"không nhận ra tỉnh “{text}”{hint}"

    def commune(self, name: str, district: str | None, provinces: frozenset[int], province_text: str,
                year: int | None, decision_date: date | None) -> tuple[CommuneRef | None, str | None]:
        """The one unit named `name` there at the time, else the reason."""
        matcher = self.matcher
        index = matcher.index
        districts = None
        if district:
            districts = matcher.resolve_district(list(_district_words(district)), provinces)
            if districts is None:
                return None, f"không tìm thấy huyện “{district}” thuộc tỉnh {province_text}"
        variant = NameQuery.from_text(name, provinces, districts)
        if not variant.folded:
            return None, f"tên xã “{name}” không hợp lệ"
        ids = set(matcher.exact(variant, collapse=False))
        if len(ids) > 1:
            # Old and current units share names: a recognition belongs to the unit of its time.
            after = (decision_date or date(year or 2000, 1, 1)) >= MERGER_DATE
            era = {i for i in ids if index.communes[i].is_current == after}
            ids = era or ids
        where = f"tỉnh {province_text}" + (f", huyện {district}" if district else "")
        if not ids:
            closest = matcher.closest([variant], limit=3)
            hint = ("; tên gần nhất: " + "; ".join(index.communes[i].label for i in closest)) if closest else ""
            return None, f"không tìm thấy xã “{name}” thuộc {where}{hint}"
        if len(ids) > 1:
            labels = "; ".join(index.communes[i].label for i in sorted(ids, key=matcher.sort_key)[:5])
            return None, (f"tên “{name}” ứng với {len(ids)} đơn vị thuộc {where} ({labels}): "
                          "hãy ghi rõ cột Huyện")
        return index.communes[ids.pop()], None


@lru_cache(maxsize=4096)
def _district_words(text: str) -> tuple[str, ...]:
    return tuple(f for f, _ in word_pairs(text))
