"""knowledge.places.matching: the province a field or a question names, however it is typed."""

from __future__ import annotations

import pytest

from knowledge.places import find_in_query, lookup, match, resolve


@pytest.mark.parametrize(
    ("typed", "display"),
    [
        ("TP.HCM", "TP. Hồ Chí Minh"), ("TPHCM", "TP. Hồ Chí Minh"), ("tp hcm", "TP. Hồ Chí Minh"),
        ("Sài Gòn", "TP. Hồ Chí Minh"), ("saigon", "TP. Hồ Chí Minh"), ("HCM", "TP. Hồ Chí Minh"),
        ("Hồ Chí Minh", "TP. Hồ Chí Minh"), ("thành phố hồ chí minh", "TP. Hồ Chí Minh"),
        ("Huế", "Huế"), ("thanh pho hue", "Huế"), ("Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("thua thien hue", "Thừa Thiên Huế"), ("BR-VT", "Bà Rịa - Vũng Tàu"), ("brvt", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"), ("Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Đăk Lăk", "Đắk Lắk"), ("daklak", "Đắk Lắk"), ("Khánh Hoà", "Khánh Hòa"),
    ],
)
def test_aliases(typed, display):
    assert lookup(typed).display == display
    assert match(typed).display == display


@pytest.mark.parametrize(
    ("typed", "name"),
    [("hai duong", "Hải Dương"), ("HAI DUONG", "Hải Dương"), ("tinh long an", "Long An"),
     ("Tỉnh Long An", "Long An"), ("ha noi", "Thành phố Hà Nội"), ("hanoi", "Thành phố Hà Nội"),
     ("dong thap", "Đồng Tháp"), ("TP. Cần Thơ", "Thành phố Cần Thơ")],
)
def test_without_diacritics_or_case(typed, name):
    assert lookup(typed).name == name


def test_lookup_is_for_a_whole_field():
    assert lookup("Atlantis") is None
    assert lookup("Hải Dương mới") is None  # the field must be a province, not mention one
    assert match("Hải Dương mới").name == "Hải Dương"


def test_question_names_a_province():
    assert match("Năm 2025 hai duong phấn đấu có thêm bao nhiêu xã?").name == "Hải Dương"
    assert match("xã kiểu mẫu ở TP.HCM năm 2025").display == "TP. Hồ Chí Minh"
    assert match("bao nhiêu xã đạt chuẩn?") is None


def test_two_letter_shorthands_are_not_read_in_questions():
    assert match("HN có bao nhiêu xã") is None
    assert match("SG 2025") is None


def test_spans_cover_the_unit_word():
    text = "còn tỉnh Long An thì sao?"
    (found,) = find_in_query(text)
    assert text[found.start:found.end] == "tỉnh Long An"
    assert text[found.name_start:found.end] == "Long An"
    assert found.province.name == "Long An"


def test_the_longest_name_wins():
    assert match("Hà Nam và Hồ Chí Minh").display == "TP. Hồ Chí Minh"


@pytest.mark.parametrize(("typo", "name"), [("hai duog", "Hải Dương"), ("long ann", "Long An"),
                                             ("tỉnh bac giag", "Bắc Giang"), ("kien gang", "Kiên Giang")])
def test_one_typo_is_forgiven(typo, name):
    assert match(typo) is None
    assert resolve(typo).name == name


def test_no_guess_from_a_short_or_distant_word():
    assert resolve("giá lúa?") is None
    assert resolve("hd") is None
    assert resolve("Atlantis") is None
