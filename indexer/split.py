"""Split a document into passages: the unit that is indexed, ranked and cited.

Passages are slices of the raw text (`text[start:end]`), so what the bot
quotes is exactly what the document says, and a passage's sentences can be
highlighted by offset.

Defaults, and why:

- `max_chars=900`: about 250-300 tokens of multilingual-e5 for Vietnamese,
  well under its 512 limit even with the title prefixed; three cited
  passages fit one Telegram message (4,096 characters). Longer passages
  blur both BM25 scores and the embedding over several topics.
- `min_chars=350`: a paragraph shorter than this is merged with the next
  one. News paragraphs are often 100-300 characters; alone they lose the
  subject (province, year, programme) that is stated in a neighbour, and
  one-line passages ("Nguồn: ...") win BM25 on a single word. The
  resulting passages are mostly 350-900 characters.
- `overlap_sentences=1`: a passage cut inside a paragraph repeats the last
  sentence of the previous one, so a figure whose subject is in the
  sentence before still has it. The overlap is skipped when it would not
  fit, is longer than a third of `max_chars`, or the passage opens a new
  section (a heading).

Where to cut, in order of preference: a paragraph boundary once the passage
has `min_chars`; otherwise the sentence boundary that balances the pieces
of the paragraph (no 80-character tail after an 880-character passage); a
single sentence longer than `max_chars` is cut after "; ", then ", ", then
a space, never inside a word. Headings (a short line without final
punctuation) and lead-ins ending in ":" stick to the text that follows.

`units` (from `indexer.structure`: a document's articles or plan sections)
are split separately, so no passage runs from one article into the next.
A table row ("Header: cell | Header: cell", `indexer.readers.tables`) is
never cut: read alone, half a row has lost either its criterion or its
figure. Only a row longer than `MAX_ROW_CHARS` is cut, between cells.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from indexer.structure.locate import Structure, is_table_row
from indexer.structure.recognise import recognise
from knowledge.text.sentences import paragraph_spans, sentence_spans

__all__ = ["MAX_PASSAGE_CHARS", "OVERLAP_SENTENCES", "Passage", "split_document", "split_passages"]

# The index's passages (the build records both in its manifest; the upload check counts with them).
MAX_PASSAGE_CHARS = 900
OVERLAP_SENTENCES = 1
MAX_HEADING_CHARS = 120
MAX_ROW_CHARS = 3000
_FINAL_PUNCT = ".!?…;,"


@dataclass(frozen=True, slots=True)
class Passage:
    """A slice of the input: text == input[start:end]."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class _Unit:
    """A sentence, or a piece of an over-long one, with what precedes it."""

    start: int
    end: int
    brk: int  # the boundary before this unit: 2 paragraph, 1 sentence, 0 clause or after a heading
    section: bool = False  # opens a section (a heading): no overlap before it


def split_document(text: str) -> tuple[Structure, list[Passage]]:
    """The structure of `text` and its passages as the index makes them, within its articles
    (the upload check counts these, so a file meets the passage limit the build applies)."""
    structure = recognise(text)
    return structure, split_passages(text, max_chars=MAX_PASSAGE_CHARS, overlap_sentences=OVERLAP_SENTENCES,
                                     units=structure.units())


def split_passages(text: str, max_chars: int = MAX_PASSAGE_CHARS, overlap_sentences: int = OVERLAP_SENTENCES,
                   min_chars: int = 350, units: list[tuple[int, int]] | None = None) -> list[Passage]:
    """Sentence-aware passages of at most `max_chars` characters (see module docstring), each
    inside one of `units` (spans tiling `text`) when given; a table row may be longer.

    Every non-space character of `text` is in at least one passage.
    """
    if max_chars < 50:
        raise ValueError("max_chars must be at least 50")
    if units is None:
        return _split(text, max_chars, overlap_sentences, min_chars)
    passages: list[Passage] = []
    for start, end in units:
        for p in _split(text[start:end], max_chars, overlap_sentences, min_chars):
            passages.append(Passage(p.text, p.start + start, p.end + start))
    return passages


def _split(text: str, max_chars: int, overlap_sentences: int, min_chars: int) -> list[Passage]:
    min_chars = max(0, min(min_chars, max_chars))
    units = _units(text, max_chars)
    passages: list[Passage] = []
    i = 0
    prev: tuple[int, int] | None = None  # units [a, b] of the previous passage
    while i < len(units):
        first = _overlap_start(units, prev, i, overlap_sentences, max_chars)
        k = _choose_end(units, first, i, max_chars, min_chars)
        start, end = units[first].start, units[k].end
        passages.append(Passage(text[start:end], start, end))
        prev, i = (i, k), k + 1
    return passages


def _units(text: str, max_chars: int) -> list[_Unit]:
    units: list[_Unit] = []
    sticky = False  # the previous paragraph is a heading or a lead-in
    for ps, pe in paragraph_spans(text):
        if is_table_row(text[ps:pe]):
            for n, (s, e) in enumerate(_cut_row(text, ps, pe)):
                units.append(_Unit(s, e, (0 if sticky else 2) if n == 0 else 1))
            sticky = False
            continue
        sentences = sentence_spans(text, ps, pe) or [(ps, pe)]
        # Units tile the paragraph: a bullet or stray mark between sentences
        # belongs to the next one, so no character falls between passages.
        tiled = [(ps, sentences[0][1])]
        for (_, prev_end), (_, e) in zip(sentences, sentences[1:], strict=False):
            s = prev_end
            while text[s].isspace():
                s += 1
            tiled.append((s, e))
        sentences = tiled
        heading = _is_heading(text[ps:pe])
        for n, (s, e) in enumerate(sentences):
            for m, (cs, ce) in enumerate(_cut_long(text, s, e, max_chars)):
                if n == 0 and m == 0:
                    # After a heading or lead-in, cut only if nothing else fits.
                    brk = 0 if sticky else 2
                    units.append(_Unit(cs, ce, brk, section=heading and not sticky))
                else:
                    units.append(_Unit(cs, ce, 1 if m == 0 else 0))
        sticky = heading or text[ps:pe].endswith(":")
    return units


def _is_heading(paragraph: str) -> bool:
    return len(paragraph) <= MAX_HEADING_CHARS and "\n" not in paragraph and paragraph[-1] not in _FINAL_PUNCT


def _overlap_start(units: list[_Unit], prev: tuple[int, int] | None, i: int, overlap: int, max_chars: int) -> int:
    """Index of the first unit of the passage starting at unit i, overlap included."""
    if prev is None or overlap <= 0 or units[i].section:
        return i
    a, b = prev
    first = max(a + 1, b - overlap + 1)  # never repeat the whole previous passage
    while first <= b and (
        units[b].end - units[first].start > max_chars // 3 or units[i].end - units[first].start > max_chars
    ):
        first += 1
    return first if first <= b else i


def _choose_end(units: list[_Unit], first: int, i: int, max_chars: int, min_chars: int) -> int:
    """Last unit of the passage that starts at `first` (new text from unit i)."""
    start = units[first].start
    fits = i
    while fits + 1 < len(units) and units[fits + 1].end - start <= max_chars:
        fits += 1
    rest_fits = fits == len(units) - 1
    length = lambda k: units[k].end - start  # noqa: E731

    # 1. The first paragraph boundary once the passage is long enough, unless
    #    what would be left of the document is a short tail that fits now.
    for k in range(i, fits):
        if units[k + 1].brk == 2 and length(k) >= min_chars:
            if rest_fits and units[-1].end - units[k + 1].start < min_chars:
                break
            return k
    if rest_fits:
        return fits

    # 2. Else the boundary that balances the stretch up to the next paragraph
    #    boundary beyond the window: ceil(L / max) pieces of about L / n each.
    para_end = fits + 1
    while para_end + 1 < len(units) and units[para_end + 1].brk < 2:
        para_end += 1
    stretch = units[para_end].end - start
    target = stretch / math.ceil(stretch / max_chars)
    for strongest in (1, 0):
        cands = [k for k in range(i, fits + 1) if units[k + 1].brk >= strongest and length(k) >= target / 2]
        if cands:
            return min(cands, key=lambda k: (abs(length(k) - target), -k))
    return fits


def _cut_row(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A table row whole, or cut between cells when longer than MAX_ROW_CHARS."""
    pieces = []
    while end - start > MAX_ROW_CHARS:
        cut = text.rfind(" | ", start, start + MAX_ROW_CHARS)
        if cut <= start:
            break
        pieces.append((start, cut))
        start = cut + 3
    pieces.append((start, end))
    return pieces


_CLAUSE_CUTS = (re.compile(r";\s"), re.compile(r",\s"), re.compile(r"\s"))


def _cut_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Pieces of at most max_chars of text[start:end], cut at clause boundaries."""
    pieces: list[tuple[int, int]] = []
    while end - start > max_chars:
        remaining = end - start
        target = remaining / math.ceil(remaining / max_chars)
        cut = None
        for pattern in _CLAUSE_CUTS:
            ends = [m.start() + 1 for m in pattern.finditer(text, start, start + max_chars + 1)]
            ends = [c for c in ends if c - start <= max_chars and c - start >= target / 2]
            if ends:
                cut = min(ends, key=lambda c: abs(c - start - target))
                break
        if cut is None:  # one "word" longer than max_chars: cut, but not between a letter and its mark
            cut = start + max_chars
            while cut > start + 1 and unicodedata.combining(text[cut]):
                cut -= 1
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces
