"""What every reader produces, and the step they all end with.

A reader turns one format into raw text plus "hints" (title, date,
publisher, URL the format states explicitly, e.g. HTML meta tags);
`to_document` then runs `indexer.metadata` and `indexer.clean` on it, the
same for every format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from indexer.clean import clean_text, normalized
from indexer.metadata import Metadata, extract_metadata
from knowledge.domain.limits import check_chars
from knowledge.errors import UserError
from knowledge.settings import LimitsSettings


@dataclass
class SourceDocument:
    doc_id: str  # JSONL "id"; for files the file stem
    title: str
    text: str  # cleaned article text, NFC, paragraphs separated by "\n\n" (not segmented)
    source: str | None = None  # publisher or site
    date: str | None = None  # ISO yyyy-mm-dd publication date, None when not stated
    provinces: list[str] = field(default_factory=list)  # canonical names, most relevant first
    kind: str | None = None
    url: str | None = None
    path: str | None = None
    # A regulation's or plan's legal metadata (None when not stated): "318/QĐ-TTg", "Quyết định",
    # "Thủ tướng Chính phủ", ISO dates of signing and of taking effect.
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    signed: str | None = None
    effective: str | None = None

    @property
    def legal(self) -> tuple[str | None, ...]:
        """The legal metadata fields, in order (for the content hash and the manifest)."""
        return (self.number, self.doc_type, self.issuer, self.signed, self.effective)


class DocumentError(UserError):
    """A file that cannot become a document; the message is for the user (Vietnamese).

    `path` and `line` (JSONL line number) let callers add context.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line


@dataclass(frozen=True, slots=True)
class RawFile:
    """One file as the readers get it: its bytes, the format sniffed from them,
    for text formats the decoded text, the limits reading it is held to, and
    who hears of slow steps (OCR pages done of total)."""

    data: bytes
    name: str
    format: str  # a key of `indexer.readers.READERS`
    text: str | None = None
    path: str | None = None
    limits: LimitsSettings = field(default_factory=LimitsSettings)
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)  # slow steps (OCR pages)

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    @property
    def doc_id(self) -> str:
        return Path(self.name).stem


def to_document(raw: str, hints: Metadata, *, doc_id: str, path: str | None, kind: str | None = None,
                given_text: bool = False, limits: LimitsSettings | None = None) -> SourceDocument:
    """Metadata and clean text of one article's raw text; `hints` win over what is guessed.

    LimitExceeded when the raw text is longer than `limits` allow (the defaults when None)."""
    check_chars(len(raw), limits or LimitsSettings())
    raw = normalized(raw)  # once: metadata and cleaning share it (and their caches)
    meta = extract_metadata(raw, hints=hints, file_name=doc_id)
    text = clean_text(raw, title=meta.headline)
    if not text and given_text:  # an explicit JSONL text is never dropped, only tidied
        text = "\n\n".join(" ".join(line.split()) for line in raw.split("\n") if line.strip())
    if not text:
        raise DocumentError("Không tìm thấy nội dung văn bản trong tệp (chỉ có menu, quảng cáo hoặc chân trang)")
    return SourceDocument(
        doc_id=doc_id,
        title=meta.title or doc_id,
        text=text,
        source=meta.source,
        date=meta.date,
        provinces=meta.provinces,
        kind=kind,
        url=meta.url,
        path=path,
        number=meta.legal.number,
        doc_type=meta.legal.doc_type,
        issuer=meta.legal.issuer,
        signed=meta.legal.signed,
        effective=meta.legal.effective,
    )


def file_document(file: RawFile, raw: str, hints: Metadata) -> list[SourceDocument]:
    """The one document of a single-article file (every format but JSONL)."""
    return [to_document(raw, hints, doc_id=file.doc_id, path=file.path, limits=file.limits)]
