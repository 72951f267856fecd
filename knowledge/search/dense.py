"""Dense vector index (faiss): exact inner product while small, HNSW when large.

Vectors are L2-normalised, so inner product is cosine. The switch point was
measured with `ntm bench` (see README): below it an exact scan is both exact
and fast enough on two cores; above it HNSW keeps query latency flat.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

EXACT_LIMIT = 20_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128

# One query at a time is fastest single-threaded; concurrency comes from callers.
faiss.omp_set_num_threads(1)


def build_dense(vectors: np.ndarray, exact_limit: int = EXACT_LIMIT) -> tuple[faiss.Index, dict]:
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape if vectors.ndim == 2 else (0, 0)
    if n <= exact_limit:
        index = faiss.IndexFlatIP(max(dim, 1))
        params = {"kind": "flat", "dim": dim}
    else:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        params = {"kind": "hnsw", "dim": dim, "M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION}
        faiss.omp_set_num_threads(0)  # building HNSW benefits from every core
    if n:
        index.add(vectors)
    faiss.omp_set_num_threads(1)
    return index, params


class DenseIndex:
    def __init__(self, index: faiss.Index):
        self._index = index
        if isinstance(index, faiss.IndexHNSW):
            index.hnsw.efSearch = HNSW_EF_SEARCH

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        return cls(faiss.read_index(str(path)))

    @staticmethod
    def save(index: faiss.Index, path: Path) -> None:
        faiss.write_index(index, str(path))

    @property
    def size(self) -> int:
        return self._index.ntotal

    def vector(self, row: int) -> np.ndarray:
        """The stored vector of one passage (flat and HNSW indexes both keep them)."""
        return np.asarray(self._index.reconstruct(int(row)), dtype=np.float32)

    def top(self, query_vector: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        if self.size == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        q = np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32)
        scores, ids = self._index.search(q, min(n, self.size))
        keep = ids[0] >= 0
        return ids[0][keep].astype(np.int64), scores[0][keep]
