"""Reciprocal rank fusion of several ranked lists, with per-list weights."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

RRF_K = 60


def rrf(rankings: Sequence[tuple[np.ndarray, float]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Fuse (row ids best-first, weight) lists into (row id, fused score) best-first.

    RRF needs no score calibration across BM25 and cosine, which live on
    unrelated scales; the weights let the query's form pick which list leads.
    """
    fused: dict[int, float] = {}
    for ids, weight in rankings:
        if weight <= 0:
            continue
        for rank, row in enumerate(ids.tolist()):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank + 1)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))
