"""The limits every input file is held to (`settings.limits`), each checked as early as it can be.

Shared by the document readers (indexer) and the commune-list reader
(communes.tabular): both open zip containers, and a .docx or .xlsx of 700 KB
can unpack to gigabytes, so the container's directory (the sizes it declares,
which Python's zipfile never inflates past) is checked before any part is read.
Text, passages and PDF pages are counted by the code that produces them. Every
refusal is one Vietnamese sentence naming the limit and the variable that sets it.
"""

from __future__ import annotations

import zipfile

from knowledge.errors import UserError
from knowledge.settings import LimitsSettings
from knowledge.text.numbers import format_number

MB = 1024 * 1024
MAX_ZIP_MEMBERS = 10_000  # a .docx or .xlsx has tens of parts; a directory of millions is an attack
RATIO_FLOOR = MB  # parts smaller than this may compress as well as they like
SPLIT_HINT = "hãy tách thành nhiều tệp nhỏ hơn rồi gửi lại"


class LimitExceeded(UserError):
    """A file would cost more than a configured limit; `setting` is the variable that sets it."""

    def __init__(self, message: str, *, setting: str | None = None):
        super().__init__(message)
        self.setting = setting


def check_zip(archive: zipfile.ZipFile, limits: LimitsSettings) -> None:
    """Refuse a container whose parts, as declared, unpack too large or compress suspiciously well."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise LimitExceeded(f"Tệp nén có {format_number(len(infos))} phần, vượt giới hạn "
                            f"{format_number(MAX_ZIP_MEMBERS)} phần; có thể là tệp “bom nén”")
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_mb * MB:
        raise LimitExceeded(
            f"Tệp nén giải nén ra {format_number(total / MB)} MB, vượt giới hạn "
            f"{format_number(limits.max_unpacked_mb)} MB (NTM_MAX_UNPACKED_MB); có thể là tệp “bom nén”",
            setting="NTM_MAX_UNPACKED_MB")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > limits.max_compression_ratio:
            raise LimitExceeded(
                f"Phần “{info.filename[:80]}” của tệp nén nén tới {format_number(int(ratio))} lần, vượt giới hạn "
                f"{format_number(limits.max_compression_ratio)} lần (NTM_MAX_COMPRESSION_RATIO); "
                "có thể là tệp “bom nén”", setting="NTM_MAX_COMPRESSION_RATIO")


def check_chars(count: int, limits: LimitsSettings) -> None:
    """A document's text, counted as it is extracted (before cleaning)."""
    if count > limits.max_document_chars:
        raise LimitExceeded(
            f"Tài liệu dài quá giới hạn {format_number(limits.max_document_chars)} ký tự "
            f"(NTM_MAX_DOCUMENT_CHARS); {SPLIT_HINT}", setting="NTM_MAX_DOCUMENT_CHARS")


def check_pages(count: int, limits: LimitsSettings) -> None:
    if count > limits.max_pdf_pages:
        raise LimitExceeded(
            f"Tệp PDF có {format_number(count)} trang, vượt giới hạn {format_number(limits.max_pdf_pages)} trang "
            f"(NTM_MAX_PDF_PAGES); {SPLIT_HINT}", setting="NTM_MAX_PDF_PAGES")


def check_passages(count: int, limits: LimitsSettings) -> None:
    if count > limits.max_passages_per_document:
        raise LimitExceeded(
            f"Tài liệu tách ra {format_number(count)} đoạn, vượt giới hạn "
            f"{format_number(limits.max_passages_per_document)} đoạn (NTM_MAX_PASSAGES_PER_DOCUMENT); {SPLIT_HINT}",
            setting="NTM_MAX_PASSAGES_PER_DOCUMENT")
