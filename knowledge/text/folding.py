"""Accent-folded text that remembers where each character came from.

Patterns are easiest to write on folded text ("nang tong so xa"), but quotes
and offsets must point into the original, which may even be decomposed
Unicode. `Folded` keeps, for every folded character, the index of the
original character it came from.
"""

from __future__ import annotations

from functools import lru_cache

from knowledge.text.normalize import fold


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch)


class Folded:
    __slots__ = ("source", "text", "origin")

    def __init__(self, source: str):
        chars: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(source):
            for c in _fold_char(ch):
                chars.append(c)
                origin.append(i)
        self.source = source
        self.text = "".join(chars)
        self.origin = origin

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the folded slice [start, end)."""
        n = len(self.origin)
        if start >= n:
            return len(self.source), len(self.source)
        a = self.origin[start]
        b = self.origin[end - 1] + 1 if end > start else a
        # Keep combining marks that follow the last character.
        while b < len(self.source) and not _fold_char(self.source[b]):
            b += 1
        return a, b

    def original(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.source[a:b]
