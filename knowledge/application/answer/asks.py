"""What figure a question asks for, and which figure in a text is of that kind.

Why: a sentence that has no figure of the asked kind does not answer,
however well its other words match: "bao nhiêu trường học" needs a count of
schools (or of "trường"), "tỷ lệ" a percentage, "ngày nào" a date, "số
hiệu" a document number, "mức nào" an NTM level; figures the question
itself contains (its year) are not answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.application.answer.figures import (
    DOC_NUMBER,
    MONEY_Q,
    PERCENT_Q,
    UNITS,
    Figure,
    echoes_question,
    find_figures,
    query_numbers,
)
from knowledge.text.folding import Folded
from knowledge.text.normalize import fold

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
_UNIT_WORDS = frozenset(fold(u).split()[0] for u in UNITS.split("|"))
_PLACE_UNITS = ("xa", "phuong", "thi", "huyen", "thanh", "tinh", "thon", "ap", "ban", "xom", "lang")
_ANY_UNIT = {"don": _PLACE_UNITS, "dia": _PLACE_UNITS}
_MONTH = re.compile(r"(?:tháng\s+)?(?<![\d/])(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![\d/])", re.I)
# An NTM level in running text (folded): "NTM nâng cao", "nông thôn mới kiểu mẫu", "chuẩn NTM, nâng cao, kiểu
# mẫu"; not the verb of "nâng cao chất lượng".
_LEVEL_MENTION = re.compile(r"\b(?:ntm|nong thon moi|chuan)(?:\s*,?\s*(?:va\s+)?(?:nang cao|kieu mau)\b)+")
_LEVELS = ("nang cao", "kieu mau")
_MONEY_UNITS = ("dong", "trieu", "ty", "nghin", "ngan")


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
    if PERCENT_Q.search(q):
        return FigureAsk(("percent", "ratio"))
    count = _ASK_COUNT.search(q)
    if count is None:
        first = re.match(r"\W*(?:tong\s+)?so\s+(?:luong\s+)?(\w+)", q)  # "Số thôn ... năm 2024?"
        return FigureAsk(("count",), first.group(1)) if first and first.group(1) in _UNIT_WORDS else None
    cue = counted(question)
    noun = cue[2] if cue else None
    if noun is not None and MONEY_Q.match(q, _ASK_COUNT.search(q).end() + 1):  # "bao nhiêu tiền"
        return FigureAsk(("money", "count", "number"))
    if noun is None:
        before = _NOUN_BEFORE.search(q[:count.start()])
        noun = before.group(1) if before else None
    if noun is None and MONEY_Q.search(q):
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
    figures = [f for f in find_figures(text) if not echoes_question(f, typed)]
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
