"""Date stamps: a line that only states when a page or document is dated.

Metadata takes the publication date from such a line near the top; cleaning
drops it wherever it is.
"""

from __future__ import annotations

import re

from indexer.clean.fold import fold_line
from knowledge.text.dates import MONTH_WORDS

_WEEKDAY = (
    r"(thu (hai|ba|tu|nam|sau|bay|2|3|4|5|6|7)|chu nhat|cn|t[2-7])"
)
_DATE = (
    r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2}"
    r"|(ngay )?\d{1,2} thang \d{1,2},? (nam )?\d{4}"
    rf"|\d{{1,2}} thang {MONTH_WORDS},? \d{{4}}|thang {MONTH_WORDS} \d{{1,2}},? \d{{4}})"
)
_TIME = r"(\d{1,2}[:h]\d{2}( ?(am|pm|sa|ch))?( ?\(?gmt ?[+-] ?\d+\)?)?)"
# A line that is only a date stamp: "Thứ sáu, 12/01/2024 13:08",
# "Cập nhật lúc 08:00 ngày 12/01/2024", "11/05/2021 | Nguyễn Thị Anh Nhung".
_DATELINE_RE = re.compile(
    rf"((cap nhat|ngay dang|ngay cap nhat|dang (luc|ngay)|ngay xuat ban|thoi gian dang|published|posted|"
    rf"updated)( (luc|ngay|on))? ?:? ?)?"
    rf"({_WEEKDAY}\W*)?(ngay )?({_TIME}\W*)?(ngay )?{_DATE}(\W*(luc )?{_TIME})?"
    rf"( ?[|•·-] ?[^|•·\d.,;:!?]{{0,50}})?"  # "| Nguyễn Thị Anh Nhung": an author, not a sentence
)

# "Long An, ngày 11 tháng 5 năm 2021": the date line of a state document or letter.
_PLACE_DATE_RE = re.compile(r"[^\W\d][\w .-]{1,40}, ngay \d{1,2} thang \d{1,2} nam \d{4}\.?")


def is_dateline(line: str) -> bool:
    """A line that only states when the page or document is dated (and maybe by whom)."""
    if len(line) > 200:
        return False
    key = fold_line(line)
    return bool(_DATELINE_RE.fullmatch(key) or _PLACE_DATE_RE.fullmatch(key))
