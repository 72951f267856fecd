"""Paragraphs and sentences of raw Vietnamese text, as character offsets.

The project's one sentence splitter: the indexer cuts passages on its
sentences, the answer engine picks its lead and excerpts among them, and the
targets extractor reads one sentence at a time (of any chunk the indexer
hands over). Offsets index the text exactly as given (not normalised), so
the bot can highlight the best sentence of a passage in the original. The
rules are tuned to Vietnamese administrative prose:

- A newline ends a paragraph, except a hard-wrapped line (PDF extraction):
  a line without final punctuation followed by one starting in lower case.
- ". ! ? … ..." end a sentence only before white space and then something
  that can open a sentence (capital, digit, quote, bracket, bullet): that
  keeps "62,2", "1.000", "318/QĐ-TTg", "TP.HCM", "ngành…trong" and
  "đơn vị. , các" inside their sentence.
- A full stop after a known abbreviation (TP., TS., ThS., Q., ...) or a
  single capital (initials) is not an end, unless a word that only opens
  sentences follows ("... tại TP. Cụ thể, ..." is two sentences).
- List markers ("1.", "a)", "II.", "Điều 5.") stay with their text.
- ";" never splits: Vietnamese plans enumerate targets with semicolons
  ("Năm 2021: 10 xã; Năm 2022: 11 xã; ..."), and the sentence is the unit
  that makes sense of them. Over-long sentences are cut by the passage
  splitter, not here. `clause_spans` also cuts after ";", for a snippet that
  quotes one item of such a list.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Span", "clause_spans", "paragraph_spans", "sentence_spans", "split_sentences"]


class Span(NamedTuple):
    """[start, end) of a paragraph or sentence; a plain (start, end) tuple too."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]


_LINE = re.compile(r"[^\n]*")
# Candidate end: terminal punctuation plus closing quotes/brackets, then space or the end.
_CLOSERS = "\"'”’»)]"
_END = re.compile(rf"(?:\./\.|[.!?…]+)[{re.escape(_CLOSERS)}]*(?=\s|$)")
_OPENERS = "\"'“‘«([{-–—•*+"
_WRAP_END = ".!?…:;"  # a line ending in one of these is not hard-wrapped
_BULLET = re.compile(r"[-–—•*+·▪●◦]\s+|[-–—•*+·▪●◦](?=[^\W\d_])")
# What stands before a "." that is a list marker, not a sentence.
_LIST_MARKER = re.compile(
    r"(?:[-–•*+]\s*)?[“\"‘']?(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[a-zđA-Z]"
    r"|(?:Điều|Chương|Mục|Phần|Khoản|Bước)\s+[\dIVXLC]+[a-z]?)"
)
_ABBREVIATIONS = frozenset(
    """
    TP Tp tp TX Tx TT Tt KP ThS Ths TS Ts PGS GS BS Bs KS CN NCS
    Th.S PGS.TS GS.TS ThS.BS TS.BS BS.CKI BS.CKII
    Mr Mrs Ms Dr St Tr tr Nxb NXB Sđd sđd
    """.split()
)
# Words that open a sentence and are never part of a name after "TP." etc.
_SENTENCE_OPENERS = re.compile(
    r"(?:Cụ thể|Theo đó|Đồng thời|Ngoài ra|Bên cạnh đó|Tuy nhiên|Do đó|Vì vậy|Như vậy"
    r"|Mặt khác|Trong đó|Qua đó|Từ đó|Hiện nay|Trước đó|Sau đó|Theo|Để|Các|Những|Đây|Đó)(?!\w)"
)
_WORD_BEFORE_DOT = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*$")
_SEMICOLON = re.compile(r";(?=\s)")


def paragraph_spans(text: str) -> list[Span]:
    """(start, end) of each paragraph, without surrounding white space.

    Every line is a paragraph, except that a hard-wrapped line is joined to
    the next (see module docstring).
    """
    out: list[Span] = []
    joinable = False  # may the next line continue the last paragraph?
    pos = 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            joinable = False  # a blank line always breaks
            continue
        start = line_start + len(line) - len(line.lstrip())
        end = start + len(stripped)
        if joinable and stripped[0].islower():
            out[-1] = Span(out[-1].start, end)
        else:
            out.append(Span(start, end))
        joinable = stripped[-1] not in _WRAP_END
    return out


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """(start, end) of each sentence of text[start:end], stripped of white space.

    A leading bullet ("- ", "• ") is left out of the span: the bot shows the
    sentence on its own. Every other non-space character is in some span.
    """
    end = len(text) if end is None else end
    out: list[Span] = []
    for ps, pe in paragraph_spans(text[start:end]):
        _split_paragraph(text, ps + start, pe + start, out)
    return out


def clause_spans(text: str) -> list[Span]:
    """The sentences of `text`, each also cut after a ";" followed by white space (kept with its clause)."""
    out: list[Span] = []
    for start, end in sentence_spans(text):
        for m in _SEMICOLON.finditer(text, start, end):
            _emit(text, start, m.end(), out)
            start = m.end()
        _emit(text, start, end, out)
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, as written (see `sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _split_paragraph(text: str, start: int, end: int, out: list[Span]) -> None:
    sent_start = start
    for m in _END.finditer(text, start, end):
        nxt = m.end()
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt >= end:
            break
        if not _opens_sentence(text[nxt]):
            continue
        if m.group().rstrip(_CLOSERS) == "." and not _is_full_stop(text, sent_start, m.start(), nxt, end):
            continue
        _emit(text, sent_start, m.end(), out)
        sent_start = nxt
    _emit(text, sent_start, end, out)


def _opens_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _is_full_stop(text: str, sent_start: int, dot: int, nxt: int, end: int) -> bool:
    """Is the single "." at `dot` a full stop, not an abbreviation or a list marker?"""
    before = text[sent_start:dot].strip()
    if _LIST_MARKER.fullmatch(before):
        return False
    m = _WORD_BEFORE_DOT.search(text, sent_start, dot)
    if m is None:
        return True
    word = m.group()
    abbreviation = word in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
    if not abbreviation:
        return True
    return _SENTENCE_OPENERS.match(text, nxt, end) is not None


def _emit(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    m = _BULLET.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    if start < end:
        out.append(Span(start, end))
