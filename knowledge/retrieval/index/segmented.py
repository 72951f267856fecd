"""Several index segments searched as one: a base and the small segments that uploads add.

Rows are numbered across segments (row r of segment i is `offsets[i] + r`). A row is dead when
its document was changed or removed after its segment was written (the manifest says which
segment holds each document now): dead rows never come out of a search and count in no
statistic, so BM25 sees the passage count, average length and document frequencies of the
live passages only, and a passage scores exactly as in one index built over them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

import numpy as np

from knowledge.retrieval.index.dense import DenseIndex
from knowledge.retrieval.index.lexical import K1, B, LegacyLexical, LexicalIndex, bm25_idf, top_n

Live = np.ndarray | None  # per segment: a bool per row, or None when every row is live


def _offsets(sizes: Sequence[int]) -> list[int]:
    out = [0]
    for n in sizes:
        out.append(out[-1] + n)
    return out


def _dead(live: Live) -> int:
    return 0 if live is None else int(live.size - np.count_nonzero(live))


class SegmentedLexical:
    def __init__(self, segments: Sequence[LexicalIndex | LegacyLexical], lives: Sequence[Live]):
        if any(isinstance(s, LegacyLexical) for s in segments) and (len(segments) != 1 or lives[0] is not None):
            raise ValueError("an index saved by bm25s has no term counts to combine with other segments")
        self._segments = list(segments)
        self._lives = list(lives)
        self._offsets = _offsets([s.size for s in segments])
        self.rows = self._offsets[-1]
        self.live = self.rows - sum(_dead(v) for v in lives)  # N of BM25
        self._norms: list[np.ndarray] = []
        if segments and not isinstance(segments[0], LegacyLexical):
            length = sum(float(s.lengths.sum() if v is None else s.lengths[v].sum()) for s, v in zip(
                segments, lives, strict=True))
            avgdl = length / self.live if self.live else 1.0
            self._norms = [(K1 * ((1 - B) + B * s.lengths / avgdl)).astype(np.float32) for s in segments]

    @property
    def size(self) -> int:
        """Rows of a score vector (dead ones included, always scored 0)."""
        return self.rows

    def _legacy(self) -> LegacyLexical | None:
        return self._segments[0] if self._segments and isinstance(self._segments[0], LegacyLexical) else None

    def doc_freq(self, token: str) -> int:
        """Live passages holding the token (0 when unknown)."""
        if (legacy := self._legacy()) is not None:
            return legacy.doc_freq(token)
        total = 0
        for seg, live in zip(self._segments, self._lives, strict=True):
            col = seg.column(token)
            if col is not None:
                total += len(col[0]) if live is None else int(np.count_nonzero(live[col[0]]))
        return total

    def vocabulary(self) -> Iterator[tuple[str, int]]:
        """(token, live passages holding it) for every token some live passage holds."""
        if (legacy := self._legacy()) is not None:
            yield from legacy.vocabulary()
            return
        if len(self._segments) == 1:
            seg = self._segments[0]
            freqs = seg.doc_freqs(self._lives[0]).tolist()
            for token, col in seg.vocab.items():
                if token and freqs[col]:
                    yield token, freqs[col]
            return
        merged: dict[str, int] = {}
        for seg, live in zip(self._segments, self._lives, strict=True):
            freqs = seg.doc_freqs(live).tolist()
            for token, col in seg.vocab.items():
                if token and freqs[col]:
                    merged[token] = merged.get(token, 0) + freqs[col]
        yield from merged.items()

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every row (zeros for dead rows and when no query token is known)."""
        if (legacy := self._legacy()) is not None:
            return legacy.scores(query_tokens)
        out = np.zeros(self.rows, dtype=np.float32)
        for token in query_tokens:  # a repeated query token counts again, as in bm25s
            cols = [seg.column(token) for seg in self._segments]
            df = sum(len(c[0]) if live is None else int(np.count_nonzero(live[c[0]]))
                     for c, live in zip(cols, self._lives, strict=True) if c is not None)
            if not df:
                continue
            idf = np.float32(bm25_idf(df, self.live))
            for i, col in enumerate(cols):
                if col is None:
                    continue
                rows, tfs = col
                tf = tfs.astype(np.float32)
                out[self._offsets[i] + rows] += idf * tf / (tf + self._norms[i][rows])
        for i, live in enumerate(self._lives):
            if live is not None:
                out[self._offsets[i]: self._offsets[i + 1]][~live] = 0
        return out

    def top(self, query_tokens: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
        """Row ids and scores of the n best live rows with a positive score, best first."""
        return top_n(self.scores(query_tokens), n)


class SegmentedDense:
    def __init__(self, segments: Sequence[DenseIndex], lives: Sequence[Live]):
        self._segments = list(segments)
        self._lives = list(lives)
        self._offsets = _offsets([s.size for s in segments])
        self.size = self._offsets[-1]

    def vector(self, row: int) -> np.ndarray:
        i = bisect.bisect_right(self._offsets, row) - 1
        return self._segments[i].vector(row - self._offsets[i])

    def top(self, query_vector: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The n live rows of highest cosine over every segment; each segment is asked for as many
        more as it has dead rows, so dead ones never crowd live ones out."""
        ids, scores = [], []
        for i, (seg, live) in enumerate(zip(self._segments, self._lives, strict=True)):
            rows, sims = seg.top(query_vector, n + _dead(live))
            if live is not None:
                keep = live[rows]
                rows, sims = rows[keep], sims[keep]
            ids.append(rows + self._offsets[i])
            scores.append(sims)
        if not ids:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        all_ids, all_scores = np.concatenate(ids), np.concatenate(scores)
        order = np.argsort(-all_scores, kind="stable")[:n]
        return all_ids[order], all_scores[order]
