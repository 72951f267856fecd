"""Sentences of a passage, how well each matches a question, and trimming at word boundaries.

Why our own matching: search ranks whole passages; a reply leads with one
sentence, so the best sentence inside the best passages is chosen here on the
accent-folded syllables (questions are often typed without diacritics).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.text.normalize import fold

# Syllables that carry no topic: question words and glue. Folded forms.
STOPWORDS = frozenset(
    "a ai anh bao bi boi cac cai can cho chu co con cua da dang de den di do duoc gi gio ha hay hoi "
    "khi khong la lam luc ma may minh mot nao ne nhe nhieu nhu nhung noi o oi ong ra rang roi sao "
    "se tai the thi tu toi tren trong va vay ve vi voi xin da duoc nay kia ay chi".split()
)
_TOKEN = re.compile(r"\w+", re.UNICODE)
_ABBREV = re.compile(r"\b(?:TP|Tp|tp|TS|ThS|PGS|GS|BS|KS|Th|Q|P|v\.v|St|Số|số|Ông|Bà)\.$")
_BOUNDARY = re.compile(r"(?<=[.!?…])\s+(?=[\"“'(\[]?[A-ZĐÀ-ỸẠ-Ỹ0-9])|\n+")


def folded_tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def content_tokens(text: str) -> list[str]:
    return [t for t in folded_tokens(text) if t not in STOPWORDS]


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]


def split_sentences(text: str) -> list[Span]:
    """Sentence spans; does not split after abbreviations such as "TP." or "Số."."""
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        piece = text[start:m.start()]
        if m.group(0).strip() == "" and "\n" not in m.group(0) and _ABBREV.search(piece):
            continue
        if piece.strip():
            spans.append(_strip(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


class Matcher:
    """Scores text against one question: weighted syllable overlap plus adjacent pairs."""

    def __init__(self, question: str):
        self.tokens = content_tokens(question)
        self.unique = list(dict.fromkeys(self.tokens))
        self.pairs = {(a, b) for a, b in zip(self.tokens, self.tokens[1:], strict=False)}

    def score(self, text: str) -> float:
        words = folded_tokens(text)
        if not words or not self.unique:
            return 0.0
        present = set(words)
        score = sum(_weight(t) for t in self.unique if t in present)
        score += sum(0.6 for a, b in zip(words, words[1:], strict=False) if (a, b) in self.pairs)
        return score

    def positions(self, text: str) -> list[int]:
        """Character offsets in `text` where question syllables occur."""
        folded = fold(text)  # same length as text for Vietnamese (one char per char)
        wanted = set(self.unique)
        return [m.start() for m in _TOKEN.finditer(folded) if m.group(0) in wanted]


def _weight(token: str) -> float:
    if token.isdigit():
        return 2.0
    return 1.0 + min(len(token), 6) / 6


def trim(text: str, center: int, budget: int) -> str:
    """At most `budget` characters of `text` around `center`, cut only between words.

    "…" marks each cut; a side that reaches the text's edge is not marked.
    """
    text = text.strip()
    if len(text) <= budget:
        return text
    half = budget // 2
    start = max(0, min(center - half, len(text) - budget))
    end = min(len(text), start + budget)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < end else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = text[start:end].strip(" ,;:")
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def cut_words(text: str, budget: int) -> str:
    """The beginning of `text` within `budget` characters, ending on a whole word with "…"."""
    return trim(text, 0, budget)
