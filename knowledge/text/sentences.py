"""Paragraphs and sentences of raw Vietnamese text, as character offsets.

Offsets index the text exactly as given (not normalised), so the bot can
highlight the best sentence of a passage in the original. The rules are
tuned to Vietnamese administrative prose:

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
  splitter, not here.
"""

from __future__ import annotations

import re

__all__ = ["paragraph_spans", "sentence_spans", "split_sentences"]

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


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, without surrounding white space.

    Every line is a paragraph, except that a hard-wrapped line is joined to
    the next (see module docstring).
    """
    out: list[tuple[int, int]] = []
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
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        joinable = stripped[-1] not in _WRAP_END
    return out


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end], stripped of white space.

    A leading bullet ("- ", "• ") is left out of the span: the bot shows the
    sentence on its own. Every other non-space character is in some span.
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    for ps, pe in paragraph_spans(text[start:end]):
        _split_paragraph(text, ps + start, pe + start, out)
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, as written (see `sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _split_paragraph(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
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


def _emit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    m = _BULLET.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    if start < end:
        out.append((start, end))
