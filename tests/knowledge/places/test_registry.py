"""knowledge.places.registry: the 63 provinces before 1 July 2025, the 34 after, and the merger both ways."""

from __future__ import annotations

import pytest

from knowledge.places import districts, lookup, new_provinces, old_provinces, province


def test_63_old_and_34_new_provinces():
    old, new = old_provinces(), new_provinces()
    assert len(old) == 63 and len(new) == 34
    assert not any(p.is_current for p in old) and all(p.is_current for p in new)
    assert {p.key for p in new} <= {p.key for p in old}  # every current name is an old name too


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Hải Dương", "Thành phố Hải Phòng"), ("Long An", "Tây Ninh"), ("Bắc Giang", "Bắc Ninh"),
        ("Bình Dương", "Thành phố Hồ Chí Minh"), ("Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"),
        ("Quảng Nam", "Thành phố Đà Nẵng"), ("Kon Tum", "Quảng Ngãi"), ("Hà Giang", "Tuyên Quang"),
        ("Sóc Trăng", "Thành phố Cần Thơ"), ("Kiên Giang", "An Giang"),
    ],
)
def test_old_province_to_new(old, new):
    before = lookup(old)
    assert not before.is_current
    assert before.since_2025.name == new and before.since_2025.is_current
    assert before.merged_into is before.since_2025


@pytest.mark.parametrize(
    ("new", "olds"),
    [
        ("Thành phố Hồ Chí Minh", ["Bình Dương", "Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"]),
        ("Thành phố Hải Phòng", ["Hải Dương", "Thành phố Hải Phòng"]),
        ("Ninh Bình", ["Hà Nam", "Nam Định", "Ninh Bình"]),
        ("Phú Thọ", ["Hòa Bình", "Phú Thọ", "Vĩnh Phúc"]),
        ("Lâm Đồng", ["Bình Thuận", "Đắk Nông", "Lâm Đồng"]),
        ("Thành phố Hà Nội", ["Thành phố Hà Nội"]),
        ("Cao Bằng", ["Cao Bằng"]),
    ],
)
def test_new_province_to_old(new, olds):
    after = lookup(new)
    assert after.is_current
    assert [p.name for p in after.predecessors] == olds
    assert all(p.since_2025 == after for p in after.predecessors)


def test_unchanged_provinces_are_not_merged():
    old_hanoi = province("thanhphohanoi", current=False)
    assert old_hanoi.since_2025 == province("thanhphohanoi", current=True)
    assert old_hanoi.merged_into is None
    assert lookup("Hà Nội").since_2025 is lookup("Hà Nội")  # a current province is its own


def test_every_old_province_lands_in_one_new_one():
    landed = {p.since_2025.key for p in old_provinces()}
    assert landed == {p.key for p in new_provinces()}
    assert sum(len(p.predecessors) for p in new_provinces()) == 63


def test_spellings_per_use():
    hcm = lookup("TPHCM")
    assert (hcm.official, hcm.name, hcm.short, hcm.display) == (
        "Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Hồ Chí Minh", "TP. Hồ Chí Minh")
    hd = lookup("Hải Dương")
    assert (hd.official, hd.name, hd.short, hd.display) == ("Tỉnh Hải Dương", "Hải Dương", "Hải Dương", "Hải Dương")
    assert hcm.is_city and not hd.is_city


def test_hue_before_and_after_its_rename():
    # "Thành phố Huế" since January 2025; target tables keep "Thừa Thiên Huế" for the old unit
    old = lookup("Thừa Thiên Huế")
    assert not old.is_current and old.name == "Thành phố Huế" and old.display == "Thừa Thiên Huế"
    assert old.merged_into == lookup("TP Huế") and lookup("TP Huế").display == "Huế"


def test_districts_before_the_reform():
    all_districts = districts()
    assert len(all_districts) == 696
    tan_yen = [d for d in all_districts if d.name == "Huyện Tân Yên"]
    assert [d.province.name for d in tan_yen] == ["Bắc Giang"]
    assert all(not d.province.is_current for d in all_districts)


def test_successors_agree_with_the_package_converter():
    from vietnamadminunits import convert_address

    for p in old_provinces():
        assert convert_address(p.official).province == p.since_2025.official
