"""The manifest of an index version: what was built, from which documents, with which model and pipeline.

Its fields and `FORMAT_VERSION` are the compatibility contract between a
published index and the code reading it: an index built by an older release
must keep loading, so fields are only ever added with defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

FORMAT_VERSION = 1


@dataclass
class DocumentRecord:
    """What the index remembers of one document (the content hash drives incremental builds)."""

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
        data = asdict(self)
        for record in data["documents"].values():  # unset legal fields are left out: old manifests stay byte-equal
            for name in (*LEGAL_FIELDS, "segment"):
                if record.get(name) is None:
                    record.pop(name, None)
        if not data["segments"]:
            del data["segments"]
        return json.dumps(data, ensure_ascii=False, indent=1)

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
