"""Check an uploaded document completely, then store it under `documents_dir` in one atomic step.

Why this shape:
- Everything that can reject a file (caption, type from content, readable
  text, the size limits, id conflicts) runs before the first byte is written,
  so a refused file changes nothing. The file is parsed in a child process
  (`indexer.readers.isolated`) held to a memory cap and a timeout, so a
  hostile one costs the bot nothing but a refusal naming the limit it hit.
- The stored file is what the indexer reads from `NTM_DATA_DIR/documents`
  (one of its default sources), so a kill at any point is harmless: a file
  appears whole (temp file + link) or not at all, and the index build at the
  next start picks it up.
- A single document is stored as sent, named `<id><suffix>` (the indexer
  takes the file stem as its id). When the caption sets the title, source,
  province or date, the original goes to `documents/.originals/` (hidden
  folders are not indexed) and the indexed copy is a one-line JSONL with the
  text as read and the metadata as given: the indexer reads no side files.
- JSONL files keep their own ids; an id already in use is refused rather
  than silently shadowing (or being shadowed by) another document.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from indexer.readers import DocumentError, SourceDocument
from indexer.readers import Progress as PageProgress
from indexer.readers.isolated import read_isolated
from indexer.service import documents_dir, excluded_ids
from knowledge.application.admin.caption import CaptionError, CaptionInfo, parse_caption
from knowledge.errors import UserError
from knowledge.settings import LimitsSettings, Settings
from knowledge.text.normalize import fold

ORIGINALS = ".originals"
TEMP_PREFIX = ".upload-"
MAX_ID_CHARS = 60
_ID = re.compile(r"[\w.\-]{1,100}")
_SUFFIXES = {
    ".md": ".md", ".markdown": ".md", ".html": ".html", ".htm": ".html", ".xhtml": ".html",
    ".jsonl": ".jsonl", ".ndjson": ".jsonl", ".json": ".jsonl", ".txt": ".txt", ".text": ".txt", "": ".txt",
}


class UploadRejected(UserError):
    """The file cannot be added; the message says why, in Vietnamese, and nothing was written."""


@dataclass
class CheckedDocument:
    """An upload that passed every check, not yet stored."""

    file_name: str  # as sent
    data: bytes
    sha256: str
    suffix: str  # how it will be stored: .pdf .docx .doc .html .md .txt .jsonl
    documents: list[SourceDocument]
    caption: CaptionInfo = field(default_factory=CaptionInfo)
    notes: list[str] = field(default_factory=list)  # things the admin should know (ignored caption...)
    # Text that took OCR or a converter (scanned PDF, .doc): stored as its text, the file kept as the
    # original, so no later build recognises it again (minutes for a long scan).
    recognised: bool = False

    @property
    def multi(self) -> bool:
        """JSONL: the file names its documents' ids."""
        return self.suffix == ".jsonl"


@dataclass
class StoredDocument:
    doc_ids: list[str]
    indexed_path: Path  # the file the indexer reads
    original_path: Path  # the file as sent (the same file unless the caption changed metadata)


def slug(text: str, default: str = "tai-lieu") -> str:
    """A file-name-safe id: accent-folded, lower case, ASCII letters, digits and hyphens."""
    value = re.sub(r"[^a-z0-9]+", "-", fold(text or "")).strip("-")[:MAX_ID_CHARS].strip("-")
    return value or default


def stored_suffix(data: bytes, file_name: str) -> str:
    """The suffix the indexer needs to read this content as it was checked (type from content first)."""
    if b"%PDF-" in data[:1024]:
        return ".pdf"
    suffix = Path(file_name).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        return ".docx"  # readers tell a DOCX from other zip files, with a clear message
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return ".doc"  # readers tell a Word file from other Office 97 files
    return _SUFFIXES.get(suffix, suffix)


def check_document(data: bytes, file_name: str, caption: str | None = None, *,
                   limits: LimitsSettings | None = None, progress: PageProgress | None = None) -> CheckedDocument:
    """Read the upload exactly as the indexer will, within `limits` (the defaults when None);
    UploadRejected when it cannot become documents. `progress(done, total)` hears of OCR pages."""
    try:
        info = parse_caption(caption)
    except CaptionError as exc:
        raise UploadRejected(str(exc)) from None
    suffix = stored_suffix(data, file_name)
    provisional = slug(Path(file_name).stem)
    recognised = False

    def heard(done: int, total: int) -> None:
        nonlocal recognised
        recognised = True
        if progress is not None:
            progress(done, total)

    try:
        documents = read_isolated(data, provisional + suffix, limits, passages=True, progress=heard)
    except DocumentError as exc:
        where = f" (dòng {exc.line})" if exc.line and str(exc.line) not in str(exc) else ""
        raise UploadRejected(f"{exc}{where}.".replace("..", ".")) from None
    if not documents:
        raise UploadRejected("Không tìm thấy nội dung văn bản trong tệp.")
    checked = CheckedDocument(file_name, data, hashlib.sha256(data).hexdigest(), suffix, documents, info)
    checked.recognised = recognised or suffix == ".doc"
    if checked.multi and not info.empty:
        checked.notes.append("Chú thích không áp dụng cho tệp JSONL: tiêu đề, nguồn, tỉnh ghi trong từng dòng.")
        checked.caption = CaptionInfo()
    if checked.multi:
        ids = [d.doc_id for d in documents]
        bad = [i for i in ids if not _ID.fullmatch(i)]
        if bad:
            raise UploadRejected(f"Mã id “{bad[0]}” cần viết liền, chỉ gồm chữ, số, dấu chấm, gạch ngang "
                                 "hoặc gạch dưới (ví dụ ke-hoach-2025), để gõ được trong lệnh /xoa.")
    return checked


class DocumentStore:
    """The uploaded-documents folder. Callers serialise `store` (one writer at a time)."""

    def __init__(self, settings: Settings):
        self.root = documents_dir(settings)
        self.settings = settings

    def taken_ids(self, indexed: set[str] | frozenset[str] = frozenset()) -> set[str]:
        """Ids a new document must not use: indexed, removed (still excluded), or stored and pending."""
        taken = set(indexed) | excluded_ids(self.settings)
        if self.root.exists():
            for path in self.root.rglob("*"):
                if path.is_file() and not path.name.startswith(TEMP_PREFIX):
                    taken.add(path.stem)
                    if path.suffix == ".jsonl" and ORIGINALS not in path.parts:
                        taken |= _jsonl_ids(path)
        return taken

    def store(self, checked: CheckedDocument, taken: set[str]) -> StoredDocument:
        """Write the checked upload under a unique name; returns what the index will hold."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._remove_stale_temp_files()
        stems = {p.stem for p in self.root.rglob("*") if p.is_file()}
        if checked.multi:
            ids = [d.doc_id for d in checked.documents]
            clash = [i for i in ids if i in taken]
            if clash:
                raise UploadRejected(
                    "Đã có tài liệu mang mã: " + ", ".join(clash[:10]) + (" …" if len(clash) > 10 else "")
                    + ". Hãy đổi “id” trong tệp (tài liệu đã gỡ vẫn giữ mã của nó).")
            name = _unique(slug(Path(checked.file_name).stem), taken | stems)
            path = self.root / f"{name}.jsonl"
            _write_new(path, checked.data)
            return StoredDocument(ids, path, path)
        doc_id = _unique(slug(Path(checked.file_name).stem), taken | stems)
        if checked.caption.empty and not checked.recognised:
            path = self.root / f"{doc_id}{checked.suffix}"
            _write_new(path, checked.data)
            return StoredDocument([doc_id], path, path)
        original = self.root / ORIGINALS / f"{doc_id}{checked.suffix}"
        original.parent.mkdir(exist_ok=True)
        envelope = _envelope(checked.documents[0], doc_id, checked.caption)
        try:
            read_isolated(envelope, f"{doc_id}.jsonl", self.settings.limits)  # what the indexer will read must read
        except DocumentError as exc:
            raise UploadRejected(f"Không áp dụng được chú thích: {exc}.") from None
        _write_new(original, checked.data)
        path = self.root / f"{doc_id}.jsonl"
        _write_new(path, envelope)  # the commit point
        return StoredDocument([doc_id], path, original)

    def _remove_stale_temp_files(self, older_than: float = 600.0) -> None:
        """Temp files of an upload killed mid-write: hidden, never indexed, safe to delete."""
        now = time.time()
        for path in self.root.rglob(TEMP_PREFIX + "*"):
            try:
                if now - path.stat().st_mtime > older_than:
                    path.unlink()
            except OSError:
                pass


def _envelope(doc: SourceDocument, doc_id: str, caption: CaptionInfo) -> bytes:
    record = {"id": doc_id, "title": caption.title or doc.title, "text": doc.text}
    source = caption.source or doc.source
    date = caption.date or doc.date
    provinces = caption.provinces or doc.provinces
    optional = {"source": source, "date": date, "province": provinces or None, "url": doc.url, "kind": doc.kind}
    record.update({k: v for k, v in optional.items() if v})
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def _unique(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _jsonl_ids(path: Path) -> set[str]:
    ids = set()
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    value = json.loads(line).get("id")
                except (ValueError, AttributeError):
                    continue
                if value is not None:
                    ids.add(str(value).strip())
    except OSError:
        pass
    return ids


def _write_new(path: Path, data: bytes) -> None:
    """Write `path` atomically and never over an existing file: hidden temp file, fsync, hard link."""
    tmp = path.parent / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}.tmp"
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp, path)  # FileExistsError instead of replacing someone else's file
    finally:
        tmp.unlink(missing_ok=True)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
