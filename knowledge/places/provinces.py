"""Province names: finding them in text and matching what officials type.

Text and queries differ: in a document a province is a capitalised name
("tỉnh Hải Dương", "TPHCM"), and "Hồ Chí Minh" alone is more often the
person than the city; in a query anything goes ("hai duong", "tp.hcm").
Since 1 July 2025 there are 34 provinces, but documents and officials still
use the 63 old names, so both are kept, with the old-to-new merge map for
hints ("Hải Dương nay thuộc Hải Phòng").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz, process

from knowledge.text.folding import Folded
from knowledge.text.normalize import fold

HCM = "TP. Hồ Chí Minh"

# The 63 provinces before 1 July 2025 (canonical spelling, traditional tone marks).
OLD_PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", HCM, "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)

# Old province -> the province it belongs to since 1 July 2025 (only those that changed).
MERGED_INTO = {
    "Hà Giang": "Tuyên Quang", "Yên Bái": "Lào Cai", "Bắc Kạn": "Thái Nguyên",
    "Vĩnh Phúc": "Phú Thọ", "Hòa Bình": "Phú Thọ", "Bắc Giang": "Bắc Ninh", "Thái Bình": "Hưng Yên",
    "Hải Dương": "Hải Phòng", "Hà Nam": "Ninh Bình", "Nam Định": "Ninh Bình",
    "Quảng Bình": "Quảng Trị", "Quảng Nam": "Đà Nẵng", "Kon Tum": "Quảng Ngãi", "Bình Định": "Gia Lai",
    "Ninh Thuận": "Khánh Hòa", "Đắk Nông": "Lâm Đồng", "Bình Thuận": "Lâm Đồng", "Phú Yên": "Đắk Lắk",
    "Bình Dương": HCM, "Bà Rịa - Vũng Tàu": HCM, "Bình Phước": "Đồng Nai", "Long An": "Tây Ninh",
    "Sóc Trăng": "Cần Thơ", "Hậu Giang": "Cần Thơ", "Bến Tre": "Vĩnh Long", "Trà Vinh": "Vĩnh Long",
    "Tiền Giang": "Đồng Tháp", "Bạc Liêu": "Cà Mau", "Kiên Giang": "An Giang", "Thừa Thiên Huế": "Huế",
}

NEW_PROVINCES = tuple(sorted({MERGED_INTO.get(p, p) for p in OLD_PROVINCES}))

# Extra spellings (folded). Short forms are only those officials really use;
# two-letter ones ("HD") would collide with ordinary words.
_ALIASES = {
    HCM: ("tphcm", "tp hcm", "tp.hcm", "tp. hcm", "hcm", "tp ho chi minh", "tp. ho chi minh",
          "tp.ho chi minh", "thanh pho ho chi minh", "ho chi minh", "sai gon"),
    "Bà Rịa - Vũng Tàu": ("ba ria vung tau", "ba ria-vung tau", "brvt"),
    "Thừa Thiên Huế": ("thua thien hue",),
    "Huế": ("hue", "tp hue", "thanh pho hue"),
    "Đắk Lắk": ("daklak", "dac lac"),
    "Đắk Nông": ("daknong", "dac nong"),
    "Hà Nội": ("tp ha noi", "thanh pho ha noi"),
}
# In running text these need a city prefix, otherwise they usually name a person or a river.
_TEXT_NEEDS_PREFIX = {"ho chi minh", "hue"}
_TEXT_SKIP = {"sai gon", "hcm"}


@lru_cache(maxsize=1)
def _alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in (*OLD_PROVINCES, *NEW_PROVINCES):
        table.setdefault(fold(name).replace(" - ", " "), name)
        table.setdefault(fold(name), name)
    for name, aliases in _ALIASES.items():
        for alias in aliases:
            table.setdefault(alias, name)
    return table


def _compact(alias: str) -> str:
    return re.sub(r"[\s.\-]", "", alias)


@lru_cache(maxsize=1)
def _compact_table() -> dict[str, str]:
    return {_compact(a): name for a, name in _alias_table().items()}


def _alias_pattern(aliases) -> re.Pattern:
    alternatives = sorted(aliases, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s*") for a in alternatives)
    return re.compile(rf"(?<![\w.])(?:{body})(?!\w)")


@lru_cache(maxsize=1)
def _query_pattern() -> re.Pattern:
    return _alias_pattern(_alias_table())


@lru_cache(maxsize=1)
def _text_pattern() -> re.Pattern:
    return _alias_pattern(a for a in _alias_table() if a not in _TEXT_SKIP)


_CITY_PREFIX = re.compile(r"(?:tp\.?|thanh pho)\s*$")


def find_provinces(text: str) -> list[tuple[int, int, str]]:
    """Province mentions in running text as (start, end, canonical name).

    A mention must be capitalised as a name, must not run on into a longer
    name ("Đồng Tháp Mười"), and "Hồ Chí Minh"/"Huế" need a city prefix.
    """
    folded = Folded(text)
    out = []
    for m in _text_pattern().finditer(folded.text):
        start, end = folded.span(m.start(), m.end())
        if not text[start:start + 1].isupper():
            continue
        needs_prefix = _compact(m.group()) in {_compact(a) for a in _TEXT_NEEDS_PREFIX}
        if needs_prefix and not _CITY_PREFIX.search(folded.text[max(0, m.start() - 10):m.start()]):
            continue
        following = re.match(r"[^\S\n]+(\w)", text[end:end + 4])
        if following and following.group(1).isupper():
            continue
        out.append((start, end, _compact_table()[_compact(m.group())]))
    return out


def detect_provinces(text: str) -> list[str]:
    """Provinces a document is about, most mentioned first (ties: first mentioned)."""
    mentions = find_provinces(text)
    counts = Counter(name for _, _, name in mentions)
    first = {}
    for start, _, name in mentions:
        first.setdefault(name, start)
    return sorted(counts, key=lambda n: (-counts[n], first[n]))


def match_province(query: str) -> str | None:
    """The province a query names (any case, with or without diacritics), else None."""
    folded = fold(query)
    found = [m for m in _query_pattern().finditer(folded)]
    if not found:
        return None
    best = max(found, key=lambda m: len(m.group()))
    return _compact_table()[_compact(best.group())]


def resolve_province(name: str, *, cutoff: float = 85) -> str | None:
    """Like `match_province`, and tolerant of one typo for a bare name ("hai duog")."""
    exact = match_province(name)
    if exact:
        return exact
    folded = re.sub(r"^(?:tinh|thanh pho|tp\.?)\s+", "", fold(name).strip())
    if len(folded) < 4:
        return None
    hit = process.extractOne(folded, list(_alias_table()), scorer=fuzz.ratio, score_cutoff=cutoff)
    return _alias_table()[hit[0]] if hit else None


def canonical_province(name: str) -> str:
    """Our spelling of a province written any other way ("Thành phố Hồ Chí Minh" -> "TP. Hồ Chí Minh")."""
    return match_province(name) or name.strip()


def province_key(name: str) -> str:
    """Sort/compare key: folded canonical name."""
    return fold(name)


def old_provinces_of(new_name: str) -> list[str]:
    """The old provinces merged into `new_name` (empty when it did not absorb any)."""
    return [old for old, new in MERGED_INTO.items() if new == new_name and old != new_name]
