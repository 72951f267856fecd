"""Reciprocal rank fusion on hand-made rankings: exact scores, agreement, weights, ties, empty lists."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.retrieval.search.fusion import RRF_K, rrf


def ids(*rows: int) -> np.ndarray:
    return np.array(rows, dtype=np.int64)


def test_one_list_keeps_its_order_with_reciprocal_scores():
    fused = rrf([(ids(7, 3, 9), 1.0)], k=10)
    assert [row for row, _ in fused] == [7, 3, 9]
    assert [score for _, score in fused] == pytest.approx([1 / 11, 1 / 12, 1 / 13])


def test_default_k_is_rrf_k():
    assert rrf([(ids(4), 1.0)]) == [(4, pytest.approx(1 / (RRF_K + 1)))]


def test_rows_are_plain_ints():
    [(row, score)] = rrf([(ids(4), 1.0)])
    assert type(row) is int and type(score) is float


def test_a_row_both_lists_agree_on_beats_each_lists_own_first():
    dense, lexical = ids(1, 2, 3), ids(4, 5, 3)
    fused = rrf([(dense, 1.0), (lexical, 1.0)], k=60)
    assert fused[0] == (3, pytest.approx(2 / 63))
    assert {row for row, _ in fused} == {1, 2, 3, 4, 5}


def test_the_heavier_list_leads():
    dense, lexical = ids(1), ids(2)
    assert [row for row, _ in rrf([(dense, 2.0), (lexical, 1.0)])] == [1, 2]
    assert [row for row, _ in rrf([(dense, 1.0), (lexical, 2.0)])] == [2, 1]


def test_weight_scales_a_lists_contribution():
    [(_, single)] = rrf([(ids(5), 1.0)], k=0)
    [(_, tripled)] = rrf([(ids(5), 3.0)], k=0)
    assert single == pytest.approx(1.0) and tripled == pytest.approx(3.0)


@pytest.mark.parametrize("weight", [0.0, -1.0])
def test_a_list_without_positive_weight_is_left_out(weight):
    fused = rrf([(ids(1, 2), 1.0), (ids(9, 1), weight)], k=0)
    assert fused == [(1, pytest.approx(1.0)), (2, pytest.approx(0.5))]


def test_equal_scores_are_ordered_by_row_id():
    fused = rrf([(ids(8), 1.0), (ids(3), 1.0), (ids(5), 1.0)])
    assert [row for row, _ in fused] == [3, 5, 8]


def test_small_k_favours_one_lists_first_large_k_favours_agreement():
    # Row 1 leads one list; row 2 is second in one and third in the other.
    rankings = [(ids(1, 2), 1.0), (ids(3, 4, 2), 1.0)]
    assert rrf(rankings, k=0)[0] == (1, pytest.approx(1.0))  # 1/1 > 1/2 + 1/3
    assert rrf(rankings, k=60)[0] == (2, pytest.approx(1 / 62 + 1 / 63))  # > 1/61


@pytest.mark.parametrize("rankings", [[], [(ids(), 1.0)], [(ids(), 1.0), (ids(), 0.5)], [(ids(1, 2), 0.0)]])
def test_nothing_to_fuse(rankings):
    assert rrf(rankings) == []
