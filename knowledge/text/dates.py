"""Dates the Vietnamese way: read in the forms documents and officials write, shown as dd/mm/yyyy.

Read: "12/01/2024", "1-2-2023", "05.03.2022", "12 / 5 / 2020" (typed in a
spreadsheet), "2024-01-12T13:08:00+07:00", "ngày 21 tháng 7 năm 2024",
"12 Tháng Một, 2024", "Tháng Bảy 21, 2024". Day comes before month, as
everywhere in Vietnamese; an impossible date is never guessed at.

Shown: dd/mm/yyyy (what officials write), times as dd/mm/yyyy HH:MM in
Vietnam's time zone, which is where every reader of the bot is.
"""

from __future__ import annotations

import datetime as dt
import re

from knowledge.text.normalize import fold

__all__ = ["MONTH_WORDS", "VIETNAM", "format_date", "format_datetime", "parse_date"]

#: Vietnam's time zone (UTC+7 all year: no daylight saving time).
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")

_MONTH_NUMBERS = {
    "mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
    "muoi": 10, "muoi mot": 11, "muoi hai": 12,
}
_MONTH_NAMES = "muoi mot|muoi hai|mot|hai|ba|tu|nam|sau|bay|tam|chin|muoi"  # "muoi mot" before "mot" and "muoi"
#: Folded month names ("tháng Một" .. "tháng Mười Hai") as one regex group, for folded text.
MONTH_WORDS = f"({_MONTH_NAMES})"

# On folded, space-collapsed text; the field names say how to read the groups.
_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<d>\d{1,2}) ?[/.-] ?(?P<m>\d{1,2}) ?[/.-] ?(?P<y>\d{4})(?!\d)"),
    re.compile(r"(?<!\d)(?P<d>\d{1,2}) thang (?P<m>\d{1,2}),? (?:nam )?(?P<y>\d{4})(?!\d)"),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}}) thang (?P<mw>{_MONTH_NAMES}),? (?P<y>\d{{4}})(?!\d)"),
    re.compile(rf"thang (?P<mw>{_MONTH_NAMES}) (?P<d>\d{{1,2}}),? (?P<y>\d{{4}})(?!\d)"),
]
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2}).*")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_date(text: str, years: range | None = None) -> dt.date | None:
    """The first date written in `text`, or None.

    Impossible dates ("31/02/2024", "12/13/2024") are skipped, and so are
    dates outside `years` when it is given (a document's date must be
    plausible: an invented one would be cited to users).
    """
    key = " ".join(fold(text).split())
    found: list[tuple[int, dt.date]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(key):
            parts = m.groupdict()
            month = _MONTH_NUMBERS[parts["mw"]] if parts.get("mw") else int(parts["m"])
            try:
                day = dt.date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                continue
            if years is None or day.year in years:
                found.append((m.start(), day))
    return min(found)[1] if found else None


def format_date(value: dt.date | str | None) -> str | None:
    """dd/mm/yyyy of a date or an ISO date string ("2024-01" -> "01/2024"); other strings unchanged."""
    if not value:
        return None
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    m = _ISO.fullmatch(value)
    if m:
        return f"{m.group(3)}/{m.group(2)}/{m.group(1)}"
    m = _ISO_MONTH.fullmatch(value)
    return f"{m.group(2)}/{m.group(1)}" if m else value


def format_datetime(at: dt.datetime) -> str:
    """dd/mm/yyyy HH:MM in Vietnam; a time without a zone is taken as UTC (as stored)."""
    at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
