"""Spelling correction against a small index built here, and through the real engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.application.evaluation import evaluate, load_cases
from knowledge.retrieval.index.lexical import LexicalIndex
from knowledge.retrieval.search.spelling import Speller
from knowledge.retrieval.search.vocabulary import Vocabulary
from knowledge.text import fold, normalize
from knowledge.text.tokens import folded_tokens, word_tokens

EVAL = Path(__file__).resolve().parents[4] / "knowledge" / "eval"
TEXTS = [
    "Bắc Giang phấn đấu có thêm 05 xã đạt chuẩn nông thôn mới kiểu mẫu năm 2024.",
    "Tỷ lệ hộ nghèo giảm còn 1,8%; thu nhập bình quân khu vực nông thôn đạt 54 triệu đồng.",
    "Xây dựng xã nông thôn mới nâng cao, nâng cao chất lượng văn hóa và giao thông nông thôn.",
    "Tỷ lệ người dân tham gia bảo hiểm y tế đạt 99,32%, thống nhất với kế hoạch.",
    "Hải Dương phát triển mô hình thôn, xóm sáng - xanh - sạch - đẹp, thôn kiểu mẫu.",
    "Quyết định 318/QĐ-TTg ban hành bộ tiêu chí xã nông thôn mới nâng cao.",
]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    folded = LexicalIndex.build(folded_tokens(t, bigrams=True) for t in TEXTS)
    words = LexicalIndex.build(word_tokens(t, bigrams=True) for t in TEXTS)
    return Vocabulary(folded, words)


@pytest.fixture(scope="module")
def speller(vocabulary) -> Speller:
    return Speller(vocabulary, places=frozenset)


def corrected(speller: Speller, question: str) -> str:
    return speller.correct(normalize(question)).text


def corrected_bare(speller: Speller, question: str) -> str:
    """A question typed without diacritics, corrected, as folded syllables (diacritics are restored too)."""
    return fold(corrected(speller, question))


def test_telex_leftovers(speller):
    fast = "bao nhieeu xaa ddatj chuaanr nong thon moi"
    assert corrected_bare(speller, fast) == "bao nhieu xa dat chuan nong thon moi"
    assert corrected(speller, "Bao nhiêu xã đạt chuẩn nông thôn mowis?") == "Bao nhiêu xã đạt chuẩn nông thôn mới?"


def test_dropped_and_doubled_letters(speller):
    assert corrected_bare(speller, "xa ntm nag cao") == "xa ntm nang cao"
    assert corrected_bare(speller, "dat chuann nong thon moi") == "dat chuan nong thon moi"
    assert corrected_bare(speller, "ty le ho nghoe") == "ty le ho ngheo"  # a transposition is one edit


def test_a_word_for_another_word_when_the_pair_says_so(speller):
    assert corrected_bare(speller, "nong thong moi") == "nong thon moi"
    assert corrected(speller, "Xã đạt chuẩn nông thông mới") == "Xã đạt chuẩn nông thôn mới"
    assert corrected_bare(speller, "them 5 xa kieu may") == "them 5 xa kieu mau"


def test_wrong_or_missing_tone_marks(speller):
    assert corrected(speller, "xã nông thôn mới kiểu mẩu") == "xã nông thôn mới kiểu mẫu"
    assert corrected(speller, "tỷ lệ ngừoi dân tham gia bảo hiểm y tê") == "tỷ lệ người dân tham gia bảo hiểm y tế"
    assert corrected(speller, "thu nhâp bình quân") == "thu nhập bình quân"


def test_a_word_changes_only_by_a_slip_of_the_finger():
    """Documents that say "nghị quyết tỉnh" everywhere and never "quyết định" must not turn one into the other."""
    texts = ["Nghị quyết tỉnh ủy về nông thôn mới.", "Thực hiện nghị quyết tỉnh ủy.", "Nghị quyết tỉnh ủy năm 2024.",
             "Quy định mới."]
    vocab = Vocabulary(LexicalIndex.build(folded_tokens(t, bigrams=True) for t in texts),
                       LexicalIndex.build(word_tokens(t, bigrams=True) for t in texts))
    speller = Speller(vocab, places=frozenset)
    assert speller.correct("nghị quyết định").changes == ()  # d and t are not neighbouring keys
    assert speller.correct("nghi quyet tinh uy").changes == ()
    assert corrected_bare(speller, "nghi quyet tinh yu") == "nghi quyet tinh uy"  # a transposition


@pytest.mark.parametrize(
    "question",
    [
        "Bắc Giang có bao nhiêu xã đạt chuẩn nông thôn mới kiểu mẫu năm 2024?",
        "bac giang co bao nhieu xa dat chuan nong thon moi kieu mau",
        "Quyết định 318/QĐ-TTg ban hành bộ tiêu chí nào?",
        "quyet dinh 318/qd-ttg",
        "NTM UBND HTX BHYT tỷ lệ 1,8% năm 2024",
        "gửi email cho tôi",
        "nâng cao chất lượng cao nhất",  # "cao nhất" is not in the documents, yet a real phrase
        "giá vàng hôm nay",
        "gia vang hom nay",
    ],
)
def test_right_questions_numbers_codes_and_unknown_words_stay(speller, question):
    assert speller.correct(normalize(question)).changes == ()


def test_questions_typed_without_diacritics_get_them_back(speller):
    result = speller.correct("bac giang xa dat chuan nong thon moi kieu mau nam 2024")
    assert result.text == "bắc giang xã đạt chuẩn nông thôn mới kiểu mẫu năm 2024" and result.restored
    assert not speller.correct("Xã đạt chuẩn").restored


def test_place_names_are_never_corrected(vocabulary):
    assert corrected_bare(Speller(vocabulary, places=frozenset), "xa nong thong") == "xa nong thon"
    guarded = Speller(vocabulary, places=lambda: frozenset({("nong", "thong")}))
    assert corrected_bare(guarded, "xa nong thong") == "xa nong thong"


def test_corrections_are_cached_and_report_what_changed(speller):
    first = speller.correct("nong thong moi")
    assert speller.correct("nong thong moi") is first
    assert first.changes == (("thong", "thon"),)


@pytest.mark.slow
def test_typed_fast_questions_find_what_careful_ones_find(engine):
    careful = engine.search("Bắc Giang năm 2024 thêm bao nhiêu xã đạt chuẩn NTM kiểu mẫu", k=1)
    for fast in ("bac giang 2024 theem bao nhieeu xaa ntm kieeu maaux",
                 "Bắc Giang năm 2024 thêm bao nhiêu xã NTM kiểu mẩu"):
        hits = engine.search(fast, k=1)
        assert hits and hits[0].passage_id == careful[0].passage_id


@pytest.mark.slow
def test_typos_set_passes(engine):
    results = evaluate(engine, load_cases(EVAL / "typos.jsonl"))
    assert not [(r.case.id, r.case.question, r.note) for r in results if not r.passed]
