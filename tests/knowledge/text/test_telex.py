"""Telex leftovers decode to the syllable meant; words, numbers, codes and English stay."""

from __future__ import annotations

import pytest

from knowledge.text.telex import decode


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("nhieeu", "nhiêu"),
        ("nhieuf", "nhiều"),
        ("ddaau", "đâu"),
        ("ddatj", "đạt"),
        ("xax", "xã"),
        ("chuaanr", "chuẩn"),
        ("huyeenj", "huyện"),
        ("mowis", "mới"),
        ("nawm", "năm"),
        ("nguowif", "người"),
        ("thuowngf", "thường"),
        ("hoas", "hóa"),  # traditional tone placement, as normalize() writes it
        ("quas", "quá"),
        ("gias", "giá"),
        ("kieeur", "kiểu"),
        ("maaux", "mẫu"),
        ("nhuw", "như"),
        ("Ddatj", "đạt"),
    ],
)
def test_telex_keys_become_marks(typed, meant):
    assert decode(typed) == meant


def test_a_doubled_vowel_alone_gives_at_least_the_folded_syllable():
    assert decode("xaa") == "xâ"  # "xâ" is no word, but folds to "xa" (xã)


@pytest.mark.parametrize(
    "token",
    ["thong", "nam", "xa", "nong", "ntm", "ubnd", "2024", "318/QĐ-TTg", "email", "telegram", "iphone",
     "facebook", "lopp", "nag", "x", "đạt", "nhiều"],
)
def test_words_numbers_codes_and_english_are_left_alone(token):
    assert decode(token) is None
