"""Hybrid search over the published index: dense + two BM25 lists, fused with RRF.

The engine loads the embedding model once and the current index snapshot;
`reload_if_changed` swaps in a newly published snapshot by reference, so
concurrent searches always see one whole index.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from knowledge.errors import UserError
from knowledge.retrieval.index import layout as L
from knowledge.retrieval.index.dense import DenseIndex
from knowledge.retrieval.index.lexical import LegacyLexical, LexicalIndex, bm25_idf, lexical_text
from knowledge.retrieval.index.passages import Passage, read_passages
from knowledge.retrieval.index.segmented import SegmentedDense, SegmentedLexical
from knowledge.retrieval.search.article import article_cite, article_text
from knowledge.retrieval.search.fusion import rrf
from knowledge.retrieval.search.relevance import Evidence, Relevance, judge
from knowledge.retrieval.search.spelling import Speller
from knowledge.retrieval.search.vocabulary import Vocabulary
from knowledge.text import normalize
from knowledge.text.normalize import has_diacritics
from knowledge.text.tokens import folded_tokens, word_tokens

CANDIDATES = 50
MAX_QUERY_CHARS = 1000


@dataclass(frozen=True, slots=True)
class Fusion:
    """Weights of the three ranked lists and the RRF k."""

    dense: float
    words: float
    folded: float
    k: int


# Tuned on ALQAC 2022 (520 questions, also folded to simulate typing without
# diacritics) and checked on ALQAC 2023 and our dev set (see README). Without
# diacritics the dense model and the word index are nearly blind: the folded index decides.
FUSION = {
    "accented": Fusion(dense=0.3, words=1.0, folded=0.6, k=10),
    "bare": Fusion(dense=0.1, words=0.0, folded=1.0, k=10),
    "dense": Fusion(dense=1.0, words=0.0, folded=0.0, k=60),
    "words": Fusion(dense=0.0, words=1.0, folded=0.0, k=60),
    "folded": Fusion(dense=0.0, words=0.0, folded=1.0, k=60),
}


@dataclass(frozen=True, slots=True)
class _Ranking:
    """The fused ranking of one query, with what the relevance gate needs to judge it."""

    fused: list[tuple[int, float]]  # (row, RRF score), best first
    query: str  # normalised and truncated
    words: list[str]  # the query's pyvi words ([] when typed without diacritics)
    vector: np.ndarray | None  # the query vector, when the dense model was asked
    cosine: dict[int, float]  # row -> cosine of the dense candidates


class IndexNotFound(UserError, RuntimeError):
    """No index has been published yet."""

    exit_code = 2

    def __init__(self, root: Path):
        super().__init__(
            f"Chưa có chỉ mục tìm kiếm trong {root}. Hãy chạy `ntm index` (hoặc `make run`) để xây dựng."
        )


@dataclass
class Hit:
    rank: int
    score: float
    doc_id: str
    passage_id: str
    title: str
    source: str | None
    date: str | None
    url: str | None
    provinces: list[str]
    text: str
    cite: str | None = None  # where in the document: "Điều 31 khoản 2", "Phụ lục I, tiêu chí 2"
    number: str | None = None  # the document's number and type, for a lawyer's citation
    doc_type: str | None = None
    article: tuple[int, int] | None = None  # span of the whole article (indexer.structure)

    def to_json(self) -> dict:
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "doc_id": self.doc_id,
            "passage_id": self.passage_id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "text": self.text,
        }


@dataclass
class DocumentInfo:
    doc_id: str
    title: str
    source: str | None
    date: str | None
    url: str | None
    provinces: list[str]
    passages: int
    kind: str | None = None
    path: str | None = None
    number: str | None = None  # legal metadata (see DocumentRecord)
    doc_type: str | None = None
    issuer: str | None = None
    signed: str | None = None
    effective: str | None = None


@dataclass(frozen=True, slots=True)
class _Segment:
    """One segment's files, loaded once and shared by every snapshot that lists it."""

    name: str
    passages: list
    dense: DenseIndex
    words: LexicalIndex | LegacyLexical
    folded: LexicalIndex | LegacyLexical

    @classmethod
    def load(cls, name: str, folder: Path) -> _Segment:
        passages = read_passages(folder / L.PASSAGES)
        n = len(passages)
        return cls(name, passages, DenseIndex.load(folder / L.DENSE), LexicalIndex.load(folder / L.LEXICAL_WORDS, n),
                   LexicalIndex.load(folder / L.LEXICAL_FOLDED, n))


class Snapshot:
    """One immutable published index version, fully loaded: its segments searched as one.

    `previous` (the snapshot in use) lends the segments both list, so publishing an upload's small
    segment loads only that segment, never the base again."""

    def __init__(self, version_dir: Path, previous: Snapshot | None = None):
        manifest = L.IndexLayout(version_dir.parent.parent).read_manifest(version_dir)
        if manifest is None:
            raise IndexNotFound(version_dir)
        self.version_dir = version_dir
        self.manifest = manifest
        known = {seg.name: seg for seg in previous.segments} if previous else {}
        refs = manifest.segment_list(version_dir.name)
        self.segments = [known.get(r["name"]) or _Segment.load(r["name"], version_dir / r["dir"]) for r in refs]
        first = refs[0]["name"]
        owner = {doc_id: record.segment or first for doc_id, record in manifest.documents.items()}
        lives = []
        for seg in self.segments:
            live = np.fromiter((owner.get(p.doc_id) == seg.name for p in seg.passages), dtype=bool,
                               count=len(seg.passages))
            lives.append(None if live.all() else live)
        self.passages = self.segments[0].passages if len(self.segments) == 1 else [
            p for seg in self.segments for p in seg.passages]
        self.dense = SegmentedDense([s.dense for s in self.segments], lives)
        self.words = SegmentedLexical([s.words for s in self.segments], lives)
        self.folded = SegmentedLexical([s.folded for s in self.segments], lives)
        self.live = self.words.live
        alive = np.concatenate([np.ones(len(s.passages), dtype=bool) if v is None else v
                                for s, v in zip(self.segments, lives, strict=True)])
        self.by_id = {p.passage_id: i for i, p in enumerate(self.passages) if alive[i]}
        self._evidence: dict[int, Evidence] = {}

    def evidence(self, row: int) -> Evidence:
        cached = self._evidence.get(row)
        if cached is None:
            p = self.passages[row]
            doc = self.manifest.documents.get(p.doc_id)
            cached = Evidence.of(lexical_text(doc.title if doc else "", p.text), p.words)
            self._evidence[row] = cached
        return cached

    @cached_property
    def speller(self) -> Speller:
        return Speller(Vocabulary(self.folded, self.words))

    def idf_words(self, token: str) -> float:
        return bm25_idf(self.words.doc_freq(token), self.live)

    def idf_folded(self, token: str) -> float:
        return bm25_idf(self.folded.doc_freq(token), self.live)


class SearchEngine:
    def __init__(self, index_root: Path, encoder):
        self.layout = L.IndexLayout(index_root)
        self.encoder = encoder
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self.reload_if_changed()
        if self._snapshot is None:
            raise IndexNotFound(index_root)

    @classmethod
    def open(cls, settings, encoder=None) -> SearchEngine:
        if encoder is None:
            from knowledge.retrieval.embedding.configured import load_encoder

            encoder = load_encoder(settings)
        return cls(settings.index_dir, encoder)

    # -- index lifecycle -------------------------------------------------
    def reload_if_changed(self) -> bool:
        """Load the currently published version if it is not the one in use."""
        current = self.layout.current_dir()
        if current is None or (self._snapshot and self._snapshot.version_dir == current):
            return False
        with self._lock:
            if self._snapshot and self._snapshot.version_dir == current:
                return False
            self._snapshot = Snapshot(current, previous=self._snapshot)
        return True

    @property
    def snapshot(self) -> Snapshot:
        assert self._snapshot is not None
        return self._snapshot

    @property
    def info(self) -> dict:
        m = self.snapshot.manifest
        return {
            "model": m.model.get("name"),
            "documents": len(m.documents),
            "passages": m.passages,
            "built_at": m.built_at,
            "dense": m.dense.get("kind"),
            "version": self.snapshot.version_dir.name,
        }

    def documents(self) -> list[DocumentInfo]:
        return [
            DocumentInfo(r.doc_id, r.title, r.source, r.date, r.url, list(r.provinces), r.passages, r.kind, r.path,
                         r.number, r.doc_type, r.issuer, r.signed, r.effective)
            for r in self.snapshot.manifest.documents.values()
        ]

    def passage(self, passage_id: str) -> Hit | None:
        snap = self.snapshot
        row = snap.by_id.get(passage_id)
        return None if row is None else self._hit(snap, row, 0, 0.0)

    def article(self, passage_id: str) -> Hit | None:
        """The whole article the passage belongs to ("xem toàn văn"), or None when its document has none."""
        snap = self.snapshot
        row = snap.by_id.get(passage_id)
        text = None if row is None else article_text(snap.passages, row)
        if text is None:
            return None
        hit = self._hit(snap, row, 0, 0.0)
        return replace(hit, text=text, cite=article_cite(hit.cite))

    # -- search ----------------------------------------------------------
    def search(self, query: str, k: int = 5, offset: int = 0, doc_ids: Collection[str] = ()) -> list[Hit]:
        hits, _ = self.search_explained(query, k=k, offset=offset, doc_ids=doc_ids)
        return hits

    def search_explained(self, query: str, k: int = 5, offset: int = 0, doc_ids: Collection[str] = (),
                         ) -> tuple[list[Hit], Relevance | None]:
        """Hits plus the relevance judgement behind them (for eval and calibration).

        `doc_ids` (the documents a question names: "theo Quyết định 318"): only their passages,
        when any of them is among the candidates; otherwise the ranking as usual."""
        snap = self.snapshot
        ranked = self._rank_rows(snap, query)
        if ranked is None:
            return [], None
        if doc_ids:
            wanted = set(doc_ids)
            kept = [(row, score) for row, score in ranked.fused if snap.passages[row].doc_id in wanted]
            ranked = replace(ranked, fused=kept) if kept else ranked
        top_row = ranked.fused[0][0]
        top_cos = ranked.cosine.get(top_row)
        if top_cos is None:
            top_cos = float(ranked.vector @ snap.dense.vector(top_row))
        best_cos = max(ranked.cosine.values()) if ranked.cosine else 0.0
        verdict = judge(
            ranked.words if has_diacritics(ranked.query) else None,  # the ranking's pyvi words: no second pyvi pass
            ranked.query, snap.evidence(top_row), top_cos, best_cos, snap.idf_words, snap.idf_folded,
        )
        if not verdict.relevant:
            return [], verdict
        window = ranked.fused[offset : offset + k]
        return [self._hit(snap, row, offset + i + 1, score) for i, (row, score) in enumerate(window)], verdict

    def rank(self, query: str, mode: str = "hybrid", depth: int = CANDIDATES) -> list[str]:
        """Doc ids of the best passages, no relevance gate (benchmarks and ablations)."""
        return [p.doc_id for p in self.rank_passages(query, mode, depth)]

    def rank_passages(self, query: str, mode: str = "hybrid", depth: int = CANDIDATES) -> list[Passage]:
        """The best passages' records (with their citations), no relevance gate."""
        snap = self.snapshot
        ranked = self._rank_rows(snap, query, mode)
        if ranked is None:
            return []
        return [snap.passages[row] for row, _ in ranked.fused[:depth]]

    def _rank_rows(self, snap: Snapshot, query: str, mode: str = "hybrid") -> _Ranking | None:
        query = normalize(query or "")[:MAX_QUERY_CHARS].strip()
        query = snap.speller.correct(query).text  # typos, Telex keys, diacritics; callers keep what was typed
        folded_q = folded_tokens(query, bigrams=True)
        if not folded_q or not snap.live:
            return None
        accented = has_diacritics(query)
        words_q = word_tokens(query, bigrams=True) if accented else []
        fusion = FUSION[mode if mode != "hybrid" else ("accented" if accented else "bare")]
        qvec = self.encoder.encode_queries([query])[0] if fusion.dense > 0 or mode == "hybrid" else None
        empty = (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32))
        dense_ids, dense_scores = snap.dense.top(qvec, CANDIDATES) if qvec is not None else empty
        word_ids, _ = snap.words.top(words_q, CANDIDATES) if fusion.words > 0 else empty
        fold_ids, _ = snap.folded.top(folded_q, CANDIDATES) if fusion.folded > 0 else empty
        fused = rrf([(dense_ids, fusion.dense), (word_ids, fusion.words), (fold_ids, fusion.folded)], k=fusion.k)
        if not fused:
            return None
        cosine = dict(zip(dense_ids.tolist(), [float(x) for x in dense_scores], strict=True))
        return _Ranking(fused, query, words_q, qvec, cosine)

    @staticmethod
    def _hit(snap: Snapshot, row: int, rank: int, score: float) -> Hit:
        p = snap.passages[row]
        doc = snap.manifest.documents.get(p.doc_id)
        return Hit(
            rank=rank,
            score=score,
            doc_id=p.doc_id,
            passage_id=p.passage_id,
            title=doc.title if doc else p.doc_id,
            source=doc.source if doc else None,
            date=doc.date if doc else None,
            url=doc.url if doc else None,
            provinces=list(doc.provinces) if doc else [],
            text=p.text,
            cite=p.cite,
            number=doc.number if doc else None,
            doc_type=doc.doc_type if doc else None,
            article=p.article,
        )
