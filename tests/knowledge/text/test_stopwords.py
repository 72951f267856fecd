"""knowledge.text.stopwords: one vocabulary, a named subset per use."""

from __future__ import annotations

from knowledge.text.normalize import fold
from knowledge.text.stopwords import FOCUSLESS, FOLLOWUP_FILLER, QUESTION_WORDS, TOPICLESS


def test_every_word_is_folded():
    for word in QUESTION_WORDS | TOPICLESS | FOLLOWUP_FILLER | FOCUSLESS:
        assert word == fold(word) and " " not in word


def test_the_relevance_gate_keeps_pronouns_that_are_also_names():
    # chỉ tiêu, Hồ Chí Minh: folded, they are "chi", "minh"
    assert not {"chi", "minh", "ban", "anh", "toi"} & QUESTION_WORDS
    assert {"bao", "nhieu", "the", "nao", "gi", "khong", "chua"} <= QUESTION_WORDS


def test_the_answer_matcher_drops_forms_of_address_and_chat_words():
    assert {"anh", "chi", "toi", "oi", "xin", "hoi", "bao", "nhieu"} <= TOPICLESS
    assert not {"xa", "huyen", "ntm", "dat", "chuan"} & TOPICLESS


def test_followup_filler_covers_the_words_around_a_year_or_province():
    assert {"con", "thi", "sao", "nam", "tinh", "thanh", "pho", "tp"} <= FOLLOWUP_FILLER
    assert not {"xa", "kieu", "mau"} & FOLLOWUP_FILLER


def test_the_focus_keeps_words_that_fold_from_content():
    # tiêu chí, bình quân đầu người, dưới: folded, they are "chi", "dau", "duoi"
    assert not {"chi", "minh", "dau", "duoi", "toi"} & FOCUSLESS
    assert {"bao", "nhieu", "con", "oi", "phai", "theo"} <= FOCUSLESS
