"""The shape of a Vietnamese syllable: initial, vowel cluster, final, tone.

Spelling correction must tell a typo ("nhieeu", "lopp", "nag") from a word
the index merely lacks, and Telex decoding must put the tone mark where
Vietnamese writes it. Both need the syllable grammar, not a dictionary: a
few dozen vowel clusters and eight final consonants. The grammar is a little
loose (it accepts some syllables no one writes) so that real words are never
taken for typos.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from knowledge.text.normalize import fold

# Combining tone marks, by name: sắc, huyền, hỏi, ngã, nặng.
ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
TONES = (ACUTE, GRAVE, HOOK, TILDE, DOT)

# Longest first: "ngh" before "ng" before "n".
INITIALS = (
    "ngh", "ng", "gh", "gi", "nh", "ch", "kh", "ph", "th", "tr", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)
FINALS = ("ng", "nh", "ch", "c", "m", "n", "p", "t", "")
STOP_FINALS = frozenset({"c", "ch", "p", "t"})  # only sắc or nặng before these

# Vowel clusters (with their modifiers, without tone), by what may follow them.
_ANY_FINAL = "a e ê i o ô ơ u ư y oa oe uê uy".split()
_CONSONANT_FINAL = "ă â iê yê uô ươ uyê oă uâ oo".split()  # never alone: "xâ" is not a word
_NO_FINAL = (
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ưa ui ưi ưu uơ iêu yêu uôi ươi ươu oai oay oao oeo uây uya uyu"
).split()
_PALATAL = frozenset({"a", "ê", "i", "y", "oa", "uê", "uy"})  # the only ones before "ch", "nh"
_OO = frozenset({"c", "ng"})  # "xoong", "moóc"
CLUSTERS = frozenset(_ANY_FINAL + _CONSONANT_FINAL + _NO_FINAL)
_MODIFIED = frozenset("ăâêôơư")
_VOWELS = frozenset("aăâeêioôơuưy")


def _final_allowed(cluster: str, final: str) -> bool:
    if final in ("ch", "nh") and cluster not in _PALATAL:
        return False
    if cluster == "oo":
        return final in _OO
    if cluster in _NO_FINAL:
        return final == ""
    if cluster in _CONSONANT_FINAL:
        return final != ""
    return True


# Every folded rhyme ("ieng", "uyen", "oach"): what a syllable typed without marks may end with.
RHYMES = frozenset(
    fold(cluster) + final for cluster in CLUSTERS for final in FINALS if _final_allowed(cluster, final)
)


@dataclass(frozen=True)
class Parts:
    initial: str
    cluster: str  # the vowels, with modifiers, without the tone
    final: str
    tone: str  # one of TONES, or "" (ngang)


def strip_tone(text: str) -> tuple[str, str]:
    """('người' ->) ('ngươi', GRAVE): the letters with their modifiers, and the tone mark."""
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in TONES:
            tone = ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


@lru_cache(maxsize=50_000)
def parts(syllable: str) -> Parts | None:
    """The syllable's parts, or None when it has no Vietnamese shape (lower case expected).

    Folded input parses too: `parts("nghieng")` gives ("ngh", "ie", "ng", "").
    """
    letters, tone = strip_tone(syllable)
    folded = fold(letters)
    if len(folded) != len(letters) or not folded.isalpha():
        return None
    for initial in INITIALS:
        if not letters.startswith(initial):
            continue
        rest = letters[len(initial):]
        for final in FINALS:
            if final and not rest.endswith(final):
                continue
            cluster = rest[: len(rest) - len(final)]
            if fold(cluster) + final in RHYMES and cluster and set(cluster) <= _VOWELS:
                return Parts(initial, cluster, final, tone)
    return None


def is_syllable(text: str) -> bool:
    """Whether the letters of `text`, marks ignored, spell a Vietnamese syllable ("nhieu" yes, "nhieeu" no)."""
    return parts(fold(text)) is not None


def is_well_formed(syllable: str) -> bool:
    """A syllable as written with marks: known vowel cluster, allowed final, tone allowed by it.

    "người" and "đạt" are; "ngừoi" (no horn on o), "nhâp" (level tone before p), "xâ" are not.
    """
    p = parts(syllable)
    if p is None or p.cluster not in CLUSTERS or not _final_allowed(p.cluster, p.final):
        return False
    return p.final not in STOP_FINALS or p.tone in (ACUTE, DOT)


def toned_vowel(initial: str, cluster: str, final: str) -> int:
    """Index in `cluster` of the vowel that carries the tone (traditional placement: hòa, thủy)."""
    modified = [i for i, ch in enumerate(cluster) if ch in _MODIFIED]
    if modified:
        return modified[-1]  # ươ -> ơ, iê -> ê, uâ -> â
    if final or len(cluster) == 1:
        return len(cluster) - 1
    return 1 if len(cluster) == 3 else 0  # oai -> a, uyu -> y; ai, oa, uy -> the first


def with_tone(letters: str, tone: str) -> str:
    """`letters` (lower case, modifiers, no tone) with `tone` on the right vowel, NFC.

    A shape `parts` rejects gets the tone on its last vowel.
    """
    if not tone:
        return unicodedata.normalize("NFC", letters)
    p = parts(letters)
    if p is not None:
        at = len(p.initial) + toned_vowel(p.initial, p.cluster, p.final)
    else:
        vowels = [i for i, ch in enumerate(letters) if ch in _VOWELS]
        if not vowels:
            return unicodedata.normalize("NFC", letters)
        at = vowels[-1]
    decomposed = letters[: at + 1] + tone + letters[at + 1:]
    return unicodedata.normalize("NFC", decomposed)
