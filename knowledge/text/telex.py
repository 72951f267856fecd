"""Telex leftovers: the keys a phone's Vietnamese keyboard did not turn into marks.

With Telex, "nhieeuf" is typed for "nhiều" and "ddatj" for "đạt"; when the
keyboard is off or too slow, those keys stay in the question. Decoding them
is safe only where the token is not already a syllable: "xas" and "nhieeu"
cannot be Vietnamese as typed, while "thong" or "nam" are words, and English,
numbers and document numbers never decode to a syllable.

Keys: a doubled a/e/o gives â/ê/ô; w after a/o/u gives ă/ơ/ư (after "uo",
"ươ"; alone, "ư"); "dd" at the start gives đ; after the first vowel, s f r
x j are the tones sắc, huyền, hỏi, ngã, nặng (z clears it), wherever typed.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from knowledge.text.normalize import fold
from knowledge.text.syllable import ACUTE, DOT, GRAVE, HOOK, TILDE, is_syllable, with_tone

__all__ = ["decode"]

_TONE_KEYS = {"s": ACUTE, "f": GRAVE, "r": HOOK, "x": TILDE, "j": DOT}
_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_HORN = {"a": "ă", "o": "ơ", "u": "ư"}
_VOWELS = frozenset("aăâeêioôơuưy")


@lru_cache(maxsize=20_000)
def decode(token: str) -> str | None:
    """The syllable a Telex typist meant, lower case ("ddatj" -> "đạt"), or None.

    None when the token is already a syllable, holds no Telex key, is not
    plain ASCII letters, or decodes to no Vietnamese syllable.
    """
    word = token.lower()
    if len(word) < 2 or not (word.isascii() and word.isalpha()) or is_syllable(word):
        return None
    letters: list[str] = []
    tone = ""
    rest = word
    if word.startswith("dd"):
        letters.append("đ")
        rest = word[2:]
    for ch in rest:
        has_vowel = any(c in _VOWELS for c in letters)
        if has_vowel and ch in _TONE_KEYS:
            tone = _TONE_KEYS[ch]
        elif has_vowel and ch == "z":
            tone = ""
        elif ch == "w":
            if not _add_horn(letters):
                letters.append("ư")
        elif ch in _CIRCUMFLEX and letters and letters[-1] == ch:
            letters[-1] = _CIRCUMFLEX[ch]
        else:
            letters.append(ch)
    # Vietnamese writes "ie", "ye" only as "iê", "yê": "nhieuf" is "nhiều".
    base = unicodedata.normalize("NFC", "".join(letters)).replace("ie", "iê").replace("ye", "yê")
    if base == word and not tone:
        return None
    syllable = with_tone(base, tone)
    return syllable if is_syllable(fold(syllable)) else None


def _add_horn(letters: list[str]) -> bool:
    """Put w's mark on the last vowel cluster ("uo" -> "ươ"); False when there is none to mark."""
    vowels = [i for i, ch in enumerate(letters) if ch in _VOWELS]
    if not vowels:
        return False
    for i in range(len(vowels) - 1):  # "uo" (ươ) takes the horn on both
        a, b = vowels[i], vowels[i + 1]
        if b == a + 1 and letters[a] == "u" and letters[b] == "o":
            letters[a], letters[b] = "ư", "ơ"
            return True
    for i in reversed(vowels):
        if letters[i] in _HORN:
            letters[i] = _HORN[letters[i]]
            return True
    return False
