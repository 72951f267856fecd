"""Dense vector index (faiss): an exact scan up to a quarter million passages, HNSW above.

Vectors are L2-normalised, so inner product is cosine. Measured at 102,140
synthetic passages (`ntm bench`, then `scripts/bench_scale.py`; one query, one
thread, top 50):

| index | p50 | recall@10 vs exact |
|---|---|---|
| flat fp32 | 12.4 ms | 1.000 |
| flat fp16 (scalar quantizer) | 8.3 ms | 1.000 |
| flat 8-bit | 4.9 ms | 0.971 |
| HNSW M32, efSearch 128 / 512 / 2048 | 0.7 / 1.9 / 7.7 ms | 0.38 / 0.65 / 0.88 |

e5 embeddings of one topic sit close together (rank 1 and rank 10 differ by
0.006 cosine there), which is where graph search loses most. So small indexes
scan fp32 vectors, larger ones fp16 (exact to fp16 precision, half the
memory), and only beyond EXACT_LIMIT, where a scan costs more than ~20 ms,
HNSW takes over: measure its recall on your data with scripts/bench_scale.py.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

FP32_LIMIT = 20_000
EXACT_LIMIT = 250_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128

# One query at a time is fastest single-threaded; concurrency comes from callers.
faiss.omp_set_num_threads(1)


def build_dense(
    vectors: np.ndarray, fp32_limit: int = FP32_LIMIT, exact_limit: int = EXACT_LIMIT
) -> tuple[faiss.Index, dict]:
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape if vectors.ndim == 2 else (0, 0)
    if n <= min(fp32_limit, exact_limit):
        index = faiss.IndexFlatIP(max(dim, 1))
        params = {"kind": "flat", "dim": dim}
    elif n <= exact_limit:
        index = faiss.IndexScalarQuantizer(dim, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT)
        params = {"kind": "flat", "storage": "fp16", "dim": dim}
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
