"""Key figures in a sentence (numbers, %, ratios, dates) and which one answers the question.

Officials mostly ask "bao nhiêu", "tỷ lệ", "ngày nào": the reply bolds the
figure that answers, so it can be read at a glance on a phone. A sentence
that has no figure of the asked kind ("bao nhiêu trường học" needs a count
of schools) does not answer, however well its other words match
(`FigureAsk`, `answering_figure`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.text.folding import Folded
from knowledge.text.normalize import fold

_NUM = r"\d+(?:[.,]\d+)*"
_UNITS = (
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
    ("count", re.compile(rf"(?<![\w.,/]){_NUM}\s+(?:{_UNITS})(?:/(?:người|hộ|năm))*(?!\w)", re.I)),
    ("year", re.compile(r"(?<![\w/.,])(?:19|20)\d{2}(?![\w/])")),
    ("number", re.compile(rf"(?<![\w.,/]){_NUM}(?![\w/])")),
]
_DATE_Q = re.compile(r"\b(ngay nao|ngay bao nhieu|khi nao|bao gio|luc nao|thoi diem nao|ngay may)\b")
_PERCENT_Q = re.compile(r"\b(ty le|ti le|phan tram|bao nhieu phan tram)\b|%")
_COUNT_Q = re.compile(r"\b(bao nhieu|may|so luong|so)\s+(\w+(?:\s\w+)?)")
_MONEY_Q = re.compile(r"\b(thu nhap|kinh phi|von|ngan sach|tien)\b")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# What a question asks for (folded): checked in this order.
_ASK_DAY = re.compile(r"\bngay (?:nao|bao nhieu|may|thang nao)\b")
_ASK_WHEN = re.compile(r"\b(?:khi nao|bao gio|luc nao|thoi diem nao|thoi gian nao|nam nao|thang nao)\b")
_ASK_DOC = re.compile(r"\b(?:so hieu|ky hieu)\b|\b(?:ke hoach|quyet dinh|cong van|nghi quyet|van ban|thong tu"
                      r"|nghi dinh|chi thi)\b.*\bso (?:may|bao nhieu|nao)\b")
_ASK_ORDINAL = re.compile(r"\b(?:thu|lan thu) may\b")  # "Đại hội lần thứ mấy?"
_ORDINAL = re.compile(r"(?<!\w)thứ\s+(?:[IVXLC]+|\d+)(?!\w)", re.IGNORECASE)
_ASK_LEVEL = re.compile(r"\b(?:muc|muc do|cap do|chuan) nao\b")
_ASK_COUNT = re.compile(r"\b(?:bao nhieu|may|so luong)\b")
_NOUN_BEFORE = re.compile(r"\bso (?:luong )?(\w+)")  # "Số xã ... là mấy?"
_NOT_NOUN = frozenset("la co thi vay the nhi a ha nhe khong chua roi duoc con nua moi mot khoang".split())
_CLASSIFIERS = frozenset("nhom loai dang hang".split())  # "bao nhiêu nhóm nhiệm vụ": the noun is next
# First syllables of the units a count may carry ("xa", "huyen", "trieu", ...), and the words that stand
# for any administrative unit ("bao nhiêu đơn vị, địa phương").
_UNIT_WORDS = frozenset(fold(u).split()[0] for u in _UNITS.split("|"))
_PLACE_UNITS = ("xa", "phuong", "thi", "huyen", "thanh", "tinh", "thon", "ap", "ban", "xom", "lang")
_ANY_UNIT = {"don": _PLACE_UNITS, "dia": _PLACE_UNITS}
# A document number ("1416/KH-UBND", "51/2025/QĐ-TTg"): not a figure, but what "số hiệu" asks for.
DOC_NUMBER = re.compile(r"(?<![\w/])\d+(?:/\d{4})?/[A-Za-zĐđ][\wĐđ-]*")
_MONTH = re.compile(r"(?:tháng\s+)?(?<![\d/])(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![\d/])", re.I)
# An NTM level in running text (folded): "NTM nâng cao", "nông thôn mới kiểu mẫu", "chuẩn NTM, nâng cao, kiểu
# mẫu"; not the verb of "nâng cao chất lượng".
_LEVEL_MENTION = re.compile(r"\b(?:ntm|nong thon moi|chuan)(?:\s*,?\s*(?:va\s+)?(?:nang cao|kieu mau)\b)+")
_LEVELS = ("nang cao", "kieu mau")
_MONEY_UNITS = ("dong", "trieu", "ty", "nghin", "ngan")


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
    figures = [f for f in find_figures(text) if not _echoes_question(f, typed)]
    if anchor is not None:
        after = [f for f in figures if f.start >= anchor]
        figures = after or figures
    if not figures:
        return None, 0
    if _DATE_Q.search(folded_q):
        wanted = ["date", "year"]
    elif _PERCENT_Q.search(folded_q):
        wanted = ["percent", "ratio"]
    else:
        wanted = ["count", "percent", "ratio", "number", "date"]
    count_q = _COUNT_Q.search(folded_q)
    if count_q and not _PERCENT_Q.search(folded_q):
        noun = count_q.group(2).split()[0]
        for f in figures:
            if f.kind == "count" and noun in fold(f.text):
                return f, 2
    if _MONEY_Q.search(folded_q):
        for f in figures:
            if f.kind == "count" and "dong" in fold(f.text):
                return f, 2
    for n, kind in enumerate(wanted):
        for f in figures:
            if f.kind == kind:
                return f, 2 if n == 0 and wanted[0] != "count" else 1
    return None, 0


def _echoes_question(figure: Figure, typed: set[str]) -> bool:
    digits = re.findall(r"\d+", figure.text)
    if figure.kind in ("year", "number") or (figure.kind == "count" and len(digits) == 1):
        return bool(digits) and all((d.lstrip("0") or "0") in typed for d in digits) and bool(typed)
    return False


def question_years(question: str) -> list[str]:
    """Years the question names (both ends of a period), not one inside a document number (51/2025/QĐ-TTg)."""
    return _YEAR.findall(DOC_NUMBER.sub(" ", question))


@dataclass(frozen=True)
class FigureAsk:
    """The kind of figure a question asks for: kinds that answer it, preferred first."""

    kinds: tuple[str, ...]  # of find_figures, plus "docnumber", "month", "ordinal" ("thứ XI") and "level"
    noun: str | None = None  # folded first syllable of what is counted: "truong" for "bao nhiêu trường học"


GENERIC_FIGURE = FigureAsk(("count", "percent", "ratio", "number"))


def figure_ask(question: str) -> FigureAsk | None:
    """What figure `question` asks for, or None when it asks for none."""
    q = fold(question)
    if _ASK_DAY.search(q):
        return FigureAsk(("date",))
    if _ASK_WHEN.search(q):
        return FigureAsk(("date", "month", "year"))
    if _ASK_DOC.search(q):
        return FigureAsk(("docnumber",))
    if _ASK_ORDINAL.search(q):
        return FigureAsk(("ordinal",))
    if _ASK_LEVEL.search(q):
        return FigureAsk(("level", "percent", "count", "ratio", "number"))
    if _PERCENT_Q.search(q):
        return FigureAsk(("percent", "ratio"))
    count = _ASK_COUNT.search(q)
    if count is None:
        first = re.match(r"\W*(?:tong\s+)?so\s+(?:luong\s+)?(\w+)", q)  # "Số thôn ... năm 2024?"
        return FigureAsk(("count",), first.group(1)) if first and first.group(1) in _UNIT_WORDS else None
    cue = counted(question)
    noun = cue[2] if cue else None
    if noun is not None and _MONEY_Q.match(q, _ASK_COUNT.search(q).end() + 1):  # "bao nhiêu tiền"
        return FigureAsk(("money", "count", "number"))
    if noun is None:
        before = _NOUN_BEFORE.search(q[:count.start()])
        noun = before.group(1) if before else None
    if noun is None and _MONEY_Q.search(q):
        return FigureAsk(("money", "count", "number"))
    return FigureAsk(("count",), noun) if noun else GENERIC_FIGURE


def counted(question: str) -> tuple[int, int, str] | None:
    """"bao nhiêu" or "mấy" followed by what is counted: (start, end) of the cue in `question` and the
    folded first syllable of the noun ("truong" in "xây bao nhiêu trường học"); None when no noun follows
    ("đạt bao nhiêu?")."""
    folded = Folded(question)
    count = _ASK_COUNT.search(folded.text)
    if count is None:
        return None
    after = re.match(r"\W*(\w+)(?:\s+(\w+))?", folded.text[count.end():])
    if after is None or after.group(1) in _NOT_NOUN:
        return None
    start, end = folded.span(count.start(), count.end())
    noun = after.group(2) if after.group(1) in _CLASSIFIERS and after.group(2) else after.group(1)
    return start, end, noun


def answering_figure(text: str, ask: FigureAsk, question: str, anchor: int | None = None) -> Figure | None:
    """The first figure in `text` (from `anchor` on, when one is there) of a kind `ask` takes, best kind first;
    figures the question itself contains do not count."""
    figures = _candidates(text, question)
    if anchor is not None and any(f.start >= anchor for f in figures):
        figures = [f for f in figures if f.start >= anchor]
    for kind in ask.kinds:
        for f in figures:
            found = _as_answer(text, f, kind, ask.noun)
            if found is not None:
                return found
    return None


def figure_fits(text: str, start: int, ask: FigureAsk, question: str) -> bool:
    """Is the figure starting at `start` in `text` of a kind `ask` takes?"""
    return any(_as_answer(text, f, kind, ask.noun) is not None
               for f in _candidates(text, question) if f.start == start for kind in ask.kinds)


def _candidates(text: str, question: str) -> list[Figure]:
    typed = query_numbers(question)
    figures = [f for f in find_figures(text) if not _echoes_question(f, typed)]
    figures += [Figure("docnumber", m.group(), m.start(), m.end()) for m in DOC_NUMBER.finditer(text)]
    figures += [Figure("ordinal", m.group(), m.start(), m.end()) for m in _ORDINAL.finditer(text)]
    folded = Folded(text)
    for m in _LEVEL_MENTION.finditer(folded.text):
        a, b = folded.span(m.start(), m.end())
        figures.append(Figure("level", text[a:b], a, b))
    return sorted(figures, key=lambda f: f.start)


def _as_answer(text: str, f: Figure, kind: str, noun: str | None) -> Figure | None:
    month = f.kind == "ratio" and _MONTH.fullmatch(f.text) is not None  # "5/2021"
    if kind == "month":
        return Figure("month", f.text, f.start, f.end) if month else None
    if month:
        return None
    if kind == "year":
        ranged = text[max(0, f.start - 2):f.start].strip().endswith(("-", "–")) or \
            text[f.end:f.end + 2].strip().startswith(("-", "–"))
        return f if f.kind == "year" and not ranged else None
    unit = fold(f.text).split()[1:2] if f.kind == "count" else []  # "29 xã" -> ["xa"]
    if kind == "money":
        return f if unit and unit[0] in _MONEY_UNITS else None
    if kind == "count" and noun:  # "29 xã", "35/151 xã" for "bao nhiêu xã"
        nouns = _ANY_UNIT.get(noun, (noun,))
        if f.kind == "count":
            return f if unit and unit[0] in nouns else None
        if f.kind in ("ratio", "number"):
            follows = re.match(r"\s+(\w+)", text[f.end:])
            if follows and fold(follows.group(1)) in nouns:
                end = f.end + follows.end()
                return Figure(f.kind, text[f.start:end], f.start, end)
        return None
    return f if f.kind == kind else None


def levels_named(text: str) -> frozenset[str]:
    """The NTM levels above the basic one that `text` names: {"nang cao", "kieu mau"} or fewer."""
    mentions = " ".join(_LEVEL_MENTION.findall(fold(text)))
    return frozenset(level for level in _LEVELS if level in mentions)
