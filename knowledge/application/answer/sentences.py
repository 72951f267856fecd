"""How well a sentence matches a question, and trimming at word boundaries.

Why our own matching: search ranks whole passages; a reply leads with one
sentence, so the best sentence inside the best passages (cut by
knowledge.text.sentences) is chosen here on the accent-folded words
(questions are often typed without diacritics).
"""

from __future__ import annotations

import re

from knowledge.text.folding import Folded
from knowledge.text.stopwords import TOPICLESS
from knowledge.text.tokens import folded_words

_WORD = re.compile(r"\w+")


def content_words(text: str) -> list[str]:
    """Folded words of `text` that may name a topic (not question words, glue or forms of address)."""
    return [t for t in folded_words(text) if t not in TOPICLESS]


class Matcher:
    """Scores text against one question: weighted syllable overlap plus adjacent pairs."""

    def __init__(self, question: str):
        self.tokens = content_words(question)
        self.unique = list(dict.fromkeys(self.tokens))
        self.pairs = {(a, b) for a, b in zip(self.tokens, self.tokens[1:], strict=False)}

    def score(self, text: str) -> float:
        words = folded_words(text)
        if not words or not self.unique:
            return 0.0
        present = set(words)
        score = sum(weight(t) for t in self.unique if t in present)
        score += sum(0.6 for a, b in zip(words, words[1:], strict=False) if (a, b) in self.pairs)
        return score

    def positions(self, text: str) -> list[int]:
        """Character offsets in `text` where question syllables occur."""
        folded = Folded(text)
        wanted = set(self.unique)
        return [folded.span(m.start(), m.end())[0] for m in _WORD.finditer(folded.text) if m.group() in wanted]


def weight(token: str) -> float:
    """How much a matched word counts: numbers most, then longer syllables."""
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
    if start > 0 and not text[start - 1].isspace():  # already between words: keep the first one
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
