"""Numbers the Vietnamese way: decimal comma, dot for thousands.

Reading is ours: documents and officials write "62,2" and "1.234", but also
"62.2" (a decimal point, typed on an English keyboard), which a locale
parser would read as 622. Display uses babel's Vietnamese locale data.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_decimal

__all__ = ["format_number", "parse_number"]

_THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+")


def parse_number(text: str) -> int | float:
    """'05' -> 5, '62,2' -> 62.2, '1.234' -> 1234, '3.321,5' -> 3321.5, '62.2' -> 62.2."""
    s = text.strip()
    if _THOUSANDS_DOT.fullmatch(s):
        return int(s.replace(".", ""))
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".")
    else:
        s = s.replace(",", ".")
    if s.count(".") > 1:
        raise ValueError(f"not a number: {text!r}")
    value = float(s)
    return int(value) if value.is_integer() and "." not in s else value


def format_number(value: int | float, decimals: int | None = None) -> str:
    """Vietnamese display of a computed number (never used for quotes).

    By default a whole number is grouped by thousands ("1.234.567") and any
    other gets one decimal ("62,2"); with `decimals`, every number gets that
    many ("3,0 giây"). Fractions are not grouped ("1234,5"), as replies have
    always shown them. Rounding is Python's: of the float's exact value, ties
    to even.
    """
    if decimals is None:
        if isinstance(value, int) or float(value).is_integer():
            return format_decimal(int(value), format="#,##0", locale="vi")
        decimals = 1
    pattern = "0." + "0" * decimals if decimals else "0"
    # Decimal(value) is the float's exact value, so babel rounds as f"{value:.1f}" does.
    return format_decimal(Decimal(value), format=pattern, locale="vi")
