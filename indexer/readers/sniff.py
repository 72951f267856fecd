"""Which format a file is in, decided from the content first and the suffix second.

A PDF renamed .txt is still a PDF, HTML saved as .txt is still HTML. Binary
formats we cannot read (Excel, other Office 97 files, images) are refused here with a
message that says what to do instead; so is a DOCX whose parts would unpack
beyond the limits (a zip bomb), measured before any part is read.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

from indexer.readers.charset import decode_text
from indexer.readers.document import DocumentError, RawFile
from knowledge.domain.limits import check_zip
from knowledge.settings import LimitsSettings

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
TEXT_SUFFIXES = {"", ".txt", ".text", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES, *JSON_SUFFIXES}
SUPPORTED = ".txt, .md, .html, .pdf, .docx, .doc, .jsonl"


def sniff(data: bytes, name: str, path: str | None = None, limits: LimitsSettings | None = None) -> RawFile:
    """The file with its format ('pdf', 'docx', 'doc', 'jsonl', 'html', 'markdown' or 'txt')
    and, for text formats, its decoded text; LimitExceeded for a zip bomb."""
    suffix = Path(name).suffix.lower()
    limits = limits or LimitsSettings()
    if not data.strip():
        raise DocumentError("Tệp rỗng")
    binary = _sniff_binary(data, suffix, limits)
    if binary is not None:
        return RawFile(data, name, binary, path=path, limits=limits)
    if suffix not in TEXT_SUFFIXES:
        raise DocumentError(f"Định dạng tệp {suffix} không được hỗ trợ (chỉ nhận {SUPPORTED})")
    text = decode_text(data)
    if not text.strip():
        raise DocumentError("Tệp rỗng")
    return RawFile(data, name, _text_format(text, suffix), text=text, path=path, limits=limits)


def _text_format(text: str, suffix: str) -> str:
    if _is_json_records(text, suffix):
        return "jsonl"
    if suffix in HTML_SUFFIXES or looks_like_html(text, suffix):
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "txt"


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Office 97-2003
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")


def _sniff_binary(data: bytes, suffix: str, limits: LimitsSettings) -> str | None:
    """'pdf', 'docx' or 'doc' from the content; errors for other binary formats."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise DocumentError(f"Tệp DOCX không đọc được: tệp nén bị hỏng ({exc})") from exc
        if "word/document.xml" in names:
            check_zip(archive, limits)
            return "docx"
        if any(n.startswith("xl/") for n in names):
            raise DocumentError("Tệp Excel không phải tài liệu văn bản; danh sách xã được nạp bằng chức năng riêng")
        raise DocumentError(f"Tệp nén này không phải DOCX (chỉ nhận {SUPPORTED})")
    if data.startswith(OLE2_MAGIC):
        return _ole2_format(data)
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        raise DocumentError("Tệp ảnh không có lớp văn bản; cần nhận dạng chữ (OCR) trước khi nạp")
    if suffix == ".pdf":
        raise DocumentError("Tệp PDF không đọc được: nội dung không phải PDF")
    if suffix == ".docx":
        raise DocumentError("Tệp DOCX không đọc được: nội dung không phải DOCX")
    if suffix == ".doc":
        raise DocumentError("Tệp Word .doc không đọc được: nội dung không phải tệp Word 97-2003")
    return None


def _ole2_format(data: bytes) -> str:
    """'doc' for a Word 97-2003 file (its directory names a WordDocument stream); errors for the others."""
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        raise DocumentError("Tệp Excel không phải tài liệu văn bản; danh sách xã được nạp bằng chức năng riêng")
    raise DocumentError("Tệp Word .doc không đọc được: tệp Office cũ này không chứa văn bản Word "
                        f"(chỉ nhận {SUPPORTED})")


_HTML_START_RE = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype\s+html|<html\b)", re.I | re.S)
_TAG_RE = re.compile(r"</?(p|div|br|span|a|h[1-6]|li|ul|table|tr|td|body|head|meta|script|style|article)\b[^>]*>",
                     re.I)


def looks_like_html(text: str, suffix: str = "") -> bool:
    """HTML saved under another name. Markdown may hold a few inline tags, so
    only a real document start counts there."""
    head = text[:4096]
    if _HTML_START_RE.match(head):
        return True
    if suffix in MARKDOWN_SUFFIXES:
        return False
    tags = _TAG_RE.findall(head)
    return len(tags) >= 5 or bool(re.search(r"<(body|head)\b", head, re.I))


def _is_json_records(text: str, suffix: str) -> bool:
    if suffix in JSON_SUFFIXES:
        return True
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if not first.startswith("{"):
        return False
    try:
        return isinstance(obj := json.loads(first), dict) and "text" in obj
    except json.JSONDecodeError:
        return False
