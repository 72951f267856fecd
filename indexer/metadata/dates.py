"""The publication date of an article.

A date is only taken from the dateline position (a line that is nothing but
a date stamp near the top, or a labelled "Ngày đăng: ..."); dates inside
sentences belong to decrees and plans, not to the article. When none is
found the date is None: an invented date would be cited to users.
"""

from __future__ import annotations

import datetime as dt
import re

from indexer.clean import fold_line, is_content, is_dateline, paragraphs
from knowledge.text.dates import parse_date

_DATE_LABEL_RE = re.compile(
    r"(ngay dang|ngay dang tai|dang ngay|ngay xuat ban|ngay ban hanh|ngay cap nhat|cap nhat|thoi gian dang|"
    r"published|posted on|date)\s*:?\s*.*\d{4}.*"
)


def find_date(raw: str) -> str | None:
    """Publication date in the dateline position, as yyyy-mm-dd, or None."""
    paras = [p.text for p in paragraphs(raw)]
    for text in paras[:20]:
        if len(text.split()) >= 25 and is_content(text):
            break  # the body has started; later dates are not datelines
        if is_dateline(text):
            found = document_date(text)
            if found:
                return found
    for text in paras:
        if len(text.split()) <= 14 and _DATE_LABEL_RE.fullmatch(fold_line(text)):
            found = document_date(text)
            if found:
                return found
    return None


def document_date(text: str) -> str | None:
    """The first plausible date written in `text` (years 1945..next year), as yyyy-mm-dd."""
    found = parse_date(text, years=range(1945, dt.date.today().year + 2))
    return found.isoformat() if found else None
