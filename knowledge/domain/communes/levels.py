"""The three NTM recognition levels and the many ways officials spell them.

Lists say "đạt chuẩn NTM", "Nông thôn mới", "NTMNC", "NTM KM", "kiểu mẫu"...;
anything that is not clearly one of the three is rejected rather than guessed,
because a wrong level would be published as fact.
"""

from __future__ import annotations

import re
from enum import StrEnum

from knowledge.text.normalize import fold


class Level(StrEnum):
    NTM = "ntm"
    NANG_CAO = "ntm_nang_cao"
    KIEU_MAU = "ntm_kieu_mau"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        """Short label used in lists and cards: 'NTM nâng cao'."""
        return _LABEL[self]

    @property
    def long_label(self) -> str:
        """Full wording for sentences: 'đạt chuẩn nông thôn mới nâng cao'."""
        return _LONG[self]


_RANK = {Level.NTM: 1, Level.NANG_CAO: 2, Level.KIEU_MAU: 3}
_LABEL = {Level.NTM: "NTM", Level.NANG_CAO: "NTM nâng cao", Level.KIEU_MAU: "NTM kiểu mẫu"}
_LONG = {
    Level.NTM: "đạt chuẩn nông thôn mới",
    Level.NANG_CAO: "đạt chuẩn nông thôn mới nâng cao",
    Level.KIEU_MAU: "đạt chuẩn nông thôn mới kiểu mẫu",
}
LEVELS_BY_RANK = (Level.NTM, Level.NANG_CAO, Level.KIEU_MAU)

# Words that carry no level information ("xã đạt chuẩn NTM" = "NTM").
_FILLER = {"xa", "dat", "chuan", "muc", "cong", "nhan", "duoc", "da", "la"}
_CORE = {
    "ntm": Level.NTM,
    "ntm nang cao": Level.NANG_CAO,
    "nang cao": Level.NANG_CAO,
    "ntmnc": Level.NANG_CAO,
    "ntm nc": Level.NANG_CAO,
    "nc": Level.NANG_CAO,
    "ntm kieu mau": Level.KIEU_MAU,
    "kieu mau": Level.KIEU_MAU,
    "ntmkm": Level.KIEU_MAU,
    "ntm km": Level.KIEU_MAU,
    "km": Level.KIEU_MAU,
}


def parse_level(text: object) -> Level | None:
    """The level a cell means, or None when it is not recognisable."""
    if text is None:
        return None
    folded = fold(str(text))
    folded = re.sub(r"nong\s*thon\s*moi", " ntm ", folded)
    all_words = re.findall(r"[a-z0-9]+", folded)
    words = [w for w in all_words if w not in _FILLER]
    if not words:
        # A bare "Đạt chuẩn" in the level column means the base level.
        return Level.NTM if "chuan" in all_words else None
    return _CORE.get(" ".join(words))
