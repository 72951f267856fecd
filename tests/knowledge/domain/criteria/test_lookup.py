"""Criteria sets by period, and one criterion by number or name."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.domain.criteria import UnknownPeriod, all_sets, criteria_for, find_criterion, set_named_in

TODAY = dt.date(2026, 11, 24)
NAMES_318 = [
    "Quy hoạch", "Giao thông", "Thủy lợi và phòng, chống thiên tai", "Điện", "Trường học",
    "Cơ sở vật chất văn hóa", "Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông", "Nhà ở dân cư",
    "Thu nhập", "Nghèo đa chiều", "Lao động", "Tổ chức sản xuất và phát triển kinh tế nông thôn",
    "Giáo dục và Đào tạo", "Y tế", "Văn hóa", "Môi trường và an toàn thực phẩm",
    "Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và An ninh",
]
NAMES_51 = [
    "Quy hoạch", "Hạ tầng kinh tế - xã hội", "Phát triển kinh tế nông thôn", "Đào tạo nguồn nhân lực nông thôn",
    "Văn hóa, giáo dục, y tế", "Giảm nghèo và an sinh xã hội", "Khoa học công nghệ và chuyển đổi số",
    "Môi trường và cảnh quan nông thôn", "Xây dựng hệ thống chính trị và hành chính công",
    "Tiếp cận pháp luật và an ninh, quốc phòng",
]


def test_the_two_sets_as_the_issue_states_them():
    old, new = all_sets()
    assert (old.period, old.decision, [c.name for c in old.criteria]) == ("2021-2025", "Quyết định 318/QĐ-TTg",
                                                                          NAMES_318)
    assert [c.number for c in old.criteria] == list(range(1, 20))
    assert (new.period, new.decision, [c.name for c in new.criteria]) == ("2026-2030",
                                                                          "Quyết định 51/2025/QĐ-TTg", NAMES_51)
    assert new.signed == dt.date(2025, 12, 29) and new.in_force_from == dt.date(2026, 2, 15)
    assert new.indicator_count == 47 and [g.number for g in new.groups] == [1, 2, 3]


def test_current_set_depends_on_the_date():
    assert criteria_for(today=TODAY).period == "2026-2030"
    assert criteria_for(today=dt.date(2026, 2, 14)).period == "2021-2025"
    assert criteria_for(today=dt.date(2026, 2, 15)).period == "2026-2030"


@pytest.mark.parametrize("period, expected", [
    ("2021-2025", "2021-2025"), ("giai đoạn 2021 - 2025", "2021-2025"), ("318", "2021-2025"),
    ("theo QĐ 318/QĐ-TTg", "2021-2025"), (2023, "2021-2025"), ("51/2025/QĐ-TTg", "2026-2030"),
    ("2026-2030", "2026-2030"), ("năm 2027", "2026-2030"),
])
def test_period_selects_a_set(period, expected):
    assert criteria_for(period, today=TODAY).period == expected


def test_year_of_recognition_and_unknown_periods():
    assert criteria_for(year=2024).decision == "Quyết định 318/QĐ-TTg"
    with pytest.raises(UnknownPeriod):
        criteria_for(year=2015)
    with pytest.raises(UnknownPeriod):
        criteria_for("2016-2020")
    assert set_named_in("tiêu chí giao thông là gì") is None


@pytest.mark.parametrize("query, period, number, other_set", [
    ("tiêu chí 5", "2026-2030", 5, False),  # a bare question: the set in force
    ("tiêu chí số 5 theo 318", "2021-2025", 5, False),
    ("tieu chi 17", "2021-2025", 17, True),  # the current set has 10: found in 2021-2025, and said so
    ("môi trường", "2026-2030", 8, False),
    ("moi truong giai doan 2021-2025", "2021-2025", 17, False),
    ("giao thog", "2021-2025", 2, True),  # typo, and a name only the old set has
    ("chuyen doi so", "2026-2030", 7, False),
    ("thu nhập", "2021-2025", 10, True),
    ("an sinh xã hội", "2026-2030", 6, False),
    ("Y TẾ theo 318", "2021-2025", 15, False),
])
def test_find_criterion(query, period, number, other_set):
    match = find_criterion(query, today=TODAY)
    assert match is not None, query
    assert (match.criteria_set.period, match.criterion.number, match.other_set) == (period, number, other_set)


def test_nothing_found():
    assert find_criterion("abcdef", today=TODAY) is None
    assert find_criterion("tiêu chí 11 theo 51/2025", today=TODAY) is None
    assert find_criterion("", today=TODAY) is None
    assert find_criterion("2", "2021-2025", today=TODAY).criterion.name == "Giao thông"
