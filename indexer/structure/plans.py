"""Numbered sections of plans and reports: "I." > "1." > "1.1." > "a)", and unnumbered subheadings.

Why: a provincial plan (Kế hoạch 1416/KH-UBND) has no articles; officials
point to its sections ("mục II.1", "điểm a"). A roman numeral opens the
outermost section, an arabic one the next, then "1.1." and "a)". A
document with none of these may still have short subheadings (news
articles: "Về nhiệm vụ cụ thể"): those name the passages under them.
"""

from __future__ import annotations

import re

from indexer.structure.legal import APPENDIX_RE
from indexer.structure.model import Marker

__all__ = ["heading_markers", "section_markers"]

_LEVELS = (
    ("roman", re.compile(r"(?P<label>[IVXLC]{1,7})[.)]\s+\S"), 1),
    ("arabic", re.compile(r"(?P<label>\d{1,2})[.)]\s+\S"), 2),
    ("dotted", re.compile(r"(?P<label>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?\s+\S"), 3),
    ("letter", re.compile(r"(?P<label>[a-zđ])\)\s+\S"), 4),
)
_MAX_HEADING = 120
_MAX_SUBHEADING_WORDS = 10  # "Về nhiệm vụ cụ thể"; a photo caption is a longer line without a stop
_FINAL = ".!?…;,:"


def section_markers(text: str, paragraphs: list[tuple[int, int]]) -> list[Marker]:
    """Numbered sections (and appendices) in order."""
    found: list[Marker] = []
    for start, end in paragraphs:
        line = text[start:end]
        if (m := APPENDIX_RE.match(line)) and end - start <= _MAX_HEADING * 2:
            found.append(Marker("phu_luc", (m.group("label") or "").upper(), 0, start, end))
            continue
        for kind, rx, level in _LEVELS:
            if (m := rx.match(line)):
                found.append(Marker(kind, m.group("label"), level, start, end))
                break
    return found


def heading_markers(text: str, paragraphs: list[tuple[int, int]]) -> list[Marker]:
    """Short unnumbered subheadings (2-10 words, no final punctuation, not a table row) after the first line."""
    found = []
    for start, end in paragraphs[1:]:
        line = text[start:end]
        if len(line) <= _MAX_HEADING and "\n" not in line and " | " not in line and line[-1] not in _FINAL \
                and 2 <= len(line.split()) <= _MAX_SUBHEADING_WORDS:
            found.append(Marker("heading", "", 1, start, end))
    return found
