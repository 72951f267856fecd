"""The clauses of a long sentence, each with its list's header, and a lead cut around one of them.

Why: plans enumerate targets in one sentence ("Đối với xã ...: Năm 2021: 10 xã
(...); Năm 2022: 11 xã (...); ...", a resolution lists five targets between
semicolons), so the first 300 characters of the sentence often miss the asked
figure. The answer is one clause; read alone, "Năm 2022: 11 xã" does not say
what is counted, so the lead keeps the list's header in front of it when the
budget allows ("Đối với xã đạt tiêu chí văn hóa, nông thôn mới: … Năm 2022:
11 xã (dự kiến đạt 71,4%) …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.application.answer.excerpts import trim_with_offset
from knowledge.text.sentences import Span, clause_spans, paragraph_spans

# "Năm 2022:" opening a list item: a short label without punctuation, then a colon.
_LABEL = re.compile(r"([^\W\d_][^:;,.()]{0,30}?)\s*:\s")
_CLAUSE_END = " \t\n;,"
# A paragraph opening with its section's name: "Đối với lĩnh vực nổi trội về giáo dục - y tế - văn hóa:".
_SECTION = re.compile(r"(?:Đối với|Về|Riêng)\s[^:;.\n]{3,100}:", re.IGNORECASE)


@dataclass(frozen=True)
class Window:
    """A clause of a sentence and the header of the list it belongs to (offsets in the sentence)."""

    clause: Span
    header: Span | None = None

    def text(self, sentence: str) -> str:
        """What the clause says with its header (for matching)."""
        clause = self.clause.of(sentence)
        return f"{self.header.of(sentence)} {clause}" if self.header else clause


def windows(sentence: str) -> list[Window]:
    """One window per clause of `sentence` (the whole sentence when it is one clause)."""
    clauses = clause_spans(sentence)
    if len(clauses) <= 1:
        return [Window(Span(0, len(sentence)))]
    header = _header(sentence, clauses)
    return [Window(clauses[0])] + [Window(c, header) for c in clauses[1:]]


def section_headers(text: str) -> list[tuple[Span, str]]:
    """(rest of the paragraph, its header) for each paragraph of `text` that opens with a section header:
    the paragraph's later sentences are read under it ("Tuyên truyền ... 100% trẻ em 5 tuổi ra lớp" is
    about "giáo dục - y tế - văn hóa")."""
    out = []
    for paragraph in paragraph_spans(text):
        m = _SECTION.match(text, paragraph.start, paragraph.end)
        if m is not None:
            out.append((Span(m.end(), paragraph.end), m.group()))
    return out


def section_of(text: str, sections: list[tuple[Span, str]], sentence: Span) -> str:
    """The section header a sentence of `text` is read under, or "" (for the sentence that opens the section,
    and one that opens a section of its own)."""
    if _SECTION.match(text, sentence.start, sentence.end):
        return ""
    return next((header for rest, header in sections if rest.start < sentence.start and sentence.end <= rest.end),
                "")


def _header(sentence: str, clauses: list[Span]) -> Span | None:
    """The part of the first clause that introduces the list: what stands before the first item's label
    ("Năm 2021:" when the others start "Năm 2022:"), else everything up to its last colon."""
    first = clauses[0]
    labels = [_LABEL.match(sentence, c.start, c.end) for c in clauses[1:]]
    if labels and all(labels):
        shape = re.sub(r"\d+", r"\\d+", re.escape(labels[0].group(1)).replace(r"\ ", " "))
        item = re.compile(rf"(?<!\w){shape}\s*:").search(sentence, first.start, first.end)
        if item is not None and item.start() > first.start:
            return _stripped(sentence, first.start, item.start())
        return None
    colon = sentence.rfind(":", first.start, first.end)
    if colon > first.start and sentence[colon + 1:first.end].strip(_CLAUSE_END):
        return _stripped(sentence, first.start, colon + 1)
    return None


def _stripped(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def cut_lead(sentence: str, window: Window, center: int, budget: int) -> tuple[str, int | None]:
    """The lead for `window` of `sentence` within `budget` characters, and how to move an offset of the
    sentence inside the clause into the lead (None when the lead is not one piece of the clause).

    The whole sentence when it fits; else header + "…" + clause; else the clause; else the sentence
    trimmed around `center` (an offset in the sentence).
    """
    whole = sentence.strip()
    if len(whole) <= budget:
        text, shift = trim_with_offset(sentence, center, budget)
        return text.replace("\n", " "), shift
    clause = window.clause
    end = clause.end
    while end > clause.start and sentence[end - 1] in _CLAUSE_END:
        end -= 1
    body = sentence[clause.start:end]
    tail = "…" if sentence[end:].strip(_CLAUSE_END + ".") else ""
    if clause.start <= _first_char(sentence):
        head = ""
    else:
        head = _fitting_header(sentence, window.header, budget - len(body) - len(tail) - 3)
        head = f"{head} … " if head else "…"
    if len(head) + len(body) + len(tail) <= budget:
        return (head + body + tail).replace("\n", " "), clause.start - len(head)
    text, shift = trim_with_offset(sentence, center, budget)
    return text.replace("\n", " "), shift


def _first_char(text: str) -> int:
    return len(text) - len(text.lstrip())


def _fitting_header(sentence: str, header: Span | None, room: int) -> str:
    """The header, or its last part ("…Đối với xã ...:"), if it fits in `room` characters."""
    if header is None or room <= 0:
        return ""
    text = header.of(sentence)
    if len(text) <= room:
        return text
    inner = text.rstrip(":").rfind(":")
    last = text[inner + 1:].strip() if inner >= 0 else ""
    return f"…{last}" if last and len(last) + 1 <= room else ""
