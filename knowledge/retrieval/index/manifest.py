"""The manifest of an index version: what was built, from which documents, with which model and pipeline.

Its fields and `FORMAT_VERSION` are the compatibility contract between a
published index and the code reading it: an index built by an older release
must keep loading, so fields are only ever added with defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

FORMAT_VERSION = 1


@dataclass(slots=True)
class DocumentRecord:
    """What the index remembers of one document (the content hash drives incremental builds).
    Slots: an index of 100,000 documents holds 100,000 of them, once per loaded version."""

    doc_id: str
    content_hash: str
    title: str
    source: str | None = None
    date: str | None = None
    url: str | None = None
    provinces: list[str] = field(default_factory=list)
    kind: str | None = None
    path: str | None = None
    passages: int = 0
    # Legal metadata (added later: manifests without it load with None).
    number: str | None = None  # "318/QĐ-TTg"
    doc_type: str | None = None  # "Quyết định"
    issuer: str | None = None  # "Thủ tướng Chính phủ"
    signed: str | None = None  # ISO date
    effective: str | None = None  # ISO date
    # The segment holding the document's passages (added with segments: None is the first one).
    segment: str | None = None


LEGAL_FIELDS = ("number", "doc_type", "issuer", "signed", "effective")
_RECORD_FIELDS = tuple(f.name for f in fields(DocumentRecord))
_LEFT_OUT_WHEN_UNSET = frozenset((*LEGAL_FIELDS, "segment"))
COMPACT_ABOVE = 10_000  # documents: a larger manifest is written without indentation (3x faster to write)


@dataclass
class Manifest:
    built_at: str
    model: dict
    pipeline: dict
    dense: dict
    documents: dict[str, DocumentRecord]
    passages: int
    format: int = FORMAT_VERSION
    # The segments searched together, in row order: {"name", "dir" (relative to the version
    # folder, "." for the base at its root), "passages" (rows, dead ones included)}. Empty in
    # manifests older than segments: then the version folder itself is the one segment.
    segments: list[dict] = field(default_factory=list)

    def segment_list(self, version_name: str) -> list[dict]:
        """The segments, with an old manifest's folder as its one segment (named after the version)."""
        return self.segments or [{"name": version_name, "dir": ".", "passages": self.passages}]

    def segment_of(self, doc_id: str, version_name: str) -> str | None:
        """Which segment's rows of the document are live (None: the document is not in this version)."""
        record = self.documents.get(doc_id)
        if record is None:
            return None
        return record.segment or self.segment_list(version_name)[0]["name"]

    def to_json(self) -> str:
        """Unset legal fields and segment are left out, so manifests written before them stay byte-equal.
        Records are read field by field, not by `asdict` (a deep copy: seconds at 100,000 documents)."""
        data = {name: getattr(self, name) for name in ("built_at", "model", "pipeline", "dense")}
        data["documents"] = {
            doc_id: {name: value for name in _RECORD_FIELDS
                     if (value := getattr(record, name)) is not None or name not in _LEFT_OUT_WHEN_UNSET}
            for doc_id, record in self.documents.items()
        }
        data["passages"], data["format"] = self.passages, self.format
        if self.segments:
            data["segments"] = self.segments
        return json.dumps(data, ensure_ascii=False, indent=None if len(self.documents) > COMPACT_ABOVE else 1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        data["documents"] = {k: DocumentRecord(**v) for k, v in data["documents"].items()}
        return cls(**data)


def read_manifest(path: Path) -> Manifest | None:
    """The manifest in `path`, or None when it is missing or unreadable (an index to rebuild)."""
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def write_manifest(path: Path, manifest: Manifest) -> None:
    """Atomically (temp file, fsync, rename): a manifest on disk is always a whole one."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(manifest.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
