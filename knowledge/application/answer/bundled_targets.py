"""Targets of the articles shipped in knowledge/corpus, for when no index exists yet.

`ntm targets` and `/chitieu` normally read the index's targets.jsonl; on a
fresh checkout (or in tests) extracting the five bundled articles directly
takes milliseconds and gives the same rows.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from knowledge import places
from knowledge.domain.targets.extract import extract_targets
from knowledge.domain.targets.model import Target
from knowledge.settings import BUNDLED_CORPUS

log = logging.getLogger(__name__)


def _metadata(text: str, path: Path) -> tuple[str, list[str], int | None]:
    """Title, provinces and year of an article, via the indexer's metadata reader when present."""
    try:
        from indexer.metadata import extract_metadata

        meta = extract_metadata(text)
        year = int(meta.date[:4]) if meta.date else None
        return meta.title or path.stem, list(meta.provinces), year
    except Exception:  # the indexer is optional here; fall back to our own guesses
        log.debug("indexer metadata unavailable for %s", path, exc_info=True)
        return path.stem.replace("-", " "), [p.name for p in places.most_mentioned(text)], None


def extract_file(path: Path) -> list[Target]:
    text = path.read_text(encoding="utf-8")
    title, provinces, year = _metadata(text, path)
    return extract_targets(
        text, doc_id=path.stem, passage_id=None, doc_provinces=provinces, doc_year=year, doc_title=title,
        doc_text=text, passage_start=0,
    )


@lru_cache(maxsize=1)
def _bundled() -> tuple[Target, ...]:
    out: list[Target] = []
    for path in sorted(Path(BUNDLED_CORPUS).glob("*.txt")):
        out.extend(extract_file(path))
    return tuple(out)


def bundled_targets() -> list[Target]:
    return list(_bundled())
