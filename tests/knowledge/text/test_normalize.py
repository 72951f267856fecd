import unicodedata

import pytest

from knowledge.text import fold, normalize
from knowledge.text.normalize import has_diacritics


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize(
    "text",
    ["Nông thôn mới", "Bắc Giang đạt chuẩn", "Ủy ban nhân dân", "xã kiểu mẫu", "Đắk Lắk"],
)
def test_nfd_input_comes_out_nfc(text):
    assert normalize(nfd(text)) == text
    assert unicodedata.is_normalized("NFC", normalize(nfd(text)))


@pytest.mark.parametrize(
    ("new_style", "traditional"),
    [
        ("hoà", "hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("thuỷ lợi", "thủy lợi"),
        ("Thuỷ", "Thủy"),
        ("khoẻ", "khỏe"),
        ("văn hoá", "văn hóa"),
        ("hoà.", "hòa."),
    ],
)
def test_tone_placement_is_traditional(new_style, traditional):
    assert normalize(new_style) == traditional
    assert normalize(nfd(new_style)) == traditional
    assert normalize(traditional) == traditional


@pytest.mark.parametrize("word", ["quý", "Quý", "quỳ", "hoạch", "hoàng", "thuyền", "tuyệt", "khuya", "chuyện"])
def test_closed_syllables_and_qu_keep_their_tone_mark(word):
    # "qu" + y carries the tone on y in both conventions; a closed syllable
    # (hoạch, hoàng) has only one spelling.
    assert normalize(word) == word
    assert normalize(nfd(word)) == word


def test_tone_with_vowel_mark_is_not_moved():
    # NFD puts the dot below before the breve; the breve must still count as part of the syllable.
    for word in ("hoặc", "Hoặc", "HOẶC", "hoằng", "khoắt"):
        assert normalize(word) == word


def test_control_and_zero_width_characters_are_removed():
    assert normalize("nông\u200bthôn\x00 mới\ufeff") == "nôngthôn mới"
    assert normalize("dòng 1\ndòng 2\tcột") == "dòng 1\ndòng 2\tcột"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đạt chuẩn", "dat chuan"),
        ("đường ĐT 741", "duong dt 741"),
        ("NÔNG THÔN MỚI", "nong thon moi"),
        ("Bắc Giang", "bac giang"),
        ("hoà", "hoa"),
        ("hòa", "hoa"),
        ("thuỷ", "thuy"),
        ("quý", "quy"),
        ("62,2%", "62,2%"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded
    assert fold(nfd(text)) == folded


def test_fold_maps_d_with_stroke_by_hand():
    # NFD does not decompose đ/Đ: without the explicit mapping they would survive folding.
    assert unicodedata.normalize("NFD", "đ") == "đ"
    assert fold("Đđ") == "dd"


def test_uppercase_and_lowercase_fold_alike():
    assert fold("XÃ NÔNG THÔN MỚI KIỂU MẪU") == fold("xã nông thôn mới kiểu mẫu") == "xa nong thon moi kieu mau"
    assert normalize("HOÀ BÌNH") == "HÒA BÌNH"


def test_has_diacritics():
    assert has_diacritics("xã")
    assert has_diacritics("Đ")
    assert not has_diacritics("bac giang 2024 them bao nhieu xa")
    assert not has_diacritics("")


def test_empty_and_idempotent():
    assert normalize("") == "" and fold("") == ""
    text = "Thuỷ lợi, hoà bình, quý 2"
    assert normalize(normalize(text)) == normalize(text)
    assert fold(fold(text)) == fold(text)
