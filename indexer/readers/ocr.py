"""Recognise the text of scanned PDF pages with Tesseract (Vietnamese data), page by page.

Pages are rendered one at a time with PDFium (it is not thread-safe) and
recognised by `ocr_workers` tesseract processes at once, each held to one
OpenMP thread: two single-threaded processes keep both cores busy, where one
multi-threaded tesseract does not. At most one rendered page waits per
worker, so memory stays a few page images whatever the page count; a page
is scaled down to `MAX_PIXELS` whatever size it claims. Each page may take
`ocr_page_timeout` seconds (tesseract is killed past that) and `progress` hears
each page done, so a caller's deadline can grow per page rather than be one
guess for the whole file. Where tesseract or its Vietnamese data is missing,
the message says which Debian packages to install.
"""

from __future__ import annotations

import math
import os
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from indexer.readers.document import DocumentError
from knowledge.domain.limits import LimitExceeded
from knowledge.settings import LimitsSettings
from knowledge.text.numbers import format_number

__all__ = ["LANGUAGE", "MAX_PIXELS", "PSM", "Progress", "missing_ocr", "recognise_pages"]

LANGUAGE = "vie"
PSM = 3  # automatic page segmentation: official documents have centred headers, signature columns, tables
MAX_PIXELS = 12_000_000  # an A4 page at 300 dpi is 8.7 million; a hostile page size cannot grow the image past this
INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"
Progress = Callable[[int, int], None]  # (pages done, pages to recognise)


def missing_ocr() -> str | None:
    """What to install for OCR, or None when tesseract with Vietnamese data is there."""
    if shutil.which("tesseract") is None:
        return f"Cần cài tesseract-ocr và tesseract-ocr-vie trên máy chủ để nhận dạng chữ ({INSTALL})"
    import pytesseract

    try:
        languages = pytesseract.get_languages(config="")
    except Exception:  # noqa: BLE001 - a broken install reads as a missing one
        languages = []
    if LANGUAGE not in languages:
        return f"Đã có tesseract nhưng thiếu dữ liệu tiếng Việt: cần cài tesseract-ocr-vie ({INSTALL})"
    return None


def recognise_pages(data: bytes, pages: Sequence[int], limits: LimitsSettings,
                    progress: Progress | None = None) -> dict[int, str]:
    """The recognised text of the given 0-based pages of the PDF `data`."""
    if not pages:
        return {}
    if len(pages) > limits.max_ocr_pages:
        raise LimitExceeded(
            f"Tệp PDF có {format_number(len(pages))} trang scan cần nhận dạng chữ, vượt giới hạn "
            f"{format_number(limits.max_ocr_pages)} trang (NTM_MAX_OCR_PAGES); hãy tách thành nhiều tệp nhỏ hơn "
            "rồi gửi lại", setting="NTM_MAX_OCR_PAGES")
    if (missing := missing_ocr()) is not None:
        raise DocumentError(f"Tệp PDF là bản scan (không có lớp văn bản). {missing}")
    import pypdfium2

    # One OpenMP thread per tesseract (the workers are the parallelism): written into the environment
    # the tesseract processes inherit (pytesseract passes no env of its own), not configuration read.
    os.putenv("OMP_THREAD_LIMIT", "1")
    report = progress or (lambda done, total: None)
    texts: dict[int, str] = {}
    workers = max(1, limits.ocr_workers)
    report(0, len(pages))  # before the first page: a caller's per-page deadline starts here
    pdf = pypdfium2.PdfDocument(data)
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            pending: dict[int, Future] = {}
            for number in pages:
                pending[number] = pool.submit(_recognise, _render(pdf, number, limits.ocr_dpi), number, limits)
                while len(pending) > workers:  # no more rendered pages waiting than workers to take them
                    _collect(pending, texts, report, len(pages))
            while pending:
                _collect(pending, texts, report, len(pages))
    finally:
        pdf.close()
    return texts


def _collect(pending: dict[int, Future], texts: dict[int, str], report: Progress, total: int) -> None:
    number = next(iter(pending))
    texts[number] = pending.pop(number).result()
    report(len(texts), total)


def _render(pdf, number: int, dpi: int):
    page = pdf[number]
    try:
        width, height = page.get_size()  # points
        scale = dpi / 72
        if width * height * scale * scale > MAX_PIXELS:
            scale = 0.99 * math.sqrt(MAX_PIXELS / max(width * height, 1.0))  # 0.99: pixels round up
        return page.render(scale=scale, grayscale=True).to_pil()
    finally:
        page.close()


def _recognise(image, number: int, limits: LimitsSettings) -> str:
    import pytesseract

    try:
        return pytesseract.image_to_string(image, lang=LANGUAGE, config=f"--psm {PSM}",
                                           timeout=limits.ocr_page_timeout)
    except RuntimeError as exc:  # pytesseract's way of saying it killed tesseract at the timeout
        if "timeout" not in str(exc).lower():
            raise
        raise LimitExceeded(
            f"Nhận dạng chữ trang {number + 1} mất quá {limits.ocr_page_timeout:g} giây, vượt giới hạn "
            "(NTM_OCR_PAGE_TIMEOUT_SECONDS); ảnh scan có thể bị hỏng", setting="NTM_OCR_PAGE_TIMEOUT_SECONDS"
        ) from None
    except pytesseract.TesseractError as exc:
        raise DocumentError(f"Không nhận dạng được chữ trang {number + 1}: {exc.message or exc.status}") from exc
    finally:
        image.close()
