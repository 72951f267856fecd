"""The passages file of an index version: one JSON line per passage, in row order.

Row i of the file is row i of the dense and BM25 indexes. Each line holds
{"id", "doc", "text", "start", "end", "words"}: the display text, its offsets
in the document, and the pyvi word tokens (space-joined) so that incremental
builds and the relevance gate never segment a stored passage again.
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


def interned(tokens: list[str]) -> list[str]:
    """One shared str per distinct token: ~200 tokens a passage would otherwise cost
    ~45 MB per 1,000 passages (non-ASCII strs are large), gigabytes at 100k."""
    return [sys.intern(t) for t in tokens]


def read_passages(path: Path) -> list[Passage]:
    passages = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            passages.append(
                Passage(row["id"], row["doc"], row["text"], row["start"], row["end"], interned(row["words"].split()))
            )
    return passages


def write_passages(path: Path, passages: Iterable[Passage]) -> None:
    """Write and fsync: the version folder is published only after every file is on disk."""
    with path.open("w", encoding="utf-8") as fh:
        for p in passages:
            row = {"id": p.passage_id, "doc": p.doc_id, "text": p.text, "start": p.start, "end": p.end}
            row["words"] = " ".join(p.words)
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
