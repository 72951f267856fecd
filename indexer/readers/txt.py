"""Plain text (a web page copied as text, a .txt export): the format states no metadata;
`indexer.metadata` finds title, date and publisher in the text itself."""

from __future__ import annotations

from indexer.metadata import Metadata
from indexer.readers.document import RawFile, SourceDocument, file_document


def read(file: RawFile) -> list[SourceDocument]:
    return file_document(file, file.text, Metadata())
