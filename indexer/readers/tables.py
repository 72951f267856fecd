"""A table as paragraphs, one per row, each row carrying its column headers.

A criteria table (Tiêu chí | Nội dung | Chỉ tiêu by commune group) is
searched and cited row by row, and a row read alone ("2 | Giao thông | 100%")
means nothing without its headers, so every row is written
`Header A: cell | Header B: cell`. The same form whatever the format (DOCX,
PDF, .doc), so the passage splitter can keep such a row whole. Cells are
given as a grid (a merged cell's text in every grid cell it covers, which is
how python-docx and pdfplumber hand them over): a horizontally merged cell
is written once, a vertically merged one in every row it spans; empty
cells are skipped; a row with one distinct value (a section row such as
"I. Tiêu chí về quy hoạch") is written as that value alone. When the first
row has merged cells and the second does not, the two form the header
("Chỉ tiêu - Vùng đồng bằng").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["CELL_SEPARATOR", "row_paragraphs"]

CELL_SEPARATOR = " | "


def row_paragraphs(grid: Sequence[Sequence[str | None]]) -> list[str]:
    """The table's rows as paragraphs (see the module docstring); [] for an empty table."""
    rows = [[_clean(cell) for cell in row] for row in grid]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    if len(rows) == 1 or width == 1:
        return [line for row in rows if (line := CELL_SEPARATOR.join(_distinct(row)))]
    header, body = _header(rows)
    paragraphs: list[str] = []
    for row in body:
        if row == header:
            continue  # the header repeated on a new page
        values = _distinct(row)
        if len(values) == 1:
            paragraphs.append(values[0])
            continue
        cells, previous = [], None
        for column, value in enumerate(row):
            if not value or value == previous:  # empty, or the rest of a horizontally merged cell
                previous = value
                continue
            previous = value
            label = header[column]
            cells.append(f"{label}: {value}" if label and label != value else value)
        paragraphs.append(CELL_SEPARATOR.join(cells))
    return paragraphs


def _header(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    top = rows[0]
    merged = any(top[i] and top[i] == top[i + 1] for i in range(len(top) - 1))
    if merged and len(rows) > 2:
        sub = rows[1]
        if not any(sub[i] and sub[i] == sub[i + 1] for i in range(len(sub) - 1)):
            combined = [_join_header(a, b) for a, b in zip(top, sub, strict=True)]
            return combined, rows[2:]
    return top, rows[1:]


def _join_header(top: str, sub: str) -> str:
    if not sub or sub == top:
        return top
    if not top:
        return sub
    return f"{top} - {sub}"


def _distinct(row: list[str]) -> list[str]:
    seen: list[str] = []
    for value in row:
        if value and value not in seen:
            seen.append(value)
    return seen


def _clean(cell: str | None) -> str:
    return re.sub(r"\s+", " ", cell or "").strip()
