"""knowledge.places.mentions: provinces named in running text, as proper nouns."""

from __future__ import annotations

import unicodedata

from knowledge.places import count_mentions, find_mentions, most_mentioned


def _names(text: str) -> list[str]:
    return [m.province.name for m in find_mentions(text)]


def test_case_matters_in_running_text():
    assert _names("Tỉnh Hòa Bình giữ vững hòa bình") == ["Hòa Bình"]
    assert _names("bình định giá đất") == []
    assert _names("HẢI DƯƠNG PHẤN ĐẤU") == ["Hải Dương"]
    assert _names("Hai Duong phan dau") == ["Hải Dương"]  # a text typed without diacritics


def test_longer_names_that_are_not_provinces():
    assert _names("các huyện Đồng Tháp Mười; ĐỒNG THÁP MƯỜI; Thái Bình Dương; Thai Binh Duong") == []
    assert _names("tỉnh Đồng Tháp và Thái Bình, Bình Dương") == ["Đồng Tháp", "Thái Bình", "Bình Dương"]


def test_the_person_is_not_the_city():
    assert _names("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh") == []
    assert _names("thành phố Hồ Chí Minh, TP. Hồ Chí Minh, TP.HCM, TPHCM, Sài Gòn") == ["Thành phố Hồ Chí Minh"] * 5


def test_not_inside_other_words():
    assert _names("Thanhuytphcm.vn đưa tin; Bacgiang.gov.vn") == []


def test_aliases_in_text():
    assert _names("BR-VT, Vũng Tàu; Đăk Lăk; Thừa Thiên - Huế") == [
        "Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", "Đắk Lắk", "Thành phố Huế"]


def test_offsets_point_into_the_text_as_given():
    text = unicodedata.normalize("NFD", "Ủy ban tỉnh Hải Dương\x01 và TP. Hồ Chí Minh")
    assert [text[m.start:m.end] for m in find_mentions(text)] == [
        unicodedata.normalize("NFD", "Hải Dương"), unicodedata.normalize("NFD", "TP. Hồ Chí Minh")]
    plain = "Ủy ban tỉnh Hải Dương và TP.HCM"
    assert [plain[m.start:m.end] for m in find_mentions(plain)] == ["Hải Dương", "TP.HCM"]


def test_counts_and_ranking():
    text = "Long An và Hải Dương. Hải Dương phấn đấu; TPHCM, TP.HCM."
    assert count_mentions(text) == {"Hải Dương": 2, "Thành phố Hồ Chí Minh": 2, "Long An": 1}
    assert [p.display for p in most_mentioned(text)] == ["Hải Dương", "TP. Hồ Chí Minh", "Long An"]
