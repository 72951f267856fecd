"""LexicalIndex: the memory-lean build must score exactly as bm25s's own str-token build."""

from __future__ import annotations

import bm25s
import numpy as np
import pytest

from knowledge.retrieval.index.lexical import K1, B, LexicalIndex
from knowledge.text.tokens import folded_tokens, word_tokens

TEXTS = [
    "Tỉnh Long An có 94/151 xã đạt chuẩn nông thôn mới, chiếm 62,2%.",
    "Kế hoạch 1416/KH-UBND về xây dựng nông thôn mới nâng cao năm 2024.",
    "",
    "Xã Tân Lập đạt chuẩn nông thôn mới kiểu mẫu theo Quyết định 318/QĐ-TTg.",
    "Thu nhập bình quân đầu người đạt 54 triệu đồng mỗi năm ở khu vực nông thôn.",
]


def _reference(corpus: list[list[str]]) -> bm25s.BM25:
    ref = bm25s.BM25(k1=K1, b=B)
    ref.index([toks or [""] for toks in corpus], show_progress=False)
    return ref


@pytest.mark.parametrize("tokenize", [folded_tokens, word_tokens])
def test_build_from_a_generator_scores_as_bm25s_does(tokenize, tmp_path):
    corpus = [tokenize(t, bigrams=True) for t in TEXTS]
    ours = LexicalIndex.build(tokenize(t, bigrams=True) for t in TEXTS)
    ref = _reference(corpus)
    assert ours.size == len(TEXTS)
    ours.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex", len(TEXTS))
    for query in (corpus[0][:4], corpus[1][2:6], corpus[3], tokenize("nông thôn mới", bigrams=True)):
        expected = np.asarray(ref.get_scores([t for t in query if t in ref.vocab_dict]), dtype=np.float32)
        np.testing.assert_allclose(ours.scores(query), expected, rtol=1e-6)
        np.testing.assert_allclose(loaded.scores(query), expected, rtol=1e-6)


def test_empty_passage_keeps_its_row_and_unknown_tokens_score_zero():
    index = LexicalIndex.build([folded_tokens(t, bigrams=True) for t in TEXTS])
    scores = index.scores(folded_tokens("nong thon moi"))
    assert scores.shape == (len(TEXTS),)
    assert scores[2] == 0 and scores[0] > 0
    assert not index.scores(["khongcotrongchimuc"]).any()
    rows, _ = index.top(folded_tokens("94/151 xa"), 3)
    assert rows[0] == 0
    assert index.doc_freq("nong") == 4 and index.doc_freq("khongcotrongchimuc") == 0


def test_doc_freqs_count_only_live_rows():
    index = LexicalIndex.build([folded_tokens(t, bigrams=True) for t in TEXTS])
    live = np.array([True, False, True, True, False])
    freqs = index.doc_freqs(live)
    for token, col in index.vocab.items():
        rows, _ = index.column(token)
        assert freqs[col] == int(live[rows].sum())
    assert (index.doc_freqs(None) == np.diff(index.indptr)).all()
