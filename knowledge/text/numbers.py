"""Parsing numbers the Vietnamese way: decimal comma, dot for thousands."""

from __future__ import annotations

import re

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


def format_number(value: int | float) -> str:
    """Vietnamese display of a computed number (never used for quotes)."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")
