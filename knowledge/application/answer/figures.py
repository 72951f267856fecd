"""Key figures in a sentence (numbers, %, ratios, dates) and which one answers the question.

Officials mostly ask "bao nhiêu", "tỷ lệ", "ngày nào": the reply bolds the
figure that answers, so it can be read at a glance on a phone. Which kind
of figure a question asks for, and whether a text has one: `asks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.application.understanding.words import DOC_NUMBER
from knowledge.text.normalize import fold

_NUM = r"\d+(?:[.,]\d+)*"
UNITS = (
    r"triệu đồng|tỷ đồng|nghìn đồng|ngàn đồng|đồng|triệu|tỷ|nghìn|ngàn|xã|phường|thị trấn|huyện|thị xã|"
    r"thành phố|tỉnh|thôn|ấp|bản|xóm|hộ|người|lao động|tiêu chí|chỉ tiêu|sản phẩm|mô hình|hợp tác xã|"
    r"km|ha|héc-ta|tấn|công trình|trường|tuyến|năm|tháng|ngày|lần|điểm|sao|đơn vị|nhiệm vụ|giải pháp|"
    r"chương trình|dự án|doanh nghiệp|cơ sở|làng|khu dân cư"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/\d{4}(?![\d/])")),
    ("date", re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.I)),
    ("percent", re.compile(rf"(?<![\d.,]){_NUM}\s?%")),
    ("ratio", re.compile(r"(?<![\d/])\d+/\d+(?![\d/]|[A-ZĐa-zđ])")),
    ("count", re.compile(rf"(?<![\w.,/]){_NUM}\s+(?:{UNITS})(?:/(?:người|hộ|năm))*(?!\w)", re.I)),
    ("year", re.compile(r"(?<![\w/.,])(?:19|20)\d{2}(?![\w/])")),
    ("number", re.compile(rf"(?<![\w.,/]){_NUM}(?![\w/])")),
]
_DATE_Q = re.compile(r"\b(ngay nao|ngay bao nhieu|khi nao|bao gio|luc nao|thoi diem nao|ngay may)\b")
PERCENT_Q = re.compile(r"\b(ty le|ti le|phan tram|bao nhieu phan tram)\b|%")
_COUNT_Q = re.compile(r"\b(bao nhieu|may|so luong|so)\s+(\w+(?:\s\w+)?)")
MONEY_Q = re.compile(r"\b(thu nhap|kinh phi|von|ngan sach|tien)\b")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# A document number ("1416/KH-UBND", "51/2025/QĐ-TTg"): not a figure, but what "số hiệu" asks for.
@dataclass(frozen=True)
class Figure:
    kind: str
    text: str
    start: int
    end: int


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, longest match first at each position, in reading order."""
    taken: list[tuple[int, int]] = []
    found: list[Figure] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Figure(kind, m.group(0).strip(), m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def query_numbers(question: str) -> set[str]:
    """Numbers the person typed: they locate the answer, they are not the answer."""
    return {n.lstrip("0") or "0" for n in re.findall(r"\d+", question)}


def pick_figure(text: str, question: str, anchor: int | None = None) -> Figure | None:
    return rank_figure(text, question, anchor)[0]


def rank_figure(text: str, question: str, anchor: int | None = None) -> tuple[Figure | None, int]:
    """(figure, strength): the figure in `text` that best answers `question`, from `anchor` on.

    Strength 2 means it is of the asked kind, 1 just a figure, 0 none.

    Preference follows the question word: a date for "ngày nào", a percentage
    for "tỷ lệ", a count with the asked noun for "bao nhiêu xã"; figures the
    question itself contains (years, "5 tuổi") are skipped.
    """
    folded_q = fold(question)
    typed = query_numbers(question)
    figures = [f for f in find_figures(text) if not echoes_question(f, typed)]
    if anchor is not None:
        after = [f for f in figures if f.start >= anchor]
        figures = after or figures
    if not figures:
        return None, 0
    if _DATE_Q.search(folded_q):
        wanted = ["date", "year"]
    elif PERCENT_Q.search(folded_q):
        wanted = ["percent", "ratio"]
    else:
        wanted = ["count", "percent", "ratio", "number", "date"]
    count_q = _COUNT_Q.search(folded_q)
    if count_q and not PERCENT_Q.search(folded_q):
        noun = count_q.group(2).split()[0]
        for f in figures:
            if f.kind == "count" and noun in fold(f.text):
                return f, 2
    if MONEY_Q.search(folded_q):
        for f in figures:
            if f.kind == "count" and "dong" in fold(f.text):
                return f, 2
    for n, kind in enumerate(wanted):
        for f in figures:
            if f.kind == kind:
                return f, 2 if n == 0 and wanted[0] != "count" else 1
    return None, 0


def echoes_question(figure: Figure, typed: set[str]) -> bool:
    digits = re.findall(r"\d+", figure.text)
    if figure.kind in ("year", "number") or (figure.kind == "count" and len(digits) == 1):
        return bool(digits) and all((d.lstrip("0") or "0") in typed for d in digits) and bool(typed)
    return False


def question_years(question: str) -> list[str]:
    """Years the question names (both ends of a period), not one inside a document number (51/2025/QĐ-TTg)."""
    return _YEAR.findall(DOC_NUMBER.sub(" ", question))
