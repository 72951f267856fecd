"""PDF: page text without the running headers and footers, page by page.

Pages with a text layer give it (line breaks kept, so "Điều 5." and
"Chương II" stay at line start); pages without one (a scan, or the scanned
annex of a typed plan) are recognised by `indexer.readers.ocr`, reporting
each page to `file.progress`; ruled tables of typed pages become rows that
carry their headers (`indexer.readers.pdf_tables`). Password-protected PDFs are refused with a
message saying what to do; so is one with more pages or text than the
limits allow, counted before any page is extracted and as each one is.
"""

from __future__ import annotations

import io
import re

from indexer.metadata import Metadata
from indexer.readers import ocr, pdf_tables
from indexer.readers.document import DocumentError, RawFile, SourceDocument, file_document
from knowledge.domain.limits import LimitExceeded, check_chars, check_pages

MIN_LAYER_CHARS = 20  # a page number or a stamp's few letters is not a text layer: the page is a scan


def _has_images(page) -> bool:
    """Whether the page draws any XObject (a scan is one image): a blank page between chapters is
    not sent to OCR, so a typed PDF with one still reads where tesseract is not installed."""
    try:
        resources = page.get("/Resources")
        return resources is not None and bool(resources.get_object().get("/XObject"))
    except Exception:  # noqa: BLE001 - odd resources: let OCR look at it
        return True


def read(file: RawFile) -> list[SourceDocument]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(file.data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("Tệp PDF có mật khẩu; hãy gỡ mật khẩu rồi nạp lại")
        check_pages(len(reader.pages), file.limits)
        pages, chars, scanned = [], 0, []
        for number, page in enumerate(reader.pages):
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            check_chars(chars, file.limits)
            if len(pages[-1].strip()) < MIN_LAYER_CHARS and _has_images(page):
                scanned.append(number)
        info_title = (reader.metadata or {}).get("/Title")
    except (DocumentError, LimitExceeded):
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        raise DocumentError(f"Tệp PDF không đọc được: {exc}") from exc
    if scanned:
        try:
            recognised = ocr.recognise_pages(file.data, scanned, file.limits, file.progress)
        except (DocumentError, LimitExceeded):
            raise
        except Exception as exc:  # PDFium's own errors for a page pypdf could parse
            raise DocumentError(f"Tệp PDF không đọc được trang scan: {exc}") from exc
        for number, text in recognised.items():
            pages[number] = text
            chars += len(text)
            check_chars(chars, file.limits)
    typed = sorted(set(range(len(pages))) - set(scanned))
    for number, text in pdf_tables.pages_with_tables(file.data, typed):
        chars += len(text) - len(pages[number])
        pages[number] = text
        check_chars(chars, file.limits)
    if not any(page.strip() for page in pages):
        raise DocumentError("Tệp PDF không có lớp văn bản và không nhận dạng được chữ nào "
                            "(trang trắng hoặc ảnh không có chữ)")
    pages = _drop_running_lines(pages)
    title = str(info_title).strip() if info_title else None
    if title and (len(title.split()) < 4 or re.search(r"\.(docx?|pdf|odt)$|^microsoft|^untitled", title, re.I)):
        title = None
    return file_document(file, "\n".join(pages), Metadata(title=title))


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove headers and footers repeated on most pages (digits ignored, so
    "Trang 3" repeats too)."""
    if len(pages) < 3:
        return pages

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    counts: dict[str, int] = {}
    for page in pages:
        for k in {key(line) for line in page.splitlines() if line.strip()}:
            counts[k] = counts.get(k, 0) + 1
    running = {k for k, n in counts.items() if n >= 0.6 * len(pages) and len(k) <= 120}
    return ["\n".join(line for line in page.splitlines() if key(line) not in running) for page in pages]
