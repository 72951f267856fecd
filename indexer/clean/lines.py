"""The shape of one line or paragraph: list item, finished sentence, article prose."""

from __future__ import annotations

import re

_LIST_MARKER_RE = re.compile(
    r"^([-–—+•*▪●○◦·]\s|\d{1,3}[.)]\s|[a-zđ][.)]\s|[IVXLC]{1,6}[.)]\s|(Điều|Khoản|Mục|Bước) \d+)"
)
# "85/KH-UBND", "122/2018/NĐ-CP": a state document number.
DOC_NUMBER_RE = re.compile(r"\b\d+(/\d{4})?/[A-ZĐ][A-ZĐ0-9-]*\b")
_TERMINAL = ".!?…:;"
_CLOSERS = "\"'”’»)]"
# "(Thanhuytphcm.vn) - " or "TTO - " opening the lead paragraph.
LEAD_MARKER_RE = re.compile(
    r"^(\((?P<paren>[^()]{2,40})\)|(?P<bare>[A-ZĐ][\w.]{1,24}(\.vn|\.VN|\.com|\.net|O)))\s*[-–—]+\s+"
)


def is_list_item(line: str) -> bool:
    return bool(_LIST_MARKER_RE.match(line))


def ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def is_content(line: str) -> bool:
    """A paragraph that reads as article prose, a list item or a table row of it."""
    words = len(line.split())
    if is_list_item(line):
        return words >= 3
    if " | " in line and (words >= 6 or re.search(r"\d", line)):
        return True  # a table row (readers join cells with " | ")
    return words >= 10 or (words >= 3 and ends_sentence(line))
