"""Word .docx: paragraphs and tables in document order (a table's caption or
heading stays before it), each table row a paragraph with its column headers
(`indexer.readers.tables`); the first Title or Heading paragraph is the title
hint. The container was measured by `sniff`; the text is counted as it is
read, so reading stops at the limit."""

from __future__ import annotations

import io

from indexer.metadata import Metadata
from indexer.readers.document import DocumentError, RawFile, SourceDocument, file_document
from indexer.readers.tables import row_paragraphs
from knowledge.domain.limits import LimitExceeded, check_chars


def read(file: RawFile) -> list[SourceDocument]:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(file.data))
        blocks: list[str] = []
        heading = None
        chars = 0
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                rows = _table_rows(item)
                blocks.extend(rows)
                chars += sum(map(len, rows))
            elif text := item.text.strip():
                style = (item.style.name if item.style is not None else "") or ""
                if heading is None and (style == "Title" or style.startswith("Heading")):
                    heading = text
                blocks.append(text)
                chars += len(text)
            check_chars(chars, file.limits)  # a lower bound of the joined text, checked exactly later
        core_title = (document.core_properties.title or "").strip()
    except LimitExceeded:
        raise
    except Exception as exc:  # damaged zip, missing parts, bad XML
        raise DocumentError(f"Tệp DOCX không đọc được: {exc}") from exc
    title = heading or (core_title if len(core_title.split()) >= 3 else None)
    return file_document(file, "\n\n".join(blocks), Metadata(title=title))


def _table_rows(table) -> list[str]:
    """One paragraph per row with its headers (`indexer.readers.tables`). python-docx gives a merged
    cell in every grid position it covers: a vertical merge is carried as is, a horizontal one is
    marked (None) where the same cell continues from the left."""
    grid = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            cells.append(None if cell._tc is previous else cell.text)
            previous = cell._tc
        grid.append(cells)
    return row_paragraphs(grid)
