import json
import subprocess
import sys
import unicodedata

import pytest

from knowledge.text import fold
from knowledge.text.tokens import folded_tokens, folded_words, word_tokens
from tests.auxil import paths

CORPUS = {p.stem: p.read_text(encoding="utf-8") for p in paths.CORPUS.glob("*.txt")}
DEV = [json.loads(line) for line in (paths.EVAL / "dev.jsonl").read_text().splitlines() if line]
QUESTION_WORDS = {"bao", "nhieu", "nao", "gi", "the"}


def test_word_tokens_are_lowercase_pyvi_words_without_punctuation():
    assert word_tokens("Bắc Giang có thêm 05 xã đạt chuẩn nông thôn mới (NTM).") == [
        "bắc_giang",
        "có",
        "thêm",
        "5",
        "xã",
        "đạt",
        "chuẩn",
        "nông_thôn",
        "mới",
        "ntm",
    ]


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Công văn số 6425/UBND-VHXH ngày", "6425/ubnd-vhxh"),
        ("theo Quyết định 318/QĐ-TTg", "318/qđ-ttg"),
        ("Nghị định 122/2018/NĐ-CP", "122/2018/nđ-cp"),
        ("ngày 22/10/2020 của UBND", "22/10/2020"),
        ("ngày 12/01/2024", "12/1/2024"),
        ("đạt 62,2% dân số", "62,2%"),
        ("đạt 82 % dân số", "82%"),
        ("là 94/151 xã", "94/151"),
        ("giai đoạn 2021 – 2025", "2021-2025"),
        ("lúc 13:08 hôm qua", "13:08"),
        ("các xã TP.HCM", "tphcm"),
        ("hỗ trợ 1.000.000 đồng", "1.000.000"),
    ],
)
def test_word_tokens_keep_protected_spans_whole(text, token):
    assert token in word_tokens(text)


def test_folded_tokens_are_folded_syllables():
    assert folded_tokens("Bắc Giang: 05 xã đạt chuẩn NTM kiểu mẫu!") == [
        "bac",
        "giang",
        "5",
        "xa",
        "dat",
        "chuan",
        "ntm",
        "kieu",
        "mau",
    ]


def test_folded_protected_spans_come_whole_then_in_parts():
    tokens = folded_tokens("công văn số 6425/UBND-VHXH ngày 22/10/2020 đạt 62,2% (94/151)")
    for token in ("6425/ubnd-vhxh", "6425", "ubnd", "vhxh", "22/10/2020", "2020", "62,2%", "62,2", "94/151", "151"):
        assert token in tokens
    assert "cong" in tokens and "," not in tokens


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("bac giang 2024 them 5 xa ntm kieu mau", "Bắc Giang 2024 thêm 05 xã NTM kiểu mẫu"),
        ("ty le ho ngheo 1,8%", "Tỷ lệ hộ nghèo 1,8 %"),
        ("cong van 6425/ubnd-vhxh ngay 22/10/2020", "Công văn 6425/UBND-VHXH ngày 22/10/2020"),
        ("quyet dinh 318/qd-ttg", "Quyết định 318/QĐ-TTg"),
        ("nghi dinh 122/2018/nd-cp", "Nghị định 122/2018/NĐ–CP"),
        ("HOA BINH THUY LOI", "hoà bình thuỷ lợi"),
        ("tp hcm giai doan 2021-2025", "TP HCM giai đoạn 2021 – 2025"),
    ],
)
def test_query_without_diacritics_matches_the_written_text(typed, written):
    assert folded_tokens(typed) == folded_tokens(written)
    assert folded_tokens(typed, bigrams=True) == folded_tokens(written, bigrams=True)


@pytest.mark.parametrize("question", [q for q in DEV if q["kind"] == "nodiac"], ids=lambda q: q["id"])
def test_dev_questions_without_diacritics_find_their_words_in_the_corpus(question):
    """Every content syllable of a question typed without accents occurs in the
    folded text of the document holding the answer."""
    expected = question["expect"][0]
    content = {t for t in folded_tokens(question["q"]) if t not in QUESTION_WORDS}
    missing = min(
        (content - set(folded_tokens(text)) for text in CORPUS.values() if expected in text),
        key=len,
    )
    # d07 paraphrases ("muc tieu ty le"); the rest is in the article verbatim.
    assert missing <= ({"muc", "tieu", "ty", "le"} if question["id"] == "d07" else set())


def test_the_bac_giang_answer_matches_token_for_token():
    answer = "05 xã đạt chuẩn xã NTM kiểu mẫu"
    assert answer in CORPUS["bac-giang-ntm-2024"]
    query = folded_tokens("bac giang 2024 them bao nhieu xa ntm kieu mau")
    assert {"bac", "giang", "2024", "them", "xa", "ntm", "kieu", "mau"} <= set(query)
    assert {"5", "xa", "ntm", "kieu", "mau"} <= set(folded_tokens(answer))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05 xã", "5"),
        ("0 xã", "0"),
        ("007", "7"),
        ("12/01/2024", "12/1/2024"),
        ("62,05%", "62,05%"),
        ("1.000", "1.000"),
        ("10", "10"),
        ("QC01", "qc01"),
    ],
)
def test_leading_zeros(text, expected):
    assert word_tokens(text)[0] == expected
    assert folded_tokens(text)[0] == fold(expected)


def test_index_and_query_analysis_agree():
    passage = CORPUS["long-an-xa-van-hoa-ntm-nang-cao"]
    index_words, index_folded = set(word_tokens(passage)), set(folded_tokens(passage))
    question = "Công văn số 6425/UBND-VHXH của UBND tỉnh Long An ban hành ngày nào?"
    assert {"6425/ubnd-vhxh", "ubnd", "ban_hành"} <= set(word_tokens(question)) & index_words
    assert {"6425/ubnd-vhxh", "6425", "long", "an"} <= set(folded_tokens(question)) & index_folded


def test_unicode_forms_and_tone_placement_do_not_matter():
    nfd = unicodedata.normalize("NFD", "Hoà Bình thuỷ lợi")
    assert word_tokens(nfd) == word_tokens("Hòa Bình thủy lợi")
    assert folded_tokens(nfd) == folded_tokens("hoa binh thuy loi")


def test_bigrams_pair_neighbours_within_a_clause():
    assert folded_tokens("xã kiểu mẫu, nông thôn", bigrams=True) == [
        "xa",
        "kieu",
        "mau",
        "nong",
        "thon",
        "xa_kieu",
        "kieu_mau",
        "nong_thon",
    ]
    words = word_tokens("xã kiểu mẫu, nông thôn mới", bigrams=True)
    assert "xã+kiểu_mẫu" in words and "nông_thôn+mới" in words and "kiểu_mẫu+nông_thôn" not in words


@pytest.mark.parametrize("text", ["", "   ", "\n", "👍😀", "!!! ... ???", "—", "\u200b"])
def test_nothing_to_index(text):
    assert word_tokens(text) == [] and folded_tokens(text) == []


def test_long_and_odd_input():
    text = ("Xã đạt chuẩn 👍 318/QĐ-TTg 62,2%; " * 200)[:5000]
    assert word_tokens(text).count("318/qđ-ttg") == folded_tokens(text).count("318/qd-ttg") >= 100
    assert folded_tokens("a" * 5000) == ["a" * 5000]


@pytest.mark.slow  # a fresh interpreter
def test_folded_tokens_do_not_load_pyvi():
    code = (
        "import sys; from knowledge.text.tokens import folded_tokens;"
        "assert folded_tokens('Bắc Giang 05 xã') == ['bac', 'giang', '5', 'xa'];"
        "assert 'pyvi' not in sys.modules, 'pyvi imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=paths.REPO)


def test_folded_words_are_plain_word_runs_not_index_tokens():
    text = "Đạt 05 xã theo 6425/UBND-VHXH, 62,2%!"
    assert folded_words(text) == ["dat", "05", "xa", "theo", "6425", "ubnd", "vhxh", "62", "2"]
    assert folded_tokens(text) != folded_words(text)  # the index keeps spans whole and drops leading zeros
