"""Read document files into clean `SourceDocument`s with metadata.

Admins upload whatever they have: web pages saved as .txt or .html, PDFs
(scanned ones recognised by OCR), Word files old and new, JSONL exports.
`sniff` decides the format from the content first (a PDF renamed .txt is
still a PDF) and the suffix second; `READERS` maps it
to the module that reads it; every reader ends with `to_document`, so
metadata and cleaning are the same for every format. Every failure a user
can cause raises `DocumentError` with a Vietnamese message the bot can show
as is, a file over the limits (`knowledge.domain.limits`) included; no other
exception escapes `read_path` or `read_bytes` but MemoryError, which the
child process that parses uploads and builds (`indexer.readers.worker`)
reports as its memory limit.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from indexer.readers import doc, docx, html, jsonl, markdown, pdf, txt
from indexer.readers.charset import decode_text
from indexer.readers.document import DocumentError, RawFile, SourceDocument
from indexer.readers.sniff import SUPPORTED, looks_like_html, sniff
from knowledge.domain.limits import LimitExceeded
from knowledge.settings import LimitsSettings

__all__ = [
    "READERS", "SUPPORTED", "DocumentError", "SourceDocument", "decode_text", "looks_like_html", "read_bytes",
    "read_path",
]

log = logging.getLogger(__name__)

Reader = Callable[[RawFile], list[SourceDocument]]
Progress = Callable[[int, int], None]

# Format (as `sniff` names it) -> reader.
READERS: dict[str, Reader] = {
    "pdf": pdf.read,
    "docx": docx.read,
    "doc": doc.read,
    "jsonl": jsonl.read,
    "html": html.read,
    "markdown": markdown.read,
    "txt": txt.read,
}


def read_path(path: Path, *, limits: LimitsSettings | None = None,
              progress: Progress | None = None) -> list[SourceDocument]:
    """All documents in one file (several for JSONL), held to `limits` (the defaults when None);
    `progress(done, total)` hears of slow steps (pages recognised by OCR)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentError(f"Không tìm thấy tệp: {path.name}", path=str(path)) from exc
    except IsADirectoryError as exc:
        raise DocumentError(f"'{path.name}' là thư mục, không phải tệp", path=str(path)) from exc
    except OSError as exc:
        raise DocumentError(f"Không đọc được tệp {path.name}: {exc.strerror or exc}", path=str(path)) from exc
    return read_bytes(data, path.name, path=str(path), limits=limits, progress=progress)


def read_bytes(data: bytes, name: str, *, path: str | None = None, limits: LimitsSettings | None = None,
               progress: Progress | None = None) -> list[SourceDocument]:
    """Like `read_path`, for content already in memory (a Telegram upload)."""
    try:
        file = dataclasses.replace(sniff(data, name, path, limits), progress=progress)
        return READERS[file.format](file)
    except DocumentError as exc:
        exc.path = exc.path or path
        raise
    except LimitExceeded as exc:
        raise DocumentError(str(exc), path=path) from exc
    except MemoryError:
        raise
    except RecursionError as exc:  # pathologically nested HTML
        raise DocumentError("Tệp có cấu trúc lồng nhau quá sâu, không đọc được", path=path) from exc
    except Exception as exc:
        # A bug or a library failure we did not foresee: the caller still
        # gets the one exception type it handles; the traceback goes to the log.
        log.exception("unexpected error reading %s", path or name)
        raise DocumentError(f"Không đọc được tệp {name}: lỗi không mong đợi ({type(exc).__name__})",
                            path=path) from exc
