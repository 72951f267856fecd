"""What an index knows for spelling: folded syllables and pairs with passage counts, accented forms."""

from __future__ import annotations

from knowledge.retrieval.index.lexical import LexicalIndex
from knowledge.retrieval.search.vocabulary import Vocabulary
from knowledge.text.tokens import folded_tokens, word_tokens

TEXTS = [
    "Bắc Giang có thêm 05 xã đạt chuẩn nông thôn mới kiểu mẫu.",
    "Thu nhập khu vực nông thôn đạt 54 triệu đồng; 1416/KH-UBND.",
    "Hải Dương phát triển mô hình thôn, xóm kiểu mẫu.",
]


def vocabulary() -> Vocabulary:
    return Vocabulary(LexicalIndex.build(folded_tokens(t, bigrams=True) for t in TEXTS),
                      LexicalIndex.build(word_tokens(t, bigrams=True) for t in TEXTS))


def test_folded_syllables_and_pairs_with_passage_counts():
    v = vocabulary()
    assert v.count("thon") == 3 and v.count("khongco") == 0
    assert v.pair_count("nong", "thon") == 2 and v.pair_count("thon", "nong") == 0
    assert "thon" in v.syllables and "5" not in v.syllables and "1416/kh-ubnd" not in v.syllables


def test_accented_forms_and_pairs_from_the_word_index():
    v = vocabulary()
    assert v.accented_forms("thon") == {"thôn": 3}  # "nông_thôn" in 2 passages, "thôn" in 1
    assert v.accented_forms("dat") == {"đạt": 2}
    assert v.accented_pair_count("kiểu", "mẫu") == 2  # the word "kiểu_mẫu"
    assert v.accented_pair_count("đạt", "chuẩn") == 1  # the words "đạt" + "chuẩn"
    assert v.accented_forms("khongco") == {}
