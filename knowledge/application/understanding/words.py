"""The question as folded words that remember where they were typed.

Every slot of a `Query` is found on folded words ("xa cao xa dat ntm chua")
but points back into what was typed (its span), so a follow-up can swap one
slot in the previous question and a reply can quote the words as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.text.folding import Folded

_TOKEN = re.compile(r"[a-z0-9]+|[^\w\s]")
# A document's number as written: 318/QĐ-TTg, 51/2025/QĐ-TTg, 1416/KH-UBND (not a date or a ratio).
DOC_NUMBER = re.compile(r"(?<![\w/])\d+(?:/\d{4})?/[A-Za-zĐđ][\wĐđ-]*")


@dataclass(frozen=True, slots=True)
class Word:
    folded: str  # "xa", or a punctuation mark
    text: str  # as typed: "Xã"
    start: int  # span in the question
    end: int

    @property
    def is_word(self) -> bool:
        return self.folded[0].isalnum()

    @property
    def accented(self) -> bool:
        """Typed with a diacritic (or đ): "xã" is, "xa" is not."""
        return self.text.casefold() != self.folded

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def split_words(text: str) -> list[Word]:
    """Folded words and punctuation marks of `text`, with their spans in it."""
    folded = Folded(text)
    out = []
    for m in _TOKEN.finditer(folded.text):
        start, end = folded.span(m.start(), m.end())
        out.append(Word(m.group(0), text[start:end], start, end))
    return out


def phrase_at(words: list[Word], i: int, phrases: dict[tuple[str, ...], object]) -> tuple[str, ...] | None:
    """The longest of `phrases` (tuples of folded words) starting at word `i`, or None."""
    best = None
    for phrase in phrases:
        n = len(phrase)
        if tuple(w.folded for w in words[i:i + n]) == phrase and (best is None or n > len(best)):
            best = phrase
    return best
