"""Diacritics restored on a question typed without them, as the documents write its syllables."""

from __future__ import annotations

from knowledge.retrieval.index.lexical import LexicalIndex
from knowledge.retrieval.search.accents import candidate_forms, restore
from knowledge.retrieval.search.vocabulary import Vocabulary
from knowledge.text.tokens import folded_tokens, word_tokens

TEXTS = [
    "Bắc Giang có thêm 05 xã đạt chuẩn nông thôn mới kiểu mẫu.",
    "Xã vùng xa, xa trung tâm, xa nhất tỉnh.",
    "Xã đạt chuẩn nông thôn mới nâng cao; xã nông thôn mới kiểu mẫu.",
]
VOCABULARY = Vocabulary(LexicalIndex.build(folded_tokens(t, bigrams=True) for t in TEXTS),
                        LexicalIndex.build(word_tokens(t, bigrams=True) for t in TEXTS))


def test_pairs_decide_between_forms_of_one_folded_syllable():
    assert restore("bac giang xa dat chuan nong thon moi", VOCABULARY) == "bắc giang xã đạt chuẩn nông thôn mới"
    assert restore("vung xa", VOCABULARY) == "vùng xa"


def test_question_words_take_their_question_forms():
    assert restore("co bao nhieu xa kieu mau", VOCABULARY) == "có bao nhiêu xã kiểu mẫu"
    assert candidate_forms("nhieu", VOCABULARY) == {"nhiêu": 1}


def test_numbers_codes_unknown_syllables_and_capitals():
    assert restore("Bac Giang 2024 318/QĐ-TTg xyz", VOCABULARY) == "Bắc Giang 2024 318/QĐ-TTg xyz"
    assert restore("", VOCABULARY) == ""
