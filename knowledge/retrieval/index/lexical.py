"""BM25 indexes (bm25s) over pre-tokenised passages.

Two of them serve different typists: one over pyvi words for queries typed
with diacritics, one over accent-folded syllables for the many typed without.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import bm25s
import numpy as np
from bm25s.tokenization import Tokenized

# Lucene-style BM25; k1/b tuned on ALQAC 2022 (see scripts/alqac.py and README).
K1 = 1.2
B = 0.75


def lexical_text(title: str, passage: str) -> str:
    """What BM25 indexes: the title too, since passages rarely repeat the province or year."""
    return f"{title}\n{passage}" if title else passage


class LexicalIndex:
    def __init__(self, retriever: bm25s.BM25, size: int):
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, corpus_tokens: Iterable[list[str]]) -> LexicalIndex:
        """Index passages' tokens; a generator is read once and never held whole.

        bm25s would turn str tokens into lists of Python ints for the whole
        corpus at once (~36 bytes a token: ~1 GB per index at 100,000
        passages); here each passage becomes an int32 array (4 bytes a token)
        and bm25s reads int lists made one passage at a time. Measured with
        synthetic passages: build peak 661 -> 579 MB at 20,000 (random vectors).
        """
        vocab: dict[str, int] = {"": 0}  # an empty passage is the token "": bm25s must not drop its row
        rows = [
            np.fromiter((vocab.setdefault(t, len(vocab)) for t in (toks or ("",))), dtype=np.int32)
            for toks in corpus_tokens
        ]
        # scipy's CSC conversion needs ~26 bytes per nonzero at its peak, bm25s's
        # numpy one ~41 (int64 copies and an argsort): 23 M nonzeros at 100,000 passages.
        retriever = bm25s.BM25(k1=K1, b=B, csc_backend="scipy")
        retriever.index(Tokenized(ids=_IdLists(rows), vocab=vocab), show_progress=False)
        return cls(retriever, len(rows))

    def save(self, path: Path) -> None:
        self._retriever.save(str(path), show_progress=False)

    @classmethod
    def load(cls, path: Path, size: int) -> LexicalIndex:
        retriever = bm25s.BM25.load(str(path), mmap=False, show_progress=False)
        return cls(retriever, size)

    def doc_freq(self, token: str) -> int:
        """In how many passages the token occurs (0 when unknown)."""
        col = self._retriever.vocab_dict.get(token)
        if col is None:
            return 0
        indptr = self._retriever.scores["indptr"]
        return int(indptr[col + 1] - indptr[col])

    def vocabulary(self) -> Iterator[tuple[str, int]]:
        """(token, passages it occurs in) for every indexed token: what spelling correction knows."""
        freqs = np.diff(self._retriever.scores["indptr"]).tolist()
        for token, col in self._retriever.vocab_dict.items():
            if token:
                yield token, freqs[col]

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage (zeros when no query token is known)."""
        if not query_tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        known = [t for t in query_tokens if t in self._retriever.vocab_dict]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)

    def top(self, query_tokens: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
        """Row ids and scores of the n best passages with a positive score, best first."""
        return top_n(self.scores(query_tokens), n)


def top_n(scores: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    if scores.size == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    n = min(n, scores.size)
    idx = np.argpartition(-scores, n - 1)[:n]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    keep = scores[idx] > 0
    return idx[keep], scores[idx][keep]


class _IdLists(Sequence):
    """Each passage's token ids as the int list bm25s expects, made when it is read."""

    def __init__(self, rows: list[np.ndarray]):
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i):  # noqa: ANN001 - Sequence protocol
        return self._rows[i].tolist()

    def __iter__(self) -> Iterator[list[int]]:
        for row in self._rows:
            yield row.tolist()
