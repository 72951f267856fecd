"""Reading back the .xlsx exports as an official's spreadsheet would: header, rows, formats."""

from __future__ import annotations

import io

from openpyxl import load_workbook


def read_sheet(data: bytes):
    """(sheet, header, rows as dicts by header) of the workbook's only sheet."""
    book = load_workbook(io.BytesIO(data))
    assert len(book.worksheets) == 1
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    return sheet, header, [dict(zip(header, row, strict=True)) for row in rows[1:]]


def cell_format(sheet, row: int, header: list, column: str) -> str:
    """The number format of `column` in data row `row` (0-based)."""
    return sheet.cell(row=row + 2, column=header.index(column) + 1).number_format
