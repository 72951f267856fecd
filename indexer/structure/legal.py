"""Headings of Vietnamese legal documents: Phần, Chương, Mục, Điều, khoản "1.", điểm "a)", Phụ lục.

Why these rules: laws, decrees and circulars (Nghị định 30/2020/NĐ-CP) are
cited by article, clause and point ("điểm a khoản 2 Điều 31"); an official
must be able to find the rule again. A khoản ("1.") and a điểm ("a)") are
headings only inside an article: outside one the same markers number the
sections of a plan (see `plans`). "Phụ lục" opens an appendix (usually a
table of criteria) wherever it stands.
"""

from __future__ import annotations

import re

from indexer.structure.model import Marker

__all__ = ["ARTICLE_RE", "is_structural_heading", "markers"]

_ROMAN = r"[IVXLC]{1,7}"
_ORDINAL = r"(?i:thứ\s+\w+)"  # "PHẦN THỨ NHẤT", "Phần thứ hai" (not "PHẦN MỀM")
PART_RE = re.compile(rf"(?i:phần)\s+(?P<label>{_ROMAN}|\d{{1,2}}|{_ORDINAL})\b(?![,;])", re.UNICODE)
CHAPTER_RE = re.compile(rf"(?i:chương)\s+(?P<label>{_ROMAN}|\d{{1,3}})\b(?![,;/])")
SECTION_RE = re.compile(r"(?i:mục)\s+(?P<label>\d{1,3}|[IVXLC]{1,7})(?:\s*[.:]|\s*$|\s+[A-ZÀ-ỸĐ])")
ARTICLE_RE = re.compile(r"(?i:điều)\s+(?P<label>\d{1,4}[a-zđ]?)\s*(?:[.:]|$)")
APPENDIX_RE = re.compile(rf"(?i:phụ\s+lục)(?:\s+(?:số\s+)?(?P<label>{_ROMAN}|\d{{1,3}}[a-zA-Z]?))?\s*(?:[.:–-]|$)")
CLAUSE_RE = re.compile(r"(?P<label>\d{1,3})\.\s+\S")
POINT_RE = re.compile(r"(?P<label>[a-zđ])\)\s+\S")
# The outer headings: a line that is nothing but one of them (an all-caps "CHƯƠNG II" is not page chrome).
_OUTER = ((PART_RE, "phan", 1), (CHAPTER_RE, "chuong", 2), (SECTION_RE, "muc", 3), (APPENDIX_RE, "phu_luc", 1))
_MAX_HEADING = 200


def is_structural_heading(line: str) -> bool:
    """"CHƯƠNG I", "Phần thứ hai", "PHỤ LỤC II", "Điều 5. ...": kept by the cleaner whatever its case."""
    line = line.strip()
    if not line or len(line) > _MAX_HEADING:
        return False
    return any(rx.match(line) for rx, _, _ in _OUTER) or bool(ARTICLE_RE.match(line))


def markers(text: str, paragraphs: list[tuple[int, int]]) -> list[Marker]:
    """Every legal heading of `text`, in order; `paragraphs` are its paragraph spans."""
    found: list[Marker] = []
    in_article = False
    in_clause = False
    for start, end in paragraphs:
        line = text[start:end]
        marker = _outer(line, start, end)
        if marker is not None:
            found.append(marker)
            in_article = marker.kind == "dieu"
            in_clause = False
            continue
        if not in_article:
            continue
        if (m := CLAUSE_RE.match(line)):
            found.append(Marker("khoan", m.group("label"), 5, start, end))
            in_clause = True
        elif in_clause and (m := POINT_RE.match(line)):
            found.append(Marker("diem", m.group("label"), 6, start, end))
    return found


def _outer(line: str, start: int, end: int) -> Marker | None:
    if (m := ARTICLE_RE.match(line)) and _title_like(line, m.end()):
        return Marker("dieu", m.group("label"), 4, start, end)
    if len(line) > _MAX_HEADING:
        return None
    for rx, kind, level in _OUTER:
        if (m := rx.match(line)) and _title_like(line, m.end()):
            return Marker(kind, (m.group("label") or "").upper() if kind != "muc" else m.group("label"),
                          level, start, end)
    return None


def _title_like(line: str, after: int) -> bool:
    """What follows the marker is a title, not the rest of a sentence ("Điều 5 của Luật này quy định")."""
    rest = line[after:].lstrip(" .:–-")
    return not rest or rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“(" or line[after - 1] in ".:"
