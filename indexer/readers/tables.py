"""A table as paragraphs, one per row, each row carrying its column headers.

A criteria table (Tiêu chí | Nội dung | Chỉ tiêu by commune group) is
searched and cited row by row, and a row read alone ("2 | Giao thông | 100%")
means nothing without its headers, so every row is written
`Header A: cell | Header B: cell`. The same form whatever the format (DOCX,
PDF, .doc), so the passage splitter can keep such a row whole. Cells are
given as a grid: a vertically merged cell's text in every row it spans
(carried), a horizontally merged one once, None in the grid positions it
continues to; empty cells are skipped; a row with one value (a section row
such as "II. Tiêu chí về văn hóa") is written as that value alone. When the
first row has merged cells and the second does not, the two form the header
("Chỉ tiêu - Vùng đồng bằng"). Equal neighbours that are not merged
("100% | 100%") are both kept.

A state document's letterhead is laid out as a borderless table (issuer |
national motto, number | place and date); it is not data, so it is read as
its cells' lines in reading order, which is what the header reader expects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.metadata.state_document import MOTTO_RE
from knowledge.text.normalize import fold

__all__ = ["CELL_SEPARATOR", "row_paragraphs"]

CELL_SEPARATOR = " | "


def row_paragraphs(grid: Sequence[Sequence[str | None]]) -> list[str]:
    """The table's rows as paragraphs (see the module docstring); [] for an empty table.
    A cell is its text, or None where a horizontally merged cell continues from the left."""
    if _is_letterhead(grid):
        return _letterhead_lines(grid)
    rows = [[None if cell is None else _clean(cell) for cell in row] for row in grid]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    if len(rows) == 1 or width == 1:
        return [line for row in rows if (line := CELL_SEPARATOR.join(_values(row)))]
    header, body = _header(rows)
    paragraphs: list[str] = []
    for row in body:
        if _spread(row) == header:
            continue  # the header repeated on a new page
        values = _values(row)
        if len(values) == 1:  # a section row ("II. Tiêu chí về văn hóa") or a lone label
            paragraphs.append(values[0])
            continue
        cells = []
        for label, value in zip(header, row, strict=True):
            if value:
                cells.append(f"{label}: {value}" if label and label != value else value)
        paragraphs.append(CELL_SEPARATOR.join(cells))
    return paragraphs


def _header(rows: list[list[str | None]]) -> tuple[list[str], list[list[str | None]]]:
    top = _spread(rows[0])
    if any(cell is None for cell in rows[0]) and len(rows) > 2 and None not in rows[1]:
        combined = [_join_header(a, b) for a, b in zip(top, _spread(rows[1]), strict=True)]
        return combined, rows[2:]
    return top, rows[1:]


def _spread(row: list[str | None]) -> list[str]:
    """A merged cell's text in every column it spans (how a header labels them)."""
    out: list[str] = []
    for cell in row:
        out.append((out[-1] if out else "") if cell is None else cell)
    return out


def _join_header(top: str, sub: str) -> str:
    if not sub or sub == top:
        return top
    if not top:
        return sub
    return f"{top} - {sub}"


def _values(row: list[str | None]) -> list[str]:
    return [cell for cell in row if cell]


def _clean(cell: str) -> str:
    return re.sub(r"\s+", " ", cell).strip()


def _is_letterhead(grid: Sequence[Sequence[str | None]]) -> bool:
    """A small table holding the national motto: the header block of a state document."""
    return len(grid) <= 4 and any(cell and MOTTO_RE.search(fold(cell)) for row in grid for cell in row)


def _letterhead_lines(grid: Sequence[Sequence[str | None]]) -> list[str]:
    """Each cell's lines, row by row and left to right (a vertically merged cell once)."""
    lines: list[str] = []
    for row in grid:
        for cell in row:
            for line in (cell or "").splitlines():
                if (text := _clean(line)) and text not in lines:
                    lines.append(text)
    return lines
