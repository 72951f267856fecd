"""knowledge.text.dates: Vietnamese date forms read, dd/mm/yyyy shown, Vietnam's time zone."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.text.dates import VIETNAM, format_date, format_datetime, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/01/2024", dt.date(2024, 1, 12)),
        ("1-2-2023", dt.date(2023, 2, 1)),
        ("05.03.2022", dt.date(2022, 3, 5)),
        ("12 / 5 / 2020", dt.date(2020, 5, 12)),
        ("2024-01-12T13:08:00+07:00", dt.date(2024, 1, 12)),
        ("ngày 21 tháng 7 năm 2024", dt.date(2024, 7, 21)),
        ("Long An, ngày 11 tháng 5, 2021", dt.date(2021, 5, 11)),
        ("12 Tháng Một, 2024", dt.date(2024, 1, 12)),
        ("Tháng Mười Hai 3, 2023", dt.date(2023, 12, 3)),
        ("Tháng Bảy 21, 2024", dt.date(2024, 7, 21)),
        ("123/QĐ-UBND ngày 12/5/2020", dt.date(2020, 5, 12)),
        ("không có ngày", None),
        ("2021-2025", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_the_first_written_date_wins_and_impossible_ones_are_skipped():
    assert parse_date("Cập nhật 31/02/2024, đăng 2024-03-01, sửa 05/03/2024") == dt.date(2024, 3, 1)
    assert parse_date("12/13/2024") is None
    assert parse_date("1234/05/2020") is None  # not a day


def test_years_outside_the_range_are_skipped():
    assert parse_date("01/01/1800") == dt.date(1800, 1, 1)
    assert parse_date("01/01/1800 hoặc 02/02/2020", years=range(1945, 2030)) == dt.date(2020, 2, 2)
    assert parse_date("01/01/1800", years=range(1945, 2030)) is None


def test_format_date():
    assert format_date(dt.date(2025, 7, 1)) == "01/07/2025"
    assert format_date(dt.datetime(2023, 12, 1, 8, 30)) == "01/12/2023"
    assert format_date("2024-01-12") == "12/01/2024"
    assert format_date("2024-01-12T13:08:00") == "12/01/2024"
    assert format_date("2024-01") == "01/2024"
    assert format_date("tháng 5") == "tháng 5"
    assert format_date(None) is None and format_date("") is None


def test_format_datetime_is_in_vietnam_time():
    assert VIETNAM.utcoffset(None) == dt.timedelta(hours=7)
    assert format_datetime(dt.datetime(2024, 1, 12, 20, 5)) == "13/01/2024 03:05"  # naive = UTC
    assert format_datetime(dt.datetime(2024, 1, 12, 20, 5, tzinfo=VIETNAM)) == "12/01/2024 20:05"
