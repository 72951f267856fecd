"""BM25 indexes over pre-tokenised passages, stored as term counts so that segments can be combined.

Two of them serve different typists: one over pyvi words for queries typed
with diacritics, one over accent-folded syllables for the many typed without.

A `LexicalIndex` is one segment's postings: for each term the rows holding it
and how often (CSC: `indptr`, `rows`, `tfs`), plus each passage's length.
Scores are computed at query time from statistics passed in (passages N,
average length, document frequency per term) rather than baked in at build
time as bm25s does: an index made of a base and small upload segments then
scores every passage exactly as one index built over all of them would
(`segmented.SegmentedLexical`). The formula is bm25s's Lucene variant
(`tests/knowledge/retrieval/index/test_lexical.py` checks it against bm25s).
An index saved by an earlier release (bm25s's own files) still loads, as a
`LegacyLexical`, and can only be searched alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

# Lucene-style BM25; k1/b tuned on ALQAC 2022 (see scripts/alqac.py and README).
K1 = 1.2
B = 0.75
_LEGACY_PARAMS = "params.index.json"  # what bm25s writes; this format writes vocab.json


def lexical_text(title: str, passage: str) -> str:
    """What BM25 indexes: the title too, since passages rarely repeat the province or year."""
    return f"{title}\n{passage}" if title else passage


def bm25_idf(doc_freq: int, docs: int) -> float:
    """Lucene's idf (bm25s's "lucene" method), never negative; also what the relevance gate weighs words by."""
    return math.log(1 + (docs - doc_freq + 0.5) / (doc_freq + 0.5))


class LexicalIndex:
    """One segment's term counts: term -> (rows, counts), and each row's length in tokens."""

    def __init__(self, vocab: dict[str, int], indptr: np.ndarray, rows: np.ndarray, tfs: np.ndarray,
                 lengths: np.ndarray):
        self.vocab = vocab
        self.indptr, self.rows, self.tfs, self.lengths = indptr, rows, tfs, lengths
        self.size = len(lengths)

    @classmethod
    def build(cls, corpus_tokens: Iterable[list[str]]) -> LexicalIndex:
        """Index passages' tokens; a generator is read once and never held whole.

        Each passage becomes its distinct term ids and counts (int32 + uint16), then one
        CSR -> CSC conversion (scipy, ~26 bytes per nonzero at its peak: 23 M nonzeros at
        100,000 passages). An empty passage is the token "", so it keeps its row.
        """
        import scipy.sparse as sp

        vocab: dict[str, int] = {"": 0}
        cols: list[np.ndarray] = []
        counts: list[np.ndarray] = []
        lengths: list[int] = []
        for toks in corpus_tokens:
            ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in (toks or ("",))), dtype=np.int32)
            unique, tf = np.unique(ids, return_counts=True)
            cols.append(unique.astype(np.int32))
            counts.append(np.minimum(tf, np.iinfo(np.uint16).max).astype(np.uint16))
            lengths.append(len(ids))
        n = len(lengths)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum([len(c) for c in cols], out=indptr[1:])
        data = np.concatenate(counts) if counts else np.empty(0, dtype=np.uint16)
        indices = np.concatenate(cols) if cols else np.empty(0, dtype=np.int32)
        del cols, counts
        csc = sp.csr_matrix((data, indices, indptr), shape=(n, len(vocab))).tocsc()
        csc.sort_indices()
        return cls(vocab, csc.indptr.astype(np.int64), csc.indices.astype(np.int32),
                   csc.data.astype(np.uint16), np.asarray(lengths, dtype=np.int32))

    def save(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        (path / "vocab.json").write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
        for name in ("indptr", "rows", "tfs", "lengths"):
            np.save(path / f"{name}.npy", getattr(self, name))

    @classmethod
    def load(cls, path: Path, size: int) -> LexicalIndex | LegacyLexical:
        if (path / _LEGACY_PARAMS).exists():
            return LegacyLexical.load(path, size)
        terms = json.loads((path / "vocab.json").read_text(encoding="utf-8"))
        arrays = [np.load(path / f"{name}.npy") for name in ("indptr", "rows", "tfs", "lengths")]
        return cls({t: i for i, t in enumerate(terms)}, *arrays)

    def column(self, token: str) -> tuple[np.ndarray, np.ndarray] | None:
        """Rows holding the token and its count in each, or None when the segment never saw it."""
        col = self.vocab.get(token)
        if col is None:
            return None
        start, end = self.indptr[col], self.indptr[col + 1]
        return self.rows[start:end], self.tfs[start:end]

    def doc_freqs(self, live: np.ndarray | None = None) -> np.ndarray:
        """Passages holding each term (column order), counting only `live` rows when given."""
        freqs = np.diff(self.indptr)
        if live is None:
            return freqs
        # The few dead rows' entries are found and subtracted: a running count over all 23 M
        # entries of a 100,000-passage segment would take ~370 MB of int64 for a moment.
        dead_at = np.flatnonzero(~live[self.rows])
        if dead_at.size:
            cols = np.searchsorted(self.indptr, dead_at, side="right") - 1
            freqs = freqs - np.bincount(cols, minlength=len(freqs))
        return freqs

    # One segment searched alone: its own statistics (what tests and the speller of a plain index use).
    def _alone(self):
        from knowledge.retrieval.index.segmented import SegmentedLexical

        view = self.__dict__.get("_view")
        if view is None:
            view = self.__dict__["_view"] = SegmentedLexical([self], [None])
        return view

    def doc_freq(self, token: str) -> int:
        return self._alone().doc_freq(token)

    def vocabulary(self) -> Iterator[tuple[str, int]]:
        return self._alone().vocabulary()

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        return self._alone().scores(query_tokens)

    def top(self, query_tokens: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
        return self._alone().top(query_tokens, n)


class LegacyLexical:
    """An index saved by bm25s (releases before segments): scores baked in, searched only alone."""

    def __init__(self, retriever, size: int):
        self._retriever = retriever
        self.size = size

    @classmethod
    def load(cls, path: Path, size: int) -> LegacyLexical:
        import bm25s

        return cls(bm25s.BM25.load(str(path), mmap=False, show_progress=False), size)

    def doc_freq(self, token: str) -> int:
        col = self._retriever.vocab_dict.get(token)
        if col is None:
            return 0
        indptr = self._retriever.scores["indptr"]
        return int(indptr[col + 1] - indptr[col])

    def vocabulary(self) -> Iterator[tuple[str, int]]:
        freqs = np.diff(self._retriever.scores["indptr"]).tolist()
        for token, col in self._retriever.vocab_dict.items():
            if token:
                yield token, freqs[col]

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        known = [t for t in query_tokens if t in self._retriever.vocab_dict]
        if not known or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)

    def top(self, query_tokens: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
        return top_n(self.scores(query_tokens), n)


def top_n(scores: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    if scores.size == 0 or n <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    n = min(n, scores.size)
    idx = np.argpartition(-scores, n - 1)[:n]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    keep = scores[idx] > 0
    return idx[keep], scores[idx][keep]
