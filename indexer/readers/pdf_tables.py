"""Ruled tables of text PDFs (pdfplumber), written as header-carrying rows in their place on the page.

pypdf reads a table row by row as loose words ("1 Thu nhập (triệu ≥ 52 ≥ 45"),
the headers far above; pdfplumber finds tables from their ruling lines and
gives the cells. Pages with no table keep pypdf's text (the caller's); on a
page with tables, the text lines outside them are kept in order and each
table's rows (`indexer.readers.tables`) take the place of the lines it
covered, so the caption above a table stays before it. pdfplumber leaves a
merged cell's other grid positions empty (None); whether one continues the
cell to its left or the one above is read from the cells' boxes, so merges
come out as they do from a DOCX. A page pdfplumber cannot parse keeps
pypdf's text.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from indexer.readers.tables import row_paragraphs

__all__ = ["pages_with_tables"]

log = logging.getLogger(__name__)
_EDGE = 1.0  # points: a box reaching this far past a grid line spans it


def pages_with_tables(data: bytes, numbers: list[int]) -> Iterator[tuple[int, str]]:
    """(page number, text with tables as rows) for each of the given 0-based pages that has a table."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - pypdf read it; its text stands
        log.warning("pdfplumber không mở được tệp PDF; giữ văn bản không có bảng", exc_info=True)
        return
    with pdf:
        for number in numbers:
            page = pdf.pages[number]
            try:
                text = _page_text(page)
            except Exception:  # noqa: BLE001 - one odd page keeps pypdf's text
                log.warning("pdfplumber không đọc được trang %d", number + 1, exc_info=True)
                text = None
            finally:
                page.close()
            if text is not None:
                yield number, text


def _page_text(page) -> str | None:
    tables = [t for t in page.find_tables() if len(t.rows) >= 2]
    if not tables:
        return None
    tables.sort(key=lambda t: t.bbox[1])
    blocks: list[tuple[float, str, bool]] = []  # (top, text, is a table)
    for table in tables:
        rows = row_paragraphs(_grid(table))
        if rows:
            blocks.append((table.bbox[1], "\n\n".join(rows), True))
    for line in page.extract_text_lines():
        middle = (line["top"] + line["bottom"]) / 2
        if not any(t.bbox[1] <= middle <= t.bbox[3] and t.bbox[0] - _EDGE <= line["x0"] <= t.bbox[2]
                   for t in tables):
            blocks.append((line["top"], line["text"], False))
    blocks.sort(key=lambda block: block[0])
    return "\n".join(f"\n{text}\n" if is_table else text for _, text, is_table in blocks)


def _grid(table) -> list[list[str | None]]:
    """The table's cells as `row_paragraphs` takes them (vertical merges carried, horizontal ones None)."""
    values = table.extract()
    boxes = [row.cells for row in table.rows]
    width = max(len(row) for row in values)
    lefts = [min((row[c][0] for row in boxes if c < len(row) and row[c] is not None), default=0.0)
             for c in range(width)]
    grid: list[list[str]] = []
    for r, row in enumerate(values):
        top = table.rows[r].bbox[1]
        filled: list[str] = []
        for c in range(width):
            value = row[c] if c < len(row) else None
            if value is None:
                value = _carried(grid, boxes, r, c, lefts[c], top)
            filled.append(value)
        grid.append(filled)
    return grid


def _carried(grid, boxes, r, c, left, top) -> str | None:
    """None when the cell to the left spans this column, else the text of the cell above that spans
    down into this row, else "" (no cell here)."""
    for k in range(c - 1, -1, -1):
        box = boxes[r][k] if k < len(boxes[r]) else None
        if box is not None:
            if box[2] > left + _EDGE:
                return None
            break
    for j in range(r - 1, -1, -1):  # else the cell above, when its box reaches down into this row
        box = boxes[j][c] if c < len(boxes[j]) else None
        if box is not None:
            return (grid[j][c] or "") if box[3] > top + _EDGE else ""
    return ""
