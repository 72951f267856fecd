"""The two lexical analysers behind BM25, used unchanged at index and query time, and plain folded words.

- `word_tokens`: pyvi words ("nông_thôn", "kiểu_mẫu"), lower case, with
  diacritics. Precise for questions typed with accents: "xã" and "xa" differ.
- `folded_tokens`: accent-folded syllables ("nong", "thon"), no pyvi. It is
  what a question typed without diacritics can match, and it is fast.

Both keep protected spans (document numbers, dates, percentages, ratios,
ranges, times, URLs; see `segment.py`) whole, in one canonical spelling:
"82 %" and "82%", "2021 – 2025" and "2021-2025" are the same token. The
folded analyser also emits their parts ("6425/ubnd-vhxh" -> "6425", "ubnd",
"vhxh"), so "cong van 6425" still finds the document; the word analyser
stays exact.

Numbers lose leading zeros in both ("05 xã" -> "5"; "12/01/2024" ->
"12/1/2024"): documents write "05 xã", officials type "5 xa". Zeros after a
decimal or thousands separator are kept ("62,05", "1.000").

No stop words. Dropping "của, và, là, các, những" (and "được, có") on
both sides moved the word BM25's MRR@10 on ALQAC legal questions by
-0.006/-0.004 (2022, 520 questions) and +0.002/+0.004 (2023, 100): noise.
IDF already makes them cheap, and "có", "được" carry meaning in questions
("có bao nhiêu", "được công nhận").

Optional bigrams (`bigrams=True`, see `folded_tokens`) clearly help BM25;
they are off by default because callers compare token sets (the relevance
check) and the index and queries must switch together.

`folded_words` is not an index analyser: the plain word-character runs of
fold(text) ("6425/UBND" -> "6425", "ubnd"; "05" stays "05"), for the quick
word-overlap scores that pick a sentence to show.
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.text.normalize import fold, normalize
from knowledge.text.segment import segment_tokens, syllabify

__all__ = ["folded_tokens", "folded_words", "word_tokens"]

# A leading zero run of a number that is not the fraction or thousands group
# of another number: "05", "12/01/2024" but not "62,05" or "1.000".
_LEADING_ZEROS = re.compile(r"(?<![\w.,:])0+(?=\d)")
_PARTS = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_WORD = re.compile(r"\w+")


def _strip_zeros(token: str) -> str:
    return _LEADING_ZEROS.sub("", token) if "0" in token else token


def _protected_form(text: str, kind: str) -> str:
    """Index form of a protected span (already canonical()): lower case, no leading zeros."""
    text = text.lower()
    if kind == "abbr":  # TP.HCM -> tphcm, TP. -> tp, v.v. -> vv: as officials also type them
        return text.replace(".", "")
    if kind in ("url", "email"):
        return text
    return _strip_zeros(text)


def word_tokens(text: str, bigrams: bool = False) -> list[str]:
    """pyvi words of `text` for the word BM25: lower case, punctuation dropped.

    "Bắc Giang có thêm 05 xã đạt 62,2%" ->
    ["bắc_giang", "có", "thêm", "5", "xã", "đạt", "62,2%"].
    With `bigrams`, adjacent words of a clause are appended as "a+b" terms
    (see `folded_tokens`).
    """
    out: list[str] = []
    pairs: list[str] = []
    prev = None
    for tok in segment_tokens(text):
        if tok.kind == "punct":
            prev = None
            continue
        term = _strip_zeros(tok.text.lower()) if tok.kind == "word" else _protected_form(tok.text, tok.kind)
        out.append(term)
        if bigrams and prev is not None:
            pairs.append(f"{prev}+{term}")
        prev = term
    return out + pairs


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> tuple[str, ...]:
    # Cached: a corpus has a few thousand distinct syllables, and fold() is
    # the costly step (two Unicode normalisations).
    return tuple(_strip_zeros(p) for p in fold(word).split("_") if p)


def folded_tokens(text: str, bigrams: bool = False) -> list[str]:
    """Accent-folded syllables of `text` for the folded BM25.

    "Bắc Giang: 05 xã đạt chuẩn NTM kiểu mẫu" ->
    ["bac", "giang", "5", "xa", "dat", "chuan", "ntm", "kieu", "mau"], which a
    question typed as "bac giang 5 xa ntm kieu mau" matches token for token.
    A protected span gives its whole form, then its parts.

    With `bigrams`, each pair of adjacent terms within a clause is appended
    as "a_b" ("kieu_mau", "xa_ntm"). A folded syllable is ambiguous ("xa" is
    xã, xa, xà), a pair much less so: on ALQAC questions typed without
    diacritics, BM25 MRR@10 went from 0.865 to 0.935 (2022, 520 questions)
    and from 0.815 to 0.885 (2023, 100); word BM25 with bigrams, 0.915 to
    0.936 and 0.861 to 0.885. Index and queries must agree.
    """
    out: list[str] = []
    pairs: list[str] = []
    prev = None
    for tok in syllabify(normalize(text)):
        if tok.kind == "word":
            for syllable in _fold_word(tok.text):
                out.append(syllable)
                if bigrams and prev is not None:
                    pairs.append(f"{prev}_{syllable}")
                prev = syllable
        elif tok.kind == "punct":
            prev = None
        else:
            folded = fold(tok.text)
            whole = _protected_form(folded, tok.kind)
            out.append(whole)
            parts = [_strip_zeros(p) for p in _PARTS.findall(folded)]
            if parts != [whole]:
                out.extend(parts)
            if bigrams and prev is not None:
                pairs.append(f"{prev}_{whole}")
            prev = whole
    return out + pairs


def folded_words(text: str) -> list[str]:
    """Word-character runs of fold(text): "Đạt 05 xã!" -> ["dat", "05", "xa"]."""
    return _WORD.findall(fold(text))
