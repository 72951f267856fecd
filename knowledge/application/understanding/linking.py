"""The places a question names, linked against the registries: a phrase matcher, not sentence shapes.

Provinces come from `knowledge.places` (old and new names, "TPHCM"); districts
and communes from the commune registry's name keys (~13,000 units, old and
current). A commune is linked only on evidence: its unit word typed before a
real name ("xã Cao Xá"), or a bare name followed by its district or province
("Cao Xá, Bắc Giang", "Vĩnh Sơn ở Vĩnh Linh, Quảng Trị"). So "xã loại 1",
"các thôn thuộc xã biên giới", "số xã Bắc Giang cần ..." link nothing: after
"số / bao nhiêu / các" the unit word counts units, and words of the NTM
vocabulary that happen to be a unit's name ("Biên Giới", "Văn Hóa") need a
capital letter or their place to be read as a name.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass

from knowledge import places
from knowledge.application.understanding.query import PlaceMention, Unit
from knowledge.application.understanding.words import Word, phrase_at
from knowledge.domain.communes.index import RegistryIndex
from knowledge.domain.communes.lookup import Matcher, NameQuery
from knowledge.text.folding import Folded
from knowledge.text.normalize import fold

COMMUNE_TYPES = {("xa",): "xã", ("phuong",): "phường", ("thi", "tran"): "thị trấn", ("tt",): "thị trấn",
                 ("dac", "khu"): "đặc khu"}
DISTRICT_TYPES = {("huyen",): "huyện", ("quan",): "quận", ("thi", "xa"): "thị xã", ("tx",): "thị xã"}
PROVINCE_TYPES = {("tinh",): "tỉnh", ("thanh", "pho"): "thành phố", ("tp",): "thành phố"}
# Between a name and its place: "Cao Xá, Tân Yên", "Vĩnh Sơn ở Vĩnh Linh", "(Bắc Giang)".
_SEPARATORS = {",", "(", ")", "-", "–", "o", "thuoc", "tai", "cua"}
# Before a unit word that counts units rather than names one: "số xã", "bao nhiêu xã", "các xã", "11 xã".
_COUNTING = {"so", "nhieu", "may", "cac", "nhung", "moi", "tong", "le", "tat", "ca", "%", "tung", "hai", "ba"}
# Words of the NTM vocabulary that are also some unit's name: a name only with a capital or its place.
_ORDINARY = frozenset({
    "biengioi", "vanhoa", "trungtam", "kieumau", "nangcao", "dacbiet", "khokhan", "dacbietkhokhan", "vungcao",
    "vungsau", "vungxa", "miennui", "venbien", "haidao", "dao", "antoankhu", "thuannong", "nongthon",
    "nongthonmoi", "datchuan", "thongminh", "dothi", "lienke", "conlai", "ngheo", "dantoc", "cu", "moi",
    "khac", "lancan", "vendo", "ngoaithanh", "noithanh", "trongdiem", "diem", "mau", "loai", "nhom",
})
_PAIR_GAP = re.compile(r"\s*[(,\u2013-]?\s*(?:(?:phan|tinh|nay|la|thuoc|truoc|day|thanh pho|tp|dia ban)\s+)*")
_CLOSING = re.compile(r"\s*(?:cu\b\s*)?\)?")
_MAX_NAME = 6
_MAX_PLACE = 5


@dataclass(frozen=True)
class _Scope:
    provinces: frozenset[int] | None
    districts: frozenset | None
    district: tuple[int, int] | None  # word span of the district, its unit word included
    end: int  # index of the first word after the place


_MAY_NAME_UNIT = re.compile(r"\b(?:xa|phuong|thi tran|tt|dac khu|huyen|quan|thi xa|tx)\b|[,(]|\b(?:o|thuoc|tai)\b")


def may_name_unit(text: str) -> bool:
    """Whether `text` could name a district or commune at all (a unit word, or a name then its place):
    the others need not wait for the registry to load."""
    return bool(_MAY_NAME_UNIT.search(fold(text)))


def link_places(text: str, words: list[Word], registry: RegistryIndex | None) -> list[PlaceMention]:
    """Every place `text` names, in order: provinces always, districts and communes with a registry."""
    local: list[PlaceMention] = []
    if registry is not None:
        local = _linker(registry).link(words)
    provinces = [m for m in _provinces(text) if not any(_overlaps(m, p) for p in local)]
    if registry is not None:
        local = [_narrow(m, provinces, registry) for m in local]
    return sorted(provinces + local, key=lambda m: m.start)


def _overlaps(a: PlaceMention, b: PlaceMention) -> bool:
    return a.start < b.end and b.start < a.end


# ------------------------------------------------------------------ provinces


def _province_mention(text: str, start: int, end: int, p: places.Province, typed: bool) -> PlaceMention:
    current = p.since_2025
    former = tuple(x.name for x in current.predecessors if x.key != p.key) if p.is_current else ()
    return PlaceMention(text[start:end], start, end, Unit.PROVINCE, p.name, current.name, typed_kind=typed,
                        former=former)


def _provinces(text: str) -> list[PlaceMention]:
    """Provinces, "Hải Phòng (Hải Dương cũ)" and "Long An (nay là Tây Ninh)" as one mention of the old plan's
    province that knows its current one."""
    found = places.find_in_query(text)
    out: list[PlaceMention] = []
    i = 0
    while i < len(found):
        m = found[i]
        p = m.province
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and _same_place(p, nxt.province) and _paired(text[m.end:nxt.start]):
            old = p if not p.is_current else nxt.province
            end = nxt.end + _closing(text[nxt.end:])
            mention = _province_mention(text, m.start, end, old, m.start != m.name_start)
            out.append(mention)
            i += 2
            continue
        out.append(_province_mention(text, m.start, m.end, p, m.start != m.name_start))
        i += 1
    return out


def _same_place(a: places.Province, b: places.Province) -> bool:
    return a.key != b.key and a.since_2025.key == b.since_2025.key and a.is_current != b.is_current


def _paired(between: str) -> bool:
    """Between 'Hải Phòng (Hải Dương cũ)', 'Tây Ninh (phần Long An cũ)', 'Long An (nay là Tây Ninh)'."""
    return bool(_PAIR_GAP.fullmatch(fold(between)))


def _closing(after: str) -> int:
    """Length of ' cũ)' / ')' / ' cũ' right after the second name."""
    folded = Folded(after)
    m = _CLOSING.match(folded.text)
    return folded.span(0, m.end())[1] if m and m.end() else 0


# ------------------------------------------------------------------ districts and communes


class _Linker:
    """The phrase matcher over one registry index (built once per index, see `_linker`)."""

    def __init__(self, index: RegistryIndex):
        self.index = index
        self.matcher = Matcher(index)

    def is_name(self, key: str) -> bool:
        return key in self.index.name_keys or key in self.index.alias_keys

    def link(self, words: list[Word]) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        i = 0
        while i < len(words):
            found = self._at(words, i)
            if found is None:
                i += 1
                continue
            mentions, i = found
            out.extend(mentions)
        return out

    def _at(self, words: list[Word], i: int) -> tuple[list[PlaceMention], int] | None:
        w = words[i]
        if not w.is_word:
            return None
        counting = i > 0 and (words[i - 1].folded in _COUNTING or words[i - 1].folded.isdigit())
        unit = phrase_at(words, i, COMMUNE_TYPES)
        if unit == ("xa",) and (i > 0 and words[i - 1].folded == "thi" or (w.accented and w.text.casefold() != "xã")):
            unit = None  # "thị xã" is a district; "Xá", "Xà" are part of a name
        if unit is not None and not counting:
            found = self._commune(words, i, i + len(unit), unit)
            if found:
                return found
        district = phrase_at(words, i, DISTRICT_TYPES)
        if district is not None and not counting:
            found = self._district(words, i, i + len(district))
            if found:
                return found
        if unit is None and district is None and phrase_at(words, i, PROVINCE_TYPES) is None:
            return self._commune(words, i, i, None)
        return None

    def _name_length(self, words: list[Word], start: int, unit: tuple[str, ...] | None) -> int:
        """Words of the longest registry name starting at `start` (0: none)."""
        for n in range(min(_MAX_NAME, len(words) - start), 0, -1):
            part = words[start:start + n]
            if not all(x.is_word for x in part) or part[0].folded.isdigit() and unit is None:
                continue
            key = "".join(x.folded for x in part)
            if self.is_name(key) or unit and self.is_name("".join(unit) + key):
                return n
        return 0

    def _commune(self, words, i: int, start: int, unit) -> tuple[list[PlaceMention], int] | None:
        n = self._name_length(words, start, unit)
        if not n:
            return None
        name = words[start:start + n]
        key = "".join(x.folded for x in name)
        scope = self._scope(words, start + n)
        if key in _ORDINARY and not _written_as_name(name, scope):
            return None  # "xã biên giới (Tây Ninh)", "xã văn hóa"
        if scope is None:
            if unit is None:
                return None  # a bare name needs its place: "Cao Xá, Bắc Giang"
            if key in self.index.province_keys:
                return None  # "xã Bắc Giang ...": the province's communes
        elif unit is None and (key in self.index.province_keys or key in self.index.district_keys):
            return None  # "Hải Phòng (Hải Dương cũ)", "Tân Yên, Bắc Giang": places, not a commune
        typed = words[i:start + n]
        query = NameQuery([x.folded for x in typed], [x.text.casefold() for x in typed],
                          scope.provinces if scope else None, scope.districts if scope else None)
        ids = self.matcher.exact(query)
        if not ids:
            return None
        mentions = [self._commune_mention(words, i, start + n, ids, unit is not None)]
        end = start + n
        if scope is not None:
            end = scope.end
            if scope.district:
                mentions.append(self._district_mention(words, scope))
        return mentions, end

    def _district(self, words, i: int, start: int) -> tuple[list[PlaceMention], int] | None:
        """'huyện Tân Yên (, Bắc Giang)': a district typed with its unit word."""
        for n in range(min(_MAX_PLACE, len(words) - start), 0, -1):
            part = words[start:start + n]
            if not all(x.is_word for x in part) or "".join(x.folded for x in part) not in self.index.district_keys:
                continue
            after = self._scope(words, start + n)
            provinces = after.provinces if after else None
            districts = self.matcher.resolve_district([x.folded for x in part], provinces)
            if districts:
                return [self._district_mention(words, _Scope(provinces, districts, (i, start + n), start + n))], \
                    start + n
        return None

    def _scope(self, words: list[Word], pos: int) -> _Scope | None:
        """The district and/or province right after a name ("huyện Tân Yên, tỉnh Bắc Giang"), or None."""
        provinces = None
        district: tuple[int, int] | None = None
        end = pos
        for _ in range(2):
            q = end
            while q < len(words) and words[q].folded in _SEPARATORS:
                q += 1
            if q >= len(words):
                break
            district_kind = phrase_at(words, q, DISTRICT_TYPES)
            province_kind = phrase_at(words, q, PROVINCE_TYPES) if not district_kind else None
            start = q + len(district_kind or province_kind or ())
            step = None
            for n in range(min(_MAX_PLACE, len(words) - start), 0, -1):
                part = words[start:start + n]
                if not all(x.is_word for x in part):
                    continue
                key = "".join(x.folded for x in part)
                if provinces is None and not district_kind and key in self.index.province_keys:
                    provinces, step = self.index.province_keys[key], start + n
                    break
                if district is None and not province_kind and key in self.index.district_keys:
                    district, step = (q, start + n), start + n
                    break
            if step is None:
                break
            end = step
        if end == pos:
            return None
        districts = None
        if district is not None:
            first = district[0] + len(phrase_at(words, district[0], DISTRICT_TYPES) or ())
            districts = self.matcher.resolve_district([x.folded for x in words[first:district[1]]], provinces)
            if not districts:
                return None
        return _Scope(provinces, districts, district if districts else None, end)

    # -- mentions -------------------------------------------------------------

    def _province_name(self, province_id: int) -> places.Province | None:
        return places.lookup(self.index.provinces[province_id].name)

    def _commune_mention(self, words, i: int, end: int, ids: list[int], typed: bool) -> PlaceMention:
        provinces = {self.index.communes[c].province.id for c in ids}
        p = self._province_name(next(iter(provinces))) if len(provinces) == 1 else None
        text = _span_text(words, i, end)
        return PlaceMention(text, words[i].start, words[end - 1].end, Unit.COMMUNE, p.name if p else None,
                            p.since_2025.name if p else None, tuple(ids), typed)

    def _district_mention(self, words, scope: _Scope) -> PlaceMention:
        first, stop = scope.district
        provinces = {pid for pid, _ in scope.districts or ()}
        p = self._province_name(next(iter(provinces))) if len(provinces) == 1 else None
        typed = phrase_at(words, first, DISTRICT_TYPES) is not None
        return PlaceMention(_span_text(words, first, stop), words[first].start, words[stop - 1].end, Unit.DISTRICT,
                            p.name if p else None, p.since_2025.name if p else None, typed_kind=typed)


def _written_as_name(name: list[Word], scope: _Scope | None) -> bool:
    """A word of the NTM vocabulary read as a unit's name: capitalised ("Xã Biên Giới"), or, typed
    without capitals or accents, followed by its district ("xa bien gioi, chau thanh")."""
    if all(w.capitalised for w in name):
        return True
    return scope is not None and scope.district is not None


def _span_text(words: list[Word], i: int, end: int) -> str:
    return " ".join(w.text for w in words[i:end])


def _narrow(mention: PlaceMention, provinces: list[PlaceMention], index: RegistryIndex) -> PlaceMention:
    """A commune name several units share, narrowed to the provinces the question names elsewhere."""
    if mention.kind is not Unit.COMMUNE or len(mention.commune_ids) < 2 or not provinces:
        return mention
    wanted: set[int] = set()
    for p in provinces:
        for name in (p.province, p.current_province):
            wanted |= _linker(index).matcher.resolve_province(name or "", fuzzy=False) or set()
    kept = tuple(c for c in mention.commune_ids if index.in_provinces(c, frozenset(wanted)))
    if not kept or kept == mention.commune_ids:
        return mention
    linker = _linker(index)
    single = {index.communes[c].province.id for c in kept}
    p = linker._province_name(next(iter(single))) if len(single) == 1 else None
    return PlaceMention(mention.text, mention.start, mention.end, mention.kind, p.name if p else mention.province,
                        p.since_2025.name if p else mention.current_province, kept, mention.typed_kind)


_linkers: weakref.WeakKeyDictionary[RegistryIndex, _Linker] = weakref.WeakKeyDictionary()
_linkers_lock = threading.Lock()


def _linker(index: RegistryIndex) -> _Linker:
    """The matcher of `index`, built once (a reloaded registry is a new index, with a new matcher)."""
    with _linkers_lock:
        linker = _linkers.get(index)
        if linker is None:
            linker = _linkers[index] = _Linker(index)
        return linker
