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
_SHARED_FIELDS = ("source", "date", "kind", "doc_type", "issuer", "signed", "effective", "segment")
COMPACT_ABOVE = 10_000  # documents: a larger manifest is written compact and streamed (3x faster, far less memory)


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
        data = self._head()
        data["documents"] = {doc_id: _record_json(record) for doc_id, record in self.documents.items()}
        data.update(self._tail())
        return json.dumps(data, ensure_ascii=False, indent=1)

    def write_compact(self, fh) -> None:  # noqa: ANN001 - a text file
        """The same JSON without indentation, one record at a time: a manifest of 100,000 documents
        is never a dict of dicts nor one string in memory (~150 MB less at the peak of an upload)."""
        fh.write(json.dumps(self._head(), ensure_ascii=False)[:-1] + ', "documents": {')
        for n, (doc_id, record) in enumerate(self.documents.items()):
            fh.write((", " if n else "") + json.dumps(doc_id, ensure_ascii=False) + ": "
                     + json.dumps(_record_json(record), ensure_ascii=False))
        fh.write("}, " + json.dumps(self._tail(), ensure_ascii=False)[1:])

    def _head(self) -> dict:
        return {name: getattr(self, name) for name in ("built_at", "model", "pipeline", "dense")}

    def _tail(self) -> dict:
        tail = {"passages": self.passages, "format": self.format}
        if self.segments:
            tail["segments"] = self.segments
        return tail

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Each document's object becomes its record as it is parsed (no dict of 100,000 dicts first),
        with the values many documents share (dates, sources, the segment, provinces) held once."""
        shared: dict = {}

        def hook(obj: dict):
            if "content_hash" not in obj:
                return obj
            for name in _SHARED_FIELDS:
                value = obj.get(name)
                if isinstance(value, str):
                    obj[name] = shared.setdefault(value, value)
            if obj.get("provinces"):
                obj["provinces"] = [shared.setdefault(p, p) for p in obj["provinces"]]
            return DocumentRecord(**obj)

        data = json.loads(text, object_hook=hook)
        if any(not isinstance(r, DocumentRecord) for r in data["documents"].values()):
            raise TypeError("a document record without its content hash")
        return cls(**data)


def _record_json(record: DocumentRecord) -> dict:
    return {name: value for name in _RECORD_FIELDS
            if (value := getattr(record, name)) is not None or name not in _LEFT_OUT_WHEN_UNSET}


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
        if len(manifest.documents) > COMPACT_ABOVE:
            manifest.write_compact(fh)
        else:
            fh.write(manifest.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
