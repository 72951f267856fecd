"""The publication date of an article.

A date is only taken from the dateline position (a line that is nothing but
a date stamp near the top, or a labelled "Ngày đăng: ..."); dates inside
sentences belong to decrees and plans, not to the article. When none is
found the date is None: an invented date would be cited to users.
"""

from __future__ import annotations

import datetime as dt
import re

from indexer.clean import MONTH_WORDS, fold_line, is_content, is_dateline, paragraphs

_DATE_LABEL_RE = re.compile(
    r"(ngay dang|ngay dang tai|dang ngay|ngay xuat ban|ngay ban hanh|ngay cap nhat|cap nhat|thoi gian dang|"
    r"published|posted on|date)\s*:?\s*.*\d{4}.*"
)
_MONTHS = {
    "mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
    "muoi": 10, "muoi mot": 11, "muoi hai": 12,
}


def find_date(raw: str) -> str | None:
    """Publication date in the dateline position, as yyyy-mm-dd, or None."""
    paras = [p.text for p in paragraphs(raw)]
    for text in paras[:20]:
        if len(text.split()) >= 25 and is_content(text):
            break  # the body has started; later dates are not datelines
        if is_dateline(text):
            found = parse_date(text)
            if found:
                return found
    for text in paras:
        if len(text.split()) <= 14 and _DATE_LABEL_RE.fullmatch(fold_line(text)):
            found = parse_date(text)
            if found:
                return found
    return None


def parse_date(text: str) -> str | None:
    """First date written in `text` (Vietnamese or ISO forms) as yyyy-mm-dd.

    Day comes before month, as everywhere in Vietnamese; impossible dates
    and years outside 1945..next year give None rather than a guess.
    """
    key = fold_line(text)
    patterns = [
        (r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", ("y", "m", "d")),
        (r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)", ("d", "m", "y")),
        (r"(?<!\d)(\d{1,2}) thang (\d{1,2}),? (?:nam )?(\d{4})(?!\d)", ("d", "m", "y")),
        (rf"(?<!\d)(\d{{1,2}}) thang {MONTH_WORDS},? (\d{{4}})(?!\d)", ("d", "mw", "y")),
        (rf"thang {MONTH_WORDS} (\d{{1,2}}),? (\d{{4}})(?!\d)", ("mw", "d", "y")),
    ]
    found: list[tuple[int, str]] = []
    for pattern, order in patterns:
        for match in re.finditer(pattern, key):
            parts = dict(zip(order, match.groups(), strict=True))
            month = _MONTHS[parts["mw"]] if "mw" in parts else int(parts["m"])
            iso = _valid_date(int(parts["y"]), month, int(parts["d"]))
            if iso:
                found.append((match.start(), iso))
    return min(found)[1] if found else None


def _valid_date(year: int, month: int, day: int) -> str | None:
    if not 1945 <= year <= dt.date.today().year + 1:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
