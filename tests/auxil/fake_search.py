"""An in-memory stand-in for `knowledge.retrieval.search.SearchEngine` (same methods, no model, no index).

Why: answer-engine and bot unit tests must run in milliseconds and not
depend on the embedding model; the end-to-end tests use the real engine.
Passages are the bundled corpus paragraphs; ranking is accent-folded
syllable overlap with a minimum share of the question matched.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from knowledge.retrieval.index.passages import Passage
from knowledge.retrieval.search import DocumentInfo, Hit
from knowledge.retrieval.search.article import article_cite, article_text
from knowledge.settings import BUNDLED_CORPUS
from knowledge.text.normalize import fold, normalize

_STOP = set("bao nhieu nao gi la co the nhu thi sao cua va theo nhung cac duoc de cho ve voi trong".split())


@dataclass
class _Doc:
    info: DocumentInfo
    passages: list[tuple[str, str]]  # (passage_id, text)
    records: list[Passage] | None = None  # the indexer's records, when added with their structure


class FakeSearch:
    def __init__(self, docs: list[_Doc], threshold: float = 0.5):
        self._docs = docs
        self.threshold = threshold
        self.queries: list[str] = []
        self.scopes: list[frozenset[str]] = []  # the doc_ids each search kept to
        self._lock = threading.Lock()

    @classmethod
    def from_corpus(cls, folder: Path = BUNDLED_CORPUS, **kw) -> FakeSearch:
        docs = []
        for path in sorted(folder.glob("*.txt")):
            text = normalize(path.read_text(encoding="utf-8"))
            title = next(line for line in text.splitlines() if line.strip()).strip()
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 80]
            doc_id = path.stem
            passages = [(f"{doc_id}#{i}", p) for i, p in enumerate(paragraphs)]
            info = DocumentInfo(doc_id, title, "Cổng thông tin điện tử", "2024-01-12",
                                f"https://example.gov.vn/{doc_id}", [], len(passages))
            docs.append(_Doc(info, passages))
        return cls(docs, **kw)

    def _score(self, query_tokens: set[str], text: str) -> float:
        words = set(re.findall(r"\w+", fold(text)))
        return sum(1 for t in query_tokens if t in words) / max(1, len(query_tokens))

    def search(self, query: str, k: int = 5, offset: int = 0, doc_ids=()) -> list[Hit]:
        """Like the engine's: `doc_ids` keeps to those documents' passages when any of them scores."""
        with self._lock:
            self.queries.append(query)
            self.scopes.append(frozenset(doc_ids))
        tokens = {t for t in re.findall(r"\w+", fold(query)) if t not in _STOP}
        if not tokens:
            return []
        scored = []
        for doc in self._docs:
            for passage_id, text in doc.passages:
                scored.append((self._score(tokens, text), passage_id, doc, text))
        kept = [s for s in scored if s[2].info.doc_id in doc_ids and s[0] > 0]
        scored = kept or scored
        scored.sort(key=lambda s: (-s[0], s[1]))
        if not scored or scored[0][0] < self.threshold:
            return []
        window = scored[offset: offset + k]
        return [self._hit(offset + i + 1, s, pid, d, t) for i, (s, pid, d, t) in enumerate(window)]

    def add(self, info: DocumentInfo, texts: list[str]) -> None:
        """Index one more document (its passages `texts`), e.g. a regulation with legal metadata."""
        self._docs.append(_Doc(info, [(f"{info.doc_id}#{i}", t) for i, t in enumerate(texts)]))

    def add_records(self, info: DocumentInfo, records: list[Passage]) -> None:
        """Index a document as the indexer split it (`indexer.passages.document_passages`): its
        passages carry their citations, and `article` puts their articles back together."""
        self._docs.append(_Doc(info, [(r.passage_id, r.text) for r in records], records))

    def article(self, passage_id: str) -> Hit | None:
        """Like the engine's: the whole article of a passage, from the passages that tile it."""
        for doc in self._docs:
            for row, record in enumerate(doc.records or []):
                if record.passage_id == passage_id:
                    text = article_text(doc.records, row)
                    hit = self._hit(0, 0.0, passage_id, doc, text or record.text)
                    return replace(hit, cite=article_cite(hit.cite)) if text else None
        return None

    @staticmethod
    def _hit(rank, score, passage_id, doc, text) -> Hit:
        i = doc.info
        record = next((r for r in doc.records or [] if r.passage_id == passage_id), None)
        return Hit(rank, score, i.doc_id, passage_id, i.title, i.source, i.date, i.url, list(i.provinces), text,
                   cite=record.cite if record else None, number=i.number, doc_type=i.doc_type)

    def passage(self, passage_id: str) -> Hit | None:
        for doc in self._docs:
            for pid, text in doc.passages:
                if pid == passage_id:
                    return self._hit(0, 0.0, pid, doc, text)
        return None

    def documents(self) -> list[DocumentInfo]:
        return [d.info for d in self._docs]

    def reload_if_changed(self) -> bool:
        return False

    @property
    def info(self) -> dict:
        return {"model": "fake", "documents": len(self._docs),
                "passages": sum(len(d.passages) for d in self._docs), "built_at": "2024-01-01T00:00:00"}
