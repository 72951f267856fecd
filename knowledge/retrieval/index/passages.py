"""The passages file of an index version: one JSON line per passage, in row order.

Row i of the file is row i of the dense and BM25 indexes. Each line holds
{"id", "doc", "text", "start", "end", "words"}: the display text, its offsets
in the document, and the pyvi word tokens (space-joined) so that incremental
builds and the relevance gate never segment a stored passage again.

Where the passage stands in a structured document is optional (a news
article has none, and files written before it existed lack the keys):
"cite" ("Điều 31 khoản 2"), "context" (the heading chain the models read
before the text) and "article" ([start, end] of the whole article, so
"xem toàn văn" can show it from the passages that tile it).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class Passage:
    passage_id: str
    doc_id: str
    text: str
    start: int
    end: int
    words: list[str] = field(default_factory=list)
    cite: str | None = None
    context: str | None = None
    article: tuple[int, int] | None = None


def interned(tokens: list[str]) -> list[str]:
    """One shared str per distinct token: ~200 tokens a passage would otherwise cost
    ~45 MB per 1,000 passages (non-ASCII strs are large), gigabytes at 100k."""
    return [sys.intern(t) for t in tokens]


def read_passages(path: Path) -> list[Passage]:
    passages = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            article = row.get("article")
            passages.append(
                Passage(row["id"], row["doc"], row["text"], row["start"], row["end"], interned(row["words"].split()),
                        row.get("cite"), row.get("context"), tuple(article) if article else None)
            )
    return passages


def write_passages(path: Path, passages: Iterable[Passage]) -> None:
    """Write and fsync: the version folder is published only after every file is on disk."""
    with path.open("w", encoding="utf-8") as fh:
        for p in passages:
            row = {"id": p.passage_id, "doc": p.doc_id, "text": p.text, "start": p.start, "end": p.end}
            row["words"] = " ".join(p.words)
            if p.cite:
                row["cite"] = p.cite
            if p.context:
                row["context"] = p.context
            if p.article:
                row["article"] = list(p.article)
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
