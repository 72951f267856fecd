"""Upload segments: a small change to a large index is written as a segment beside the base.

A version whose change is small (an upload, a removal) hard-links every file of the
version before it (the base and earlier segments: no copy of 100,000 passages) and adds
one folder `segments/<version>/` with the new passages, their vectors, dense index and term
counts; the manifest lists the segments and which one holds each document, which makes the
older rows of a changed or removed document dead (`knowledge.retrieval.index.segmented`).
Past `SegmentPolicy`'s limits, a build merges everything into a new base instead (reusing
every vector: no re-embedding), which the admin thread also runs after an upload that
reached them (`BuildReport.compact_due`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.retrieval.index import layout as L
from knowledge.retrieval.index.manifest import Manifest
from knowledge.retrieval.index.passages import Passage, read_passages

SEGMENTS_DIR = "segments"


@dataclass(frozen=True)
class SegmentPolicy:
    """When a build writes a segment rather than a whole new base.

    Below `min_base` passages a whole build takes seconds, so small indexes keep one segment.
    Segments cost a little at each query (one more dense scan, one more column lookup per
    term), hence at most `max_segments`, holding at most `max_fraction` of the base's rows; a
    build past either merges. The admin thread merges earlier, at half of either (`merge_due`),
    in the background after the upload is answerable, so an upload rarely waits for a merge."""

    min_base: int = 5_000
    max_segments: int = 8
    max_fraction: float = 0.1

    def allows(self, manifest: Manifest, new_rows: int) -> bool:
        if not manifest.segments or manifest.passages < self.min_base:
            return False  # an index older than segments, or small: a whole build
        deltas = manifest.segments[1:]
        rows = sum(s["passages"] for s in deltas) + new_rows
        return len(deltas) < self.max_segments and rows <= self.max_fraction * manifest.segments[0]["passages"]

    def merge_due(self, manifest: Manifest) -> bool:
        """Whether the version's segments should be merged into a new base now."""
        deltas = manifest.segments[1:]
        if not deltas:
            return False
        rows = sum(s["passages"] for s in deltas)
        return 2 * len(deltas) >= self.max_segments or 2 * rows > self.max_fraction * manifest.segments[0]["passages"]


POLICY = SegmentPolicy()  # what builds use unless told otherwise (read at each build: tests lower it)


def mergeable(manifest: Manifest) -> bool:
    """Whether a merge would change the version: it has segments beside its base, or dead rows."""
    return len(manifest.segments) > 1 or sum(s["passages"] for s in manifest.segments) > manifest.passages


def live_passages(version_dir: Path, manifest: Manifest, doc_ids: set[str]) -> Iterator[tuple[int, Passage]]:
    """(row across segments, passage) of the live passages of `doc_ids`, in row order."""
    owner = {d: manifest.segment_of(d, version_dir.name) for d in doc_ids}
    needed = set(owner.values())
    offset = 0
    for ref in manifest.segment_list(version_dir.name):
        if ref["name"] in needed:
            for row, p in enumerate(read_passages(version_dir / ref["dir"] / L.PASSAGES)):
                if owner.get(p.doc_id) == ref["name"]:
                    yield offset + row, p
        offset += ref["passages"]


def stored_vectors(version_dir: Path, manifest: Manifest) -> np.ndarray:
    """Every row's stored vector (float16) across segments: the base memory-mapped when it is alone."""
    refs = manifest.segment_list(version_dir.name)
    parts = [np.load(version_dir / ref["dir"] / L.VECTORS, mmap_mode="r") for ref in refs]
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def link_version(source: Path, target: Path) -> None:
    """Hard-link every file of the version `source` into `target`, but its manifest and targets
    (rewritten for each version): the new version shares the base's files, never copies them."""
    for folder, _dirs, files in os.walk(source):
        rel = Path(folder).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            if rel == Path(".") and name in (L.MANIFEST, L.TARGETS):
                continue
            os.link(Path(folder) / name, target / rel / name)


def segment_dir(version: str) -> str:
    return f"{SEGMENTS_DIR}/{version}"
