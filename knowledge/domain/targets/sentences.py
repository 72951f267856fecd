"""A small sentence splitter for the extractor, so it works on any chunk of text.

Why not the project's splitter: the extractor must not depend on it, and it
only needs boundaries that never cut a figure: a line break, or . ! ? …
followed by space and a capital letter or digit, except after abbreviations
such as "TP." and never inside numbers ("1.234", "62,2").
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=[^\S\n]+)|\n+")
_ABBREVIATIONS = {"tp", "tx", "tt", "q", "p", "h", "x", "ths", "ts", "pgs", "gs", "bs", "st", "th", "ng"}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, covering every non-blank character."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        if m.group().startswith("\n"):
            cut = m.start()
        else:
            rest = text[m.end():].lstrip()
            if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "“\"(‘-–•"):
                continue
            word = re.search(r"(\w+)\W*$", text[start:m.start() + 1])
            if word and word.group(1).casefold() in _ABBREVIATIONS:
                continue
            cut = m.end()
        _add(text, start, cut, spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        a = start + (len(chunk) - len(chunk.lstrip()))
        spans.append((a, a + len(stripped)))
