"""From headings to spans: the units passages must not cross, and where a passage stands.

Why offsets: passages stay slices of the raw cleaned text (what the bot
quotes is what the document says); the structure is only a list of heading
positions, so a passage's place is found by where it starts and ends.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from indexer.readers.tables import CELL_SEPARATOR
from indexer.structure.model import Marker, Node, Place
from knowledge.text.normalize import fold

__all__ = ["Structure", "is_table_row"]

_TITLE_CHARS = 150
# Where passages may not run on: an article (legal) or an outermost section (plan), and what contains them.
_UNIT_KINDS = {"legal": {"phan", "chuong", "muc", "dieu", "phu_luc"}, "plan": {"phu_luc", "roman"}, "plain": set()}
_NAMED_ON_NEXT_LINE = {"phan", "chuong", "muc", "phu_luc"}  # "CHƯƠNG II" then "KẾT HÔN" on its own line
_LEGAL_WORD = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều", "khoan": "khoản",
               "diem": "điểm", "phu_luc": "Phụ lục"}
_ROW_CELL = re.compile(r"[^|:\n]{1,80}: ")
_ROW_LABEL = re.compile(r"(?:[^|:\n]{1,40}: )?(?P<label>\d{1,2}(?:\.\d{1,2})*)\.?(?:\s*\||\s|$)")


def is_table_row(paragraph: str) -> bool:
    """A row as indexer.readers.tables writes it: "Header: cell | Header: cell"."""
    return CELL_SEPARATOR in paragraph and bool(_ROW_CELL.match(paragraph))


class Structure:
    """A document's headings as nested nodes, by offset."""

    def __init__(self, text: str, markers: list[Marker], grammar: str):
        self.text = text
        self.grammar = grammar
        self.nodes = _nodes(text, markers)
        self._starts = [n.start for n in self.nodes]
        self._top = min((n.marker.level for n in self.nodes), default=0)

    def units(self) -> list[tuple[int, int]]:
        """Spans tiling the text; a passage stays inside one. Headings alone ("Chương II", its name)
        join the unit that follows them, so no passage is only a chapter's title."""
        return list(self._units)

    @cached_property
    def _unit_starts(self) -> list[int]:
        return [s for s, _ in self._units]

    @cached_property
    def _units(self) -> list[tuple[int, int]]:
        kinds = _UNIT_KINDS[self.grammar]
        cuts = sorted({0, *(n.start for n in self.nodes if n.kind in kinds), len(self.text)})
        merged: list[tuple[int, int]] = []
        carry: int | None = None
        for s, e in zip(cuts, cuts[1:], strict=False):
            s = s if carry is None else carry
            carry = None
            if self._only_headings(s, e) and e < len(self.text):
                carry = s
                continue
            merged.append((s, e))
        if carry is not None:
            merged.append((carry, len(self.text)))
        return merged

    def place(self, start: int, end: int) -> Place:
        """The citation and heading chain of the passage text[start:end] (from the first article it
        opens when it starts with the chapter's title: "Chương II / KẾT HÔN / Điều 8. ...")."""
        unit = self._unit_of(start)
        kinds = _UNIT_KINDS[self.grammar]
        for n in self.nodes[bisect.bisect_right(self._starts, start):bisect.bisect_left(self._starts, end)]:
            if n.kind in kinds and self._only_headings(start, n.start):
                start = n.start
        chain = [n for n in self._containing(start) if n.end >= end]
        context = " > ".join(n.title for n in chain if self._names(n)) or None
        cite = _legal_cite(self, chain, start, end) if self.grammar == "legal" else (
            _plan_cite(self, chain, start, end) if self.grammar == "plan" else
            (chain[-1].title if chain else None))  # a news article's subheading: "Về nhiệm vụ cụ thể"
        if cite and (row := self._row_label(start, end)):
            cite = f"{cite}, {row}"
        return Place(cite=cite, context=context, article=unit)

    def _names(self, node: Node) -> bool:
        """Does the node's heading name a part of the text (a title, not its first sentence)?"""
        if node.kind in ("khoan", "diem", "letter"):
            return False
        if node.kind in ("roman", "arabic", "dotted"):  # "II. CHỈ TIÊU", not "3. ... có trách nhiệm sau đây:"
            line = self.text[node.start:node.marker.end]
            return len(line) <= _TITLE_CHARS and line.rstrip()[-1:] not in ".;:!?"
        return True

    def _containing(self, offset: int) -> list[Node]:
        """The nodes around `offset`, outermost first. Walking back, each node of a level above all
        seen so far is the one of its level that may contain it (a node ends at the next of its level)."""
        chain = []
        level = None
        for i in range(bisect.bisect_right(self._starts, offset) - 1, -1, -1):
            n = self.nodes[i]
            if level is None or n.marker.level < level:
                level = n.marker.level
                if n.start <= offset < n.end:
                    chain.append(n)
                if level <= self._top:
                    break
        return chain[::-1]

    def children(self, node: Node, start: int, end: int) -> list[Node]:
        """The nodes one level under `node` that the span [start, end) overlaps."""
        lo = bisect.bisect_right(self._starts, node.start)
        hi = bisect.bisect_left(self._starts, min(node.end, end))
        inside = [n for n in self.nodes[lo:hi] if n.end > start]
        if not inside:
            return []
        top = min(n.marker.level for n in inside)
        return [n for n in inside if n.marker.level == top]

    def _unit_of(self, offset: int) -> tuple[int, int] | None:
        if self.grammar == "plain":
            return None
        units = self._units
        i = bisect.bisect_right(self._unit_starts, offset) - 1
        return units[i] if i >= 0 and units[i][0] <= offset < units[i][1] else None

    def _only_headings(self, start: int, end: int) -> bool:
        body = self.text[start:end].strip()
        return not body or (len(body) <= 2 * _TITLE_CHARS + 20 and all(
            len(line) <= _TITLE_CHARS and line.rstrip()[-1:] not in ".;:" for line in body.split("\n") if line))

    def _row_label(self, start: int, end: int) -> str | None:
        """"tiêu chí 2", "tiêu chí 2, chỉ tiêu 2.1", "tiêu chí 1–3": the numbered table rows in the passage."""
        labels = []
        for line in self.text[start:end].split("\n"):
            if is_table_row(line) and (m := _ROW_LABEL.match(line)):
                labels.append(m.group("label"))
        if not labels:
            return None
        criteria = "tieu chi" in fold(self.text[start:end])
        first, last = labels[0], labels[-1]
        if not criteria:
            return f"mục {first}" if first == last else f"mục {first}–{last}"
        if first == last:
            major = first.split(".")[0]
            return f"tiêu chí {major}, chỉ tiêu {first}" if "." in first else f"tiêu chí {first}"
        noun = "chỉ tiêu" if "." in first and "." in last else "tiêu chí"
        return f"{noun} {first}–{last}"


def _nodes(text: str, markers: list[Marker]) -> list[Node]:
    nodes = []
    for i, m in enumerate(markers):
        end = len(text)
        for later in markers[i + 1:]:
            if later.level <= m.level:
                end = later.start
                break
        while end > m.end and text[end - 1].isspace():
            end -= 1  # a node ends where its text does
        nodes.append(Node(m, end, _title(text, m, markers[i + 1] if i + 1 < len(markers) else None)))
    return nodes


def _title(text: str, m: Marker, following: Marker | None) -> str:
    line = " ".join(text[m.start:m.end].split())
    if m.kind in _NAMED_ON_NEXT_LINE and len(line) <= 25:
        rest = text[m.end:following.start if following else len(text)].lstrip()
        name = rest.split("\n", 1)[0].strip()
        if name and len(name) <= _TITLE_CHARS and name[-1] not in ".;:":
            line = f"{line.rstrip('.:')}. {name}"
    if len(line) > _TITLE_CHARS:
        cut = line.rfind(" ", 0, _TITLE_CHARS)
        line = line[: cut if cut > 0 else _TITLE_CHARS].rstrip(" ,;:") + "…"
    return line


def _legal_name(n: Node) -> str:
    return f"{_LEGAL_WORD[n.kind]} {n.label}".strip()


def _legal_cite(structure: Structure, chain: list[Node], start: int, end: int) -> str | None:
    """"Điều 31 khoản 2 điểm a"; a range of the clauses it spans ("Điều 31 khoản 2–3") unless it
    covers the whole article; "Phụ lục I" or "Chương II" outside articles."""
    article = [n for n in chain if n.kind in ("dieu", "khoan", "diem")]
    if article:
        parts = [_legal_name(n) for n in article]
        deepest = article[-1]
        covers = start <= deepest.start and end >= deepest.end
        if not covers:
            kids = structure.children(deepest, start, end)
            if kids:
                parts.append(_range(_LEGAL_WORD[kids[0].kind], kids))
        return " ".join(parts)
    outer = [n for n in chain if n.kind in ("phu_luc", "phan", "chuong", "muc")]
    return _legal_name(outer[-1]) if outer else None


def _plan_cite(structure: Structure, chain: list[Node], start: int, end: int) -> str | None:
    """"Mục II.1", "Mục II.1 điểm a", "Phụ lục I, mục 2"."""
    appendix = [n for n in chain if n.kind == "phu_luc"]
    numbered = [n for n in chain if n.kind in ("roman", "arabic", "dotted")]
    letters = [n for n in chain if n.kind == "letter"]
    parts = []
    if appendix:
        parts.append(_legal_name(appendix[-1]))
    if numbered:
        labels = [n.label for n in numbered]
        if len(labels) > 1 and labels[-1].startswith(labels[-2] + "."):
            labels.pop(-2)  # "1.1" already says "1"
        parts.append(("mục " if appendix else "Mục ") + ".".join(labels))
    if letters:
        parts[-1:] = [f"{parts[-1]} điểm {letters[-1].label}" if parts else f"Điểm {letters[-1].label}"]
    return ", ".join(parts) if parts else None


def _range(word: str, kids: list[Node]) -> str:
    first, last = kids[0].label, kids[-1].label
    return f"{word} {first}" if first == last else f"{word} {first}–{last}"
