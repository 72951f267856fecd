"""What a citation shows of its passage: the best sentence in view, with what follows it.

Passages keep the documents' line breaks and double spaces; excerpts are
squeezed to single spaces, and a figure's position is carried through the
trimming so the renderer can make it bold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.application.answer.figures import Figure
from knowledge.application.answer.sentences import Matcher, trim
from knowledge.text.normalize import fold
from knowledge.text.sentences import Span, sentence_spans

EXCERPT_CHARS = 650
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Excerpt:
    text: str
    figure: tuple[int, int] | None = None  # the figure's (start, end) in `text`


def best_excerpt(text: str, matcher: Matcher, shown: set[str] = frozenset()) -> Excerpt:
    """Around the sentence that best matches the question, preferring one not in `shown` (sentence keys)."""
    spans = sentence_spans(text)
    if not spans:
        return Excerpt(squeeze(trim(text, 0, EXCERPT_CHARS)))
    fresh = [s for s in spans if sentence_key(s.of(text)) not in shown] or spans
    best = max(fresh, key=lambda s: matcher.score(s.of(text)))
    return excerpt_around(text, best, None)


def excerpt_around(text: str, span: Span, figure: Figure | None) -> Excerpt:
    """The excerpt showing `span` (the whole sentence when it fits), centred on `figure` if given."""
    center = figure.start if figure else (span.start + span.end) // 2
    if span.end - span.start <= EXCERPT_CHARS:
        # start at the sentence (whole, in view) and show what follows it
        center = span.start + EXCERPT_CHARS // 2 if figure is None else min(center, span.start + EXCERPT_CHARS // 2)
    excerpt, shift = trim_with_offset(text, center, EXCERPT_CHARS)
    if figure is not None and 0 <= figure.start - shift and figure.end - shift <= len(excerpt):
        a, b = figure.start - shift, figure.end - shift
        before, middle, after = squeeze(excerpt[:a]), squeeze(excerpt[a:b]), squeeze(excerpt[b:])
        if excerpt[:a] and excerpt[a - 1].isspace():
            before += " "
        if after and excerpt[b].isspace():
            after = " " + after
        return Excerpt(before + middle + after, (len(before), len(before) + len(middle)))
    return Excerpt(squeeze(excerpt))


def squeeze(text: str) -> str:
    """One space between words (passages keep the documents' line breaks and double spaces)."""
    return _WS.sub(" ", text).strip()


def sentence_key(sentence: str) -> str:
    """The same sentence in two overlapping passages has the same key."""
    return fold(squeeze(sentence)).strip(" .…;:")


def sentence_keys(excerpt: str) -> set[str]:
    return {sentence_key(s.of(excerpt)) for s in sentence_spans(excerpt)}


def trim_with_offset(text: str, center: int, budget: int) -> tuple[str, int]:
    """`trim` plus the offset of the result's first original character (to move spans)."""
    stripped = text.strip()
    lead_ws = len(text) - len(text.lstrip())
    result = trim(stripped, center - lead_ws, budget)
    core = result.removeprefix("…").removesuffix("…")
    start = stripped.find(core) if core else 0
    prefix = 1 if result.startswith("…") else 0
    return result, lead_ws + start - prefix
