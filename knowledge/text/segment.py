"""Vietnamese word segmentation with pyvi, protecting tokens pyvi would break.

pyvi 0.1.1 is a CRF over syllables. Its own syllabifier cuts document numbers
(`1416/KH-UBND` -> `1416 / KH - UBND`), dates, ratios, times and spaced
percentages, glues any capitalised word to a following full stop
(`NTM.`), and keeps trailing punctuation on URLs. Those are exactly the
tokens officials search for, so we syllabify ourselves: protected spans are
recognised first and become single tokens, every other word-character run
is a syllable, and pyvi's CRF model only decides which neighbouring
syllables form a word. Working on our own token list (rather than hiding
spans behind placeholders and restoring them) means nothing can collide with
the text, and we know every token's kind: `tokens.py` relies on that.

The CRF and pyvi's feature function are used as they are; our joining rule
mirrors pyvi's (never across punctuation or numbers, never from a lower-case
to a capitalised syllable), so plain prose segments exactly as
`ViTokenizer.tokenize` does (a test checks this). pyvi loads its model at
import (about 1 s), so it is imported on first use: the accent-folded
analyser and the sentence splitter never pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from knowledge.text.normalize import normalize

__all__ = ["DOC_NUMBER", "PROTECTED", "Token", "canonical", "segment", "segment_tokens", "syllabify", "warm_up"]

_OTHER_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"  # typed for a hyphen: ‐ ‑ ‒ – — −
_DASH = r"\-" + _OTHER_DASHES  # for character classes: the hyphen escaped, never a range
_CODE = r"[A-ZĐ][^\W_]*"  # one part of a document code: QĐ, TTg, UBND, NĐ, BNNPTNT
# After a number and "/" the code may be typed in lower case ("318/qd-ttg").
_ANYCODE = r"[^\W\d_][^\W_]*"
_L = r"(?<![\w.,/:%@-])"  # a number starts here, not inside another token
_R = r"(?![\w/%@]|[.,:-]\w)"  # ... and ends here (a final "." or "," is punctuation)

# Order matters: earlier kinds win where they overlap ("122/2018/NĐ-CP" is a
# document number, not a date; "2021-2025" a range, not two numbers).
# Spans that start with a digit:
_NUMERIC_KINDS: list[tuple[str, str]] = [
    # 318/QĐ-TTg, 122/2018/NĐ-CP, 6425/UBND-VHXH, 26-NQ/TW, 12/2024/TT-BNNPTNT
    ("docno", rf"{_L}\d+[a-z]?(?:/\d{{2,4}})?/{_ANYCODE}(?:[{_DASH}/]{_ANYCODE})*(?!\w)"),
    ("docno", rf"{_L}\d+[{_DASH}]{_ANYCODE}/{_ANYCODE}(?:[{_DASH}]{_ANYCODE})*(?!\w)"),
    ("date", rf"{_L}\d{{1,2}}(?:/\d{{1,2}}/\d{{2,4}}|-\d{{1,2}}-\d{{4}}|\.\d{{1,2}}\.\d{{4}}){_R}"),
    ("time", rf"{_L}\d{{1,2}}:\d{{2}}(?::\d{{2}})?{_R}"),
    # 2021-2025, 2021 - 2025, 15-20%
    ("range", rf"{_L}\d{{1,4}}(?:,\d+)? ?[{_DASH}] ?\d{{1,4}}(?:,\d+)?(?: ?%)?{_R}"),
    ("percent", rf"{_L}\d+(?:[.,]\d+)* ?%"),
    ("ratio", rf"{_L}\d+(?:/\d+)+{_R}"),
    ("number", rf"{_L}\d+(?:[.,]\d+)+{_R}"),
]
#: A document's number on its own ("318/QĐ-TTg", "52/2014/QH13", "26-NQ/TW"): the same
#: patterns that protect it from pyvi, for the readers of legal metadata and questions.
DOC_NUMBER = re.compile("|".join(f"(?:{pattern})" for kind, pattern in _NUMERIC_KINDS if kind == "docno"))
# Spans that start with a letter or digit and contain one of @ . : / - after
# their first run of letters (the guard below checks that cheaply first):
_OTHER_KINDS: list[tuple[str, str]] = [
    ("url", r"(?:https?://|www\.)[^\s<>\"“”]*[^\s<>\"“”.,;:!?)\]}'’]"),
    ("email", r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    ("url", r"(?<![\w@.])[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:vn|com|net|org|gov|edu|info)(?!\w|\.\w)"),
    # a bare code with a dash: QĐ-TTg, KH-UBND (not "Xanh- Sạch": no space allowed)
    ("docno", rf"(?<![\w/{_DASH}])[A-ZĐ]{{2,}}[{_DASH}]{_CODE}(?:[{_DASH}]{_CODE})*(?![\w/])"),
    # abbreviations whose dots belong to them: TP.HCM, Tp.HCM, v.v., ThS., PGS.TS.
    ("abbr", r"(?<!\w)(?:[Vv]\.[Vv]\.|(?:TP|Tp|TX|TT|Q|P)\.(?=[A-ZĐ])[^\W\d_]+)"),
    ("abbr", r"(?<![\w.])(?:TP|Tp|TX|TT|ThS|Ths|TS|PGS|GS|BS|KS|NCS|Mr|Mrs|Ms|Dr|St|Tr)\.(?:TS\.|BS\.)?"),
]


def _alternation(kinds: list[tuple[str, str]], first: int) -> str:
    return "|".join(f"(?P<{kind}{i}>{pattern})" for i, (kind, pattern) in enumerate(kinds, first))


# Trying every pattern at every position was most of our overhead over pyvi;
# the lookahead guards let the regex engine skip ordinary syllables fast.
_PROTECTED_PATTERN = (
    rf"(?=\d)(?:{_alternation(_NUMERIC_KINDS, 0)})"
    rf"|(?=[\w.+-]*[@.:/{_DASH}])(?:{_alternation(_OTHER_KINDS, len(_NUMERIC_KINDS))})"
)
#: One regex for all protected spans; the group name (minus digits) says the kind.
PROTECTED = re.compile(_PROTECTED_PATTERN)
_ELLIPSIS = r"\.\.\.+|…|\./\."
_TOKEN = re.compile(rf"{_PROTECTED_PATTERN}|(?P<word>[^\W_]+(?:_[^\W_]+)*)|(?P<punct>{_ELLIPSIS}|[^\w\s])")
_LEADING_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Token:
    """A syllable, protected span or punctuation mark of normalised text.

    text is the span as written, except protected spans, which are in
    canonical() form. kind: "word" (a syllable or, after segmentation, a "_"-joined word),
    "punct", or a protected kind: url, email, docno, date, time, range,
    percent, ratio, number, abbr. start/end index the normalised text.
    """

    text: str
    kind: str
    start: int
    end: int


def syllabify(text: str) -> list[Token]:
    """Split already normalised text into syllables, protected spans and punctuation."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = (m.lastgroup or "punct").rstrip("0123456789")
        token = m.group()
        if kind not in ("word", "punct"):
            token = canonical(token)
        out.append(Token(token, kind, m.start(), m.end()))
    return out


_SPACE_OR_DASH = re.compile(rf"\s+|[{_OTHER_DASHES}]")


def canonical(span: str) -> str:
    """One spelling of a protected span: no inner spaces, ASCII hyphen.

    "2021 – 2025" -> "2021-2025", "82 %" -> "82%", "318/QĐ–TTg" -> "318/QĐ-TTg",
    so a query matches however the document spaced it, and the span stays one
    space-free token in segmented text.
    """
    return _SPACE_OR_DASH.sub(lambda m: "" if m.group().isspace() else "-", span)


@lru_cache(maxsize=1)
def _crf() -> tuple[Any, Any]:
    """pyvi's tagger and feature function, loaded once per process."""
    from pyvi.ViTokenizer import ViTokenizer

    return ViTokenizer.model.tagger_, ViTokenizer.sent2features


def warm_up() -> None:
    """Load pyvi's model now (about 1 s) instead of on the first query."""
    _crf()


def _crf_view(token: Token) -> str:
    # What the CRF sees for a token. pyvi met numbers as plain digit runs
    # ("1416", "62,2"), so a protected number shows its first run and the
    # neighbours' features look like the ones it was trained on.
    if token.kind in ("word", "punct", "url", "email", "abbr"):
        return token.text
    m = _LEADING_WORD.search(token.text)
    return m.group() if m else token.text


def _joinable(token: Token) -> bool:
    return token.kind == "word" and not token.text[0].isdigit()


def segment_tokens(text: str) -> list[Token]:
    """Normalise `text` and return its words: syllables of a word joined by "_".

    Offsets index normalize(text). Each line is segmented on its own, so a
    heading never joins the first word of the next line.
    """
    return [tok for line in _segment_lines(normalize(text)) for tok in line]


def segment(text: str) -> str:
    """pyvi-style segmentation: words joined by "_", tokens separated by one space.

    `segment("Quyết định 318/QĐ-TTg ngày 22/10/2020")`
    -> `"Quyết_định 318/QĐ-TTg ngày 22/10/2020"`. The text is normalize()d;
    lines stay lines (blank ones are dropped).
    """
    lines = _segment_lines(normalize(text))
    return "\n".join(" ".join(tok.text for tok in line) for line in lines)


def _segment_lines(text: str) -> list[list[Token]]:
    out = []
    offset = 0
    for line in text.split("\n"):
        syllables = syllabify(line)
        if syllables:
            out.append(_segment_line(syllables, offset))
        offset += len(line) + 1
    return out


def _segment_line(syllables: list[Token], offset: int) -> list[Token]:
    tagger, features = _crf()
    labels = tagger.tag(features([_crf_view(t) for t in syllables], False))
    words: list[Token] = []
    first, parts = syllables[0], [syllables[0].text]
    for label, prev, tok in zip(labels[1:], syllables[:-1], syllables[1:], strict=True):
        if (
            label == "I_W"
            and _joinable(prev)
            and _joinable(tok)
            and not (tok.text[0].istitle() and not prev.text[0].istitle())
        ):
            parts.append(tok.text)
            continue
        words.append(Token("_".join(parts), first.kind, first.start + offset, prev.end + offset))
        first, parts = tok, [tok.text]
    words.append(Token("_".join(parts), first.kind, first.start + offset, syllables[-1].end + offset))
    return words
