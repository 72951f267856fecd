"""knowledge.text.numbers: decimal comma and thousands dot, read and shown."""

from __future__ import annotations

import random

import pytest

from knowledge.text.numbers import format_number, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [("05", 5), ("62,2", 62.2), ("1.234", 1234), ("3.321,5", 3321.5), ("62.2", 62.2), (" 1.000.000 ", 1_000_000)],
)
def test_parse_number(text, expected):
    value = parse_number(text)
    assert value == expected and type(value) is type(expected)


def test_parse_number_refuses_what_is_not_one():
    with pytest.raises(ValueError):
        parse_number("1.2.3,4,5")


def test_whole_numbers_are_grouped_by_thousands():
    assert format_number(5) == "5"
    assert format_number(1234) == "1.234"
    assert format_number(1_234_567) == "1.234.567"
    assert format_number(-1200) == "-1.200"
    assert format_number(3.0) == "3"


def test_other_numbers_get_one_decimal_after_a_comma():
    assert format_number(62.2) == "62,2"
    assert format_number(0.05) == "0,1"
    assert format_number(3321.5) == "3321,5"


def test_fixed_decimals():
    assert format_number(3.0, decimals=1) == "3,0"
    assert format_number(12.345, decimals=2) == "12,35"
    assert format_number(2.5, decimals=0) == "2"


def test_rounding_is_the_same_as_python_formatting():
    rng = random.Random(7)
    for _ in range(2000):
        value = rng.choice([rng.uniform(-5000, 5000), rng.randint(0, 400) / 40, round(rng.uniform(0, 100), 2)])
        assert format_number(value, decimals=1) == f"{value:.1f}".replace(".", ",")
