"""On-disk layout of a published index, shared by the indexer (writer) and search (reader).

An index root holds immutable version folders and one `current` symlink:

    index/
      current -> versions/20261124T140000-1a2b3c
      versions/<id>/manifest.json      what was built, from what, with which model
      versions/<id>/passages.jsonl     raw display text + offsets + stored word tokens
      versions/<id>/vectors.npy        float16 passage vectors (reused by incremental builds)
      versions/<id>/dense.faiss        the faiss index searched at query time
      versions/<id>/lexical_words/     BM25 term counts over pyvi words
      versions/<id>/lexical_folded/    BM25 term counts over accent-folded syllables
      versions/<id>/targets.jsonl      structured targets extracted at index time
      versions/<id>/segments/<id2>/    an upload's segment: its own passages, vectors, dense and BM25
      versions/.tmp-<id>/              a build in progress (removed if a build died)

A version's base files (the five above targets) and earlier segments are hard links
of the version it was made from when it only adds a segment (`indexer.segments`);
the manifest lists the segments in row order.

Readers resolve `current` once and then only touch that folder, so a new
publish (an atomic symlink swap) never shows them half an index. The files'
own formats are read and written by `manifest`, `passages`, `dense` and
`lexical` beside this module.
"""

from __future__ import annotations

import os
from pathlib import Path

from knowledge.retrieval.index.manifest import Manifest, read_manifest

MANIFEST = "manifest.json"
PASSAGES = "passages.jsonl"
VECTORS = "vectors.npy"
DENSE = "dense.faiss"
LEXICAL_WORDS = "lexical_words"
LEXICAL_FOLDED = "lexical_folded"
TARGETS = "targets.jsonl"


class IndexLayout:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.versions = self.root / "versions"
        self.current = self.root / "current"
        self.lock_file = self.root / ".build.lock"

    def current_dir(self) -> Path | None:
        """The published version folder, or None when nothing was ever published."""
        try:
            target = self.current.resolve(strict=True)
        except (FileNotFoundError, RuntimeError):
            return None
        return target if (target / MANIFEST).is_file() else None

    def read_manifest(self, version_dir: Path | None = None) -> Manifest | None:
        version_dir = version_dir or self.current_dir()
        if version_dir is None:
            return None
        return read_manifest(version_dir / MANIFEST)

    def publish(self, version_dir: Path) -> None:
        """Point `current` at a finished version folder with one atomic rename."""
        tmp_link = self.root / f".current-{os.getpid()}"
        if tmp_link.is_symlink() or tmp_link.exists():
            tmp_link.unlink()
        tmp_link.symlink_to(version_dir.relative_to(self.root))
        os.replace(tmp_link, self.current)
        fsync_dir(self.root)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
