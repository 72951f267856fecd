"""The relevance gate on hand-made questions and passages: no model, no index.

With diacritics: a very close dense match alone, or enough IDF-weighted coverage of the question's
words plus one adjacent pair and a fair cosine. Without diacritics: coverage and pairs alone.
"""

from __future__ import annotations

import math

import pytest

from knowledge.retrieval.search.relevance import (
    MIN_BARE_COVERAGE,
    MIN_BARE_COVERAGE_ONE_PAIR,
    MIN_COSINE_ALONE,
    MIN_COSINE_WITH_WORDS,
    MIN_COVERAGE,
    Evidence,
    bm25_idf,
    content,
    judge,
    syllables,
    weighted_coverage,
)

QUESTION = "Hải Dương có bao nhiêu xã nông thôn mới?"
# The question's words as pyvi gives them (the engine passes its ranking's words).
QUESTION_WORDS = ["hải_dương", "có", "bao_nhiêu", "xã", "nông_thôn", "mới", "?"]
PASSAGE = Evidence.of(
    "Hải Dương có thêm 29 xã đạt chuẩn nông thôn mới nâng cao",
    ["hải_dương", "có", "thêm", "29", "xã", "đạt", "chuẩn", "nông_thôn", "mới", "nâng_cao"],
)


def accented(evidence: Evidence, cosine: float, best: float | None = None, **idf):
    return judge(QUESTION_WORDS, QUESTION, evidence, cosine, cosine if best is None else best, **idf)


def evidence(words=(), folded=(), pairs=()) -> Evidence:
    return Evidence(frozenset(words), frozenset(folded), frozenset(pairs))


# ------------------------------------------------------------------ parts
def test_syllables_keep_numbers_codes_and_percentages_whole():
    assert syllables("Xã đạt 62,2% theo 318/QĐ-TTg.") == ["xã", "đạt", "62,2%", "theo", "318/qđ-ttg"]


def test_evidence_holds_folded_syllables_and_their_adjacent_pairs():
    ev = Evidence.of("Xã Đạt chuẩn", ["xã", "đạt_chuẩn"])
    assert ev.words == {"xã", "đạt_chuẩn"}
    assert ev.folded == {"xa", "dat", "chuan"}
    assert ev.folded_pairs == {"xa dat", "dat chuan"}


def test_content_drops_question_words_single_letters_bigrams_and_repeats():
    tokens = ["bao_nhiêu", "xã", "có", "nông_thôn", "a", "nông+thôn", "xã", "?", "làm_sao"]
    assert content(tokens) == ["xã", "nông_thôn"]
    assert content(QUESTION_WORDS) == ["hải_dương", "xã", "nông_thôn", "mới"]


def test_weighted_coverage_counts_rare_words_more():
    words = ["hải_dương", "xã"]
    present = frozenset({"xã"})
    assert weighted_coverage(words, present, lambda t: 1.0) == 0.5
    assert weighted_coverage(words, present, {"hải_dương": 3.0, "xã": 1.0}.get) == 0.25
    assert weighted_coverage([], present, lambda t: 1.0) == 0.0
    assert weighted_coverage(words, present, lambda t: 0.0) == 0.0


def test_bm25_idf_is_positive_and_larger_for_rarer_words():
    assert bm25_idf(1, 10) == pytest.approx(math.log(1 + 9.5 / 1.5))
    assert bm25_idf(1, 10) > bm25_idf(5, 10) > bm25_idf(10, 10) > 0


# ------------------------------------------------------------------ with diacritics
def test_covered_words_a_pair_and_a_fair_cosine_are_relevant():
    verdict = accented(PASSAGE, cosine=0.82)
    assert verdict.relevant
    assert verdict.coverage == 1.0 and verdict.cosine == 0.82
    assert verdict.pairs == 3  # "hai duong", "nong thon", "thon moi"; not "xa nong"


def test_words_without_a_fair_cosine_are_not_enough():
    assert not accented(PASSAGE, cosine=0.79).relevant


def test_a_very_close_dense_match_is_relevant_on_its_own():
    unrelated = evidence(words={"thời_tiết"}, folded={"thoi", "tiet"})
    assert accented(unrelated, cosine=0.5, best=MIN_COSINE_ALONE).relevant
    assert not accented(unrelated, cosine=0.5, best=0.859).relevant


def test_same_words_in_other_pairs_are_not_relevant():
    # "giảm cân" is not "giảm nghèo ... cân đối": the words are there, no adjacent pair is.
    question = "Làm sao để giảm cân nhanh?"
    words = ["làm_sao", "để", "giảm", "cân", "nhanh", "?"]
    passage = Evidence.of("Huyện giảm nghèo nhanh và cân đối ngân sách",
                          ["huyện", "giảm", "nghèo", "nhanh", "và", "cân", "đối", "ngân_sách"])
    verdict = judge(words, question, passage, 0.84, 0.84)
    assert verdict.coverage == 1.0 and verdict.pairs == 0 and not verdict.relevant


def test_thresholds_are_inclusive():
    # Half the question's weight present, one pair found, the cosine exactly at the bar.
    ev = evidence(words={"hải_dương", "xã"}, pairs={"hai duong"})
    idf = {"hải_dương": 1.0, "xã": 1.0, "nông_thôn": 1.0, "mới": 1.0}.get
    verdict = accented(ev, cosine=MIN_COSINE_WITH_WORDS, idf_words=idf)
    assert verdict.coverage == MIN_COVERAGE and verdict.pairs == 1 and verdict.relevant
    assert not accented(ev, cosine=MIN_COSINE_WITH_WORDS - 0.001, idf_words=idf).relevant


def test_a_missing_rare_word_weighs_more_than_a_common_one():
    ev = evidence(words={"xã", "nông_thôn", "mới"}, pairs={"nong thon"})
    common = {"hải_dương": 1.0, "xã": 1.0, "nông_thôn": 1.0, "mới": 1.0}
    rare = {**common, "hải_dương": 4.0}
    assert accented(ev, cosine=0.85, idf_words=common.get).relevant  # 3/4
    assert not accented(ev, cosine=0.85, idf_words=rare.get).relevant  # 3/7


def test_reported_cosine_is_never_negative_and_coverage_is_rounded():
    ev = evidence(words={"xã"})
    verdict = judge(["xã", "nông_thôn", "mới"], QUESTION, ev, -0.3, -0.3)
    assert verdict.cosine == 0.0 and verdict.coverage == 0.3333 and not verdict.relevant


# ------------------------------------------------------------------ without diacritics
BARE = "hai duong co bao nhieu xa nong thon moi"


def test_without_diacritics_coverage_and_pairs_decide():
    verdict = judge(None, BARE, PASSAGE, 0.1, 0.1)
    assert verdict.relevant and verdict.coverage == 1.0 and verdict.pairs == 3


def test_without_diacritics_cosine_decides_nothing():
    unrelated = evidence(folded={"thoi", "tiet"})
    assert not judge(None, BARE, unrelated, 0.99, 0.99).relevant


@pytest.mark.parametrize("folded, pairs, relevant", [
    ({"lua", "gao", "ca"}, {"lua gao"}, False),            # 3/5 = 0.6 with one pair
    ({"lua", "gao", "ca"}, {"lua gao", "gao ca"}, True),   # 0.6 with two pairs
    ({"lua", "gao", "ca", "phe"}, {"lua gao"}, True),      # 4/5 = 0.8 with one pair
    ({"lua", "gao"}, {"lua gao", "ca phe"}, False),        # 0.4 whatever the pairs
    ({"lua", "gao", "ca", "phe", "che"}, set(), False),    # everything, but no pair
])
def test_without_diacritics_more_pairs_need_less_coverage(folded, pairs, relevant):
    assert MIN_BARE_COVERAGE <= 0.6 < MIN_BARE_COVERAGE_ONE_PAIR <= 0.8  # what the cases stand between
    verdict = judge(None, "lua gao ca phe che", evidence(folded=folded, pairs=pairs), 0.0, 0.0)
    assert verdict.relevant is relevant


def test_question_words_never_make_a_pair():
    ev = evidence(folded={"xa"}, pairs={"bao nhieu", "nhieu xa"})
    verdict = judge(None, "bao nhieu xa", ev, 0.0, 0.0)
    assert verdict.pairs == 0 and verdict.coverage == 1.0 and not verdict.relevant
