"""Provinces named in running text (articles, plans, passages).

In text a province is a proper noun, so matching is case-sensitive: a form
as written, in capitals ("HẢI DƯƠNG" in a headline), or without its
diacritics when the text has none ("Hai Duong"). Lower-case "hòa bình"
(peace) or "bình định" (to settle) is not a province, nor is a name that
runs on into a longer one: "Đồng Tháp Mười" (a region), "Thái Bình Dương"
(the Pacific).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass

from knowledge.places.pattern import alternation
from knowledge.places.registry import Province
from knowledge.places.spellings import forms
from knowledge.text.normalize import fold, normalize

_LETTER = r"[\wÀ-ỹ]"
_SPACE = r"[^\S\n]+"  # double spaces and no-break spaces, not a line break

# Names inside longer names that are not the province: (what must not come
# before, what must not follow), any case.
_NOT_A_PROVINCE = {
    "dong thap": (None, re.compile(r"\s+(?i:mười|muoi)")),  # Đồng Tháp Mười, a region across three provinces
    "binh duong": (re.compile(r"(?i:thái|thai)\s+$"), None),  # Thái Bình Dương, the Pacific
    "thai binh": (None, re.compile(r"\s+(?i:dương|duong)")),
}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    province: Province


def _without_marks(form: str) -> str:
    """'Hải Dương' -> 'Hai Duong': the form as typed without diacritics, capitals kept."""
    return "".join(f.upper() if o.isupper() else f for o, f in zip(form, fold(form), strict=True))


@functools.cache
def _surface() -> dict[str, Province]:
    """Every form as it may stand in a text: as written, in capitals, without diacritics."""
    out: dict[str, Province] = {}
    for form, p in forms("text"):
        form = normalize(form)
        for variant in (form, form.upper(), _without_marks(form)):
            out.setdefault(variant, p)
    return out


@functools.cache
def _pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<!{_LETTER}){alternation(_surface(), _SPACE)}(?!{_LETTER})")


def _guarded(text: str, start: int, end: int) -> bool:
    before, after = _NOT_A_PROVINCE.get(" ".join(re.findall(r"\w+", fold(text[start:end]))), (None, None))
    return bool(before and before.search(text, max(0, start - 8), start)
                or after and after.match(text, end))


def _normalized(text: str) -> tuple[str, list[int], list[int]]:
    """NFC text, and the piece boundaries (normalized, original) to map offsets back."""
    norm = normalize(text)
    if len(norm) == len(text):
        return norm, [], []
    out, starts, origins = [], [], []
    pos = 0
    for piece in re.finditer(r"\w[\w\u0300-\u036f]*|[\s\S]", text):
        starts.append(pos)
        origins.append(piece.start())
        part = normalize(piece.group())
        out.append(part)
        pos += len(part)
    starts.append(pos)
    origins.append(len(text))
    return "".join(out), starts, origins


def find_mentions(text: str) -> list[Mention]:
    """Province mentions in `text`, in order, with offsets into `text` (even when it is not NFC)."""
    norm, starts, origins = _normalized(text)

    def back(offset: int, *, end: bool = False) -> int:
        if not starts:
            return offset
        # a removed character (empty piece) stays outside the mention on either side
        return origins[bisect.bisect_left(starts, offset) if end else bisect.bisect_right(starts, offset) - 1]

    surface, out, pos = _surface(), [], 0
    while m := _pattern().search(norm, pos):
        if _guarded(norm, m.start(), m.end()):
            pos = m.start() + 1  # a shorter name may still start inside ("Thái Bình Dương")
            continue
        out.append(Mention(back(m.start()), back(m.end(), end=True), surface[re.sub(_SPACE, " ", m.group())]))
        pos = m.end()
    return out


def count_mentions(text: str) -> Counter[str]:
    """Mentions per province, by `Province.name` ("Hải Dương", "Thành phố Hồ Chí Minh")."""
    return Counter(m.province.name for m in find_mentions(text))


def most_mentioned(text: str) -> list[Province]:
    """The provinces a text is about, most mentioned first (ties: first mentioned)."""
    mentions = find_mentions(text)
    counts = Counter(m.province for m in mentions)
    first: dict[Province, int] = {}
    for m in mentions:
        first.setdefault(m.province, m.start)
    return sorted(counts, key=lambda p: (-counts[p], first[p]))
