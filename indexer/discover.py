"""Which files under the given paths are documents the indexer can read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc", ".jsonl"})


def discover_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Supported files, in a stable order; hidden files and folders are skipped."""
    seen: set[Path] = set()
    for root in paths:
        root = Path(root)
        candidates = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
        for path in candidates:
            rel = path.relative_to(root) if path != root else Path(path.name)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES and path.resolve() not in seen:
                seen.add(path.resolve())
                yield path
