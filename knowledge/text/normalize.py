"""Unicode normalisation and accent folding for Vietnamese.

Officials type on phones: composed or decomposed Unicode, old or new tone
placement (hòa/hoà, thủy/thuỷ), often no diacritics at all. Everything that
is compared goes through `normalize` (one canonical spelling) and, for
accent-insensitive matching, `fold`.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# Open syllables ending in oa/oe/uy carry the tone on the last vowel in the
# "new" style (hoà, khoẻ, thuỷ); we canonicalise to the traditional style
# (hòa, khỏe, thủy) most government documents use. "qu" + y keeps its tone
# on y in both styles (quý), so it is excluded.
_NEW_STYLE = re.compile(rf"(?<![qQ])([oO][aAeE]|[uU][yY])([{_TONES}])(?![\w\u0300-\u036f])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


def normalize(text: str) -> str:
    """NFC, traditional tone placement, no control or zero-width characters."""
    text = _CONTROL.sub("", text)
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _NEW_STYLE.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], decomposed)
    return unicodedata.normalize("NFC", decomposed)


def fold(text: str) -> str:
    """Lower-case, diacritic-free form for matching: 'Đạt chuẩn' -> 'dat chuan'.

    đ/Đ are mapped by hand because NFD does not decompose them.
    """
    text = unicodedata.normalize("NFC", text).casefold().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese mark (typed with accents)."""
    return fold(text) != text.casefold()
