"""Vietnamese provinces: canonical names, the ways articles write them, mentions.

The list comes from `vietnamadminunits` (both the 63 provinces before
1 July 2025 and the 34 after; every post-merger name is also a pre-merger
name, so the union is the 63). A canonical name is the official one without
the word "Tỉnh": "Hải Dương", "Thành phố Hồ Chí Minh". Cities keep
"Thành phố" because "Hồ Chí Minh" alone is the person.

Mentions are matched case-sensitively on NFC text: province names are proper
nouns, and lower-case "hòa bình" (peace) or "bình định" must not count.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from knowledge.text.normalize import fold, normalize

# Ways of writing a province that are not its official name. Bare
# "Hồ Chí Minh" is deliberately absent: in articles it is mostly the person
# ("tấm gương đạo đức Hồ Chí Minh").
_EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "Thành phố Hồ Chí Minh": (
        "thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.Hồ Chí Minh", "TP Hồ Chí Minh",
        "Tp. Hồ Chí Minh", "Tp Hồ Chí Minh", "TPHCM", "TP.HCM", "TP. HCM", "TP HCM",
        "Tp.HCM", "Tp. HCM", "Tp HCM", "TpHCM", "HCMC", "Sài Gòn", "Saigon",
        "Ho Chi Minh City",
    ),
    "Thành phố Hà Nội": ("Hà Nội", "TP. Hà Nội", "TP Hà Nội", "Hanoi"),
    "Thành phố Hải Phòng": ("Hải Phòng", "TP. Hải Phòng", "TP Hải Phòng"),
    "Thành phố Đà Nẵng": ("Đà Nẵng", "TP. Đà Nẵng", "TP Đà Nẵng"),
    "Thành phố Cần Thơ": ("Cần Thơ", "TP. Cần Thơ", "TP Cần Thơ"),
    "Thành phố Huế": ("Huế", "Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên-Huế"),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bà Rịa–Vũng Tàu", "BR-VT", "Vũng Tàu"),
    "Đắk Lắk": ("Đăk Lăk", "Đắk Lăk", "Đắc Lắc", "Daklak", "Dak Lak"),
    "Đắk Nông": ("Đăk Nông", "Đắc Nông", "Dak Nong"),
    "Kon Tum": ("Kontum",),
}

# Names that contain a province name but mean something else.
_NOT_A_PROVINCE = {
    "Đồng Tháp": r"(?! Mười)",  # Đồng Tháp Mười: a region spanning three provinces
    "Bình Dương": r"(?<!Thái )",  # Thái Bình Dương: the Pacific
    "Thái Bình": r"(?! Dương)",
}

_WORD = r"[\wÀ-ỹ]"


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(alias fold -> canonical, canonical -> canonical after 2025, canonical names).

    Loaded lazily: importing `vietnamadminunits` costs about half a second.
    """
    from vietnamadminunits import convert_address
    from vietnamadminunits.database import get_data

    legacy = get_data(["province", "provinceShort"], table="admin_units_legacy")
    current = {r["province"] for r in get_data(["province"], table="admin_units")}
    by_alias: dict[str, str] = {}
    after_2025: dict[str, str] = {}
    names: list[str] = []
    for row in legacy:
        official = normalize(row["province"])
        canonical = official.removeprefix("Tỉnh ")
        names.append(canonical)
        # The short form of a city ("Hồ Chí Minh") maps here for explicit
        # province fields, but is not searched for in running text.
        for alias in (official, canonical, normalize(row["provinceShort"])):
            by_alias[fold(alias)] = canonical
        for alias in _EXTRA_ALIASES.get(canonical, ()):
            by_alias[fold(normalize(alias))] = canonical
        if row["province"] in current:
            after_2025[canonical] = canonical
        else:
            merged = convert_address(row["province"]).province
            after_2025[canonical] = normalize(merged).removeprefix("Tỉnh ")
    return by_alias, after_2025, names


@functools.cache
def _mention_pattern() -> re.Pattern[str]:
    names = _tables()[2]
    surface: set[str] = set()
    for canonical in names:
        for form in (canonical, *_EXTRA_ALIASES.get(canonical, ())):
            form = normalize(form)
            surface.update({form, form.upper()})
    parts = []
    for form in sorted(surface, key=len, reverse=True):
        guard = next((g for name, g in _NOT_A_PROVINCE.items() if fold(form) == fold(name)), "")
        escaped = re.escape(form)
        parts.append(f"{guard}{escaped}" if guard.startswith("(?<") else f"{escaped}{guard}")
    return re.compile(rf"(?<!{_WORD})(?:{'|'.join(parts)})(?!{_WORD})")


def province_names() -> list[str]:
    """The 63 canonical names (pre-2025 list, a superset of the 34 current names)."""
    return list(_tables()[2])


def canonical_province(name: str) -> str | None:
    """'TPHCM', 'tỉnh hai duong', 'Tỉnh Long An' -> canonical name; None if unknown."""
    key = fold(normalize(name)).strip()
    key = re.sub(r"\s+", " ", key)
    by_alias = _tables()[0]
    if key in by_alias:
        return by_alias[key]
    for prefix in ("tinh ", "thanh pho ", "tp. ", "tp.", "tp "):
        if key.startswith(prefix) and key[len(prefix):].strip() in by_alias:
            return by_alias[key[len(prefix):].strip()]
    squashed = key.replace(" ", "")  # "haiduong", "hochiminh"
    for alias, canonical in by_alias.items():
        if squashed == alias.replace(" ", ""):
            return canonical
    return None


def province_since_2025(name: str) -> str | None:
    """Canonical name of the province that contains `name` since 1 July 2025.

    'Hải Dương' -> 'Thành phố Hải Phòng'; 'Long An' -> 'Tây Ninh'. Officials
    still use the old names, so search can map both ways with this.
    """
    canonical = canonical_province(name)
    return _tables()[1].get(canonical) if canonical else None


def count_mentions(text: str) -> Counter[str]:
    """Canonical province -> number of mentions in `text` (NFC, any case style)."""
    by_alias = _tables()[0]
    counts: Counter[str] = Counter()
    for match in _mention_pattern().finditer(normalize(text)):
        canonical = by_alias.get(fold(match.group()))
        if canonical:
            counts[canonical] += 1
    return counts
