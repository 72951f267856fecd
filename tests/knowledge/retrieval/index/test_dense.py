"""Dense index tiers: exact fp32, exact fp16, HNSW; each saved, loaded and searched."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.retrieval.index.dense import DenseIndex, build_dense


def _clustered(n: int, dim: int = 64, seed: int = 3) -> np.ndarray:
    """Unit vectors around one direction, as e5 embeddings of one topic are."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, dim)).astype(np.float32) * 0.3 + 1.0
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.mark.parametrize("n, kind, storage", [(300, "flat", None), (900, "flat", "fp16"), (1500, "hnsw", None)])
def test_tiers_by_size(tmp_path, n, kind, storage):
    vectors = _clustered(n)
    index, info = build_dense(vectors, fp32_limit=500, exact_limit=1000)
    assert info["kind"] == kind and info.get("storage") == storage and info["dim"] == 64
    DenseIndex.save(index, tmp_path / "dense.faiss")
    dense = DenseIndex.load(tmp_path / "dense.faiss")
    assert dense.size == n
    np.testing.assert_allclose(dense.vector(7), vectors[7], atol=1e-3)
    queries = _clustered(20, seed=9)
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    found = [dense.top(q, 10)[0] for q in queries]
    recall = np.mean([len(set(f) & set(e)) / 10 for f, e in zip(found, exact, strict=True)])
    if kind == "flat":  # exact tiers: the true top 10 (fp16 may swap near-ties inside it)
        assert recall >= (1.0 if storage is None else 0.95)
    else:
        assert recall > 0.5
    ids, scores = dense.top(queries[0], 5)
    assert len(ids) == 5 and np.all(np.diff(scores) <= 1e-6)


def test_empty_index_searches_to_nothing():
    index, info = build_dense(np.zeros((0, 16), dtype=np.float32))
    dense = DenseIndex(index)
    assert info["kind"] == "flat" and dense.size == 0
    ids, scores = dense.top(np.ones(16, dtype=np.float32), 5)
    assert ids.size == 0 and scores.size == 0
