"""One sheet an official can paste into a report: a bold frozen header, sized columns, typed cells.

Numbers stay numbers (a count as 1.234, a share as 62,2 % with Excel's %
format, so sums and charts work in Excel), dates stay dates; the text
columns carry the source document and the quoted sentence, so every row can
be cited. openpyxl writes in memory: the bot sends the bytes, the CLI saves them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

COUNT = "#,##0"
DECIMAL = "#,##0.##"
PERCENT = "0.0#%"
DATE = "DD/MM/YYYY"
DATETIME = "DD/MM/YYYY HH:MM"
MAX_WIDTH = 60  # characters; longer text wraps in its cell


@dataclass(frozen=True)
class Cell:
    """A value with its Excel number format (None: as is)."""

    value: object
    number_format: str | None = None


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # characters


def number_cell(value: float | int | None) -> Cell:
    if value is None:
        return Cell(None)
    return Cell(value, COUNT if float(value).is_integer() else DECIMAL)


def percent_cell(percent: float | None) -> Cell:
    """62.2 (per cent) -> 0.622 shown as 62,2 %."""
    return Cell(None) if percent is None else Cell(percent / 100, PERCENT)


def date_cell(value: dt.date | None) -> Cell:
    if value is None:
        return Cell(None)
    if isinstance(value, dt.datetime):
        return Cell(value.replace(tzinfo=None), DATETIME)  # Excel has no time zones: callers pass local time
    return Cell(value, DATE)


def workbook_bytes(sheet_title: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell | object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]  # Excel's limit
    sheet.append([c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="2E7D32")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        cells = [c if isinstance(c, Cell) else Cell(c) for c in row]
        sheet.append([c.value for c in cells])
        for target, cell in zip(sheet[sheet.max_row], cells, strict=True):
            if cell.number_format:
                target.number_format = cell.number_format
            if isinstance(cell.value, str) and len(cell.value) > MAX_WIDTH:
                target.alignment = Alignment(wrap_text=True, vertical="top")
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(column.width, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
