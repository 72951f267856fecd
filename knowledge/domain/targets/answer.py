"""Answering "bao nhiêu ...?" questions straight from the extracted targets.

Why not leave it to passage search: officials want the number first, and a
number must be quoted exactly as its source wrote it. The matcher is
deliberately strict: it answers only when the question names a province and
an NTM level or a social indicator that a target carries; otherwise it
returns None and the normal cited-passage answer is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from knowledge import places
from knowledge.domain.targets import lexicon as L
from knowledge.domain.targets.model import Kind, Target
from knowledge.domain.targets.query import province_matches
from knowledge.text.normalize import fold

_NUMERIC = re.compile(
    r"\b(?:bao nhieu|so luong|ty le|phan tram|chi tieu|muc tieu|may (?:xa|huyen|thon|ap|ban|ho))\b"
)
_YEAR = re.compile(r"(?<![\d\-–/])\b((?:19|20)\d{2})\b(?!\s*[-–]\s*\d)")
_UNIT = re.compile(rf"\b(?:bao nhieu|may|so|ty le|phan tram)\s+(?:so\s+)?({L.UNIT_RE})\b|\b({L.UNIT_RE})\b")
_PERCENT_CUE = re.compile(r"\b(?:ty le|phan tram)\b|%")
_ADDITIONAL_CUE = re.compile(r"\b(?:them|tang them|(?<!thon )moi)\b")  # not the "mới" of "nông thôn mới"
_BY_YEAR = re.compile(r"\bden (?:het |cuoi )?(?:nam )?(?:19|20)\d{2}\b")
_TOTAL_CUE = re.compile(r"\b(?:tong|tong so|nang tong|luy ke|tat ca)\b")


@dataclass(frozen=True)
class NumericAnswer:
    """The best-matching target, with the figure to show first (quoted exactly)."""

    target: Target
    figure: str
    score: float
    related: tuple[Target, ...] = field(default=())

    @property
    def sentence(self) -> str:
        return self.target.sentence

    @property
    def doc_id(self) -> str:
        return self.target.doc_id

    @property
    def passage_id(self) -> str | None:
        return self.target.passage_id

    @property
    def figure_span(self) -> tuple[int, int]:
        """Where `figure` is in `sentence` (the count, or the share stated next to it)."""
        t = self.target
        if self.figure == t.percent_quote and t.percent_start is not None:
            return t.percent_start - t.sentence_start, t.percent_end - t.sentence_start
        return t.start - t.sentence_start, t.end - t.sentence_start


@dataclass(frozen=True)
class _Question:
    province: str | None
    year: int | None
    level: str | None
    unit: str | None
    indicator: str | None
    wants_percent: bool
    kind: Kind | None
    by_year: bool = False  # "đến (năm) 2025": the level reached by then, not that year's addition


def _province(question: str) -> str | None:
    found = places.match(question)
    return found.display if found else None


def parse_question(question: str, asks_figure: bool | None = None) -> _Question | None:
    """The slots of a numeric question, or None when it does not ask for a number
    (`asks_figure`: the caller already knows whether it does: "là mấy?", "kéo xuống mức nào?")."""
    q = fold(question)
    if not (asks_figure if asks_figure is not None else _NUMERIC.search(q)):
        return None
    year = _YEAR.search(q)
    indicator = next((name for pattern, name in L.INDICATOR_RES if pattern.search(q)), None)
    unit = None
    if indicator is None:
        m = _UNIT.search(re.sub(r"\bxa hoi\b", " ", q))
        if m:
            unit = L.UNIT_NAMES[m.group(1) or m.group(2)]
    kind = Kind.ADDITIONAL if _ADDITIONAL_CUE.search(q) else Kind.TOTAL if _TOTAL_CUE.search(q) else None
    return _Question(
        province=_province(question),
        year=int(year.group(1)) if year else None,
        level=_question_level(q),
        unit=unit,
        indicator=indicator,
        wants_percent=bool(_PERCENT_CUE.search(q)),
        kind=kind,
        by_year=bool(_BY_YEAR.search(q)),
    )


def _question_level(q: str) -> str | None:
    if re.search(r"\bvan hoa\W{0,3}(?:ntm|nong thon moi)\b", q):
        return L.VAN_HOA
    if re.search(r"\bkieu mau\b", q):
        return L.KIEU_MAU
    if re.search(r"\bnang cao\b", q):
        return L.NANG_CAO
    if re.search(r"\bthong minh\b", q):
        return L.THONG_MINH
    if re.search(r"\b(?:ntm|nong thon moi|dat chuan)\b", q):
        return L.NTM
    return None


def answer_numeric_question(question: str, targets: Iterable[Target], *,
                            asks_figure: bool | None = None) -> NumericAnswer | None:
    """The target that answers `question`, or None when the question is not numeric or no match is sure."""
    parsed = parse_question(question, asks_figure)
    if parsed is None or parsed.province is None or (parsed.level is None and parsed.indicator is None):
        return None
    scored = []
    for t in targets:
        score = _score(parsed, t)
        if score is not None:
            scored.append((score, t))
    if not scored:
        return None
    scored.sort(key=lambda st: (-st[0], st[1].start))
    best_score, best = scored[0]
    rivals = [t for s, t in scored if s == best_score and _figure(parsed, t) != _figure(parsed, best)]
    if rivals:
        return None
    related = tuple(
        t for s, t in scored
        if t.kind != best.kind and t.year == best.year and t.unit == best.unit and t.level == best.level
        and t.indicator == best.indicator and t.quote != best.quote
    )
    unique_related = tuple({t.quote: t for t in related}.values())
    return NumericAnswer(best, _figure(parsed, best), best_score, unique_related)


def _score(q: _Question, t: Target) -> float | None:
    """None when the target contradicts the question; else how well it fits."""
    if not province_matches(t.province, q.province):
        return None
    if q.year is not None and t.year != q.year:
        return None
    if q.indicator is not None:
        if t.indicator != q.indicator:
            return None
    elif t.level != q.level:
        return None
    if q.unit is not None and t.unit is not None and t.unit != q.unit:
        return None
    score = 10.0
    has_percent = t.percent is not None
    if q.wants_percent:
        score += 3 if has_percent else -3
    elif t.kind is Kind.SHARE:
        score -= 2
    if q.kind is not None:
        score += 3 if t.kind is q.kind else -1
    elif q.by_year:
        score += {Kind.SHARE: 0.6, Kind.TOTAL: 0.6}.get(t.kind, 0)
    else:
        score += {Kind.ADDITIONAL: 0.4, Kind.TOTAL: 0.3, Kind.COUNT: 0.2}.get(t.kind, 0)
    if q.unit is None and t.unit == "xã":
        score += 0.5
    if t.year is not None:
        score += 0.1
    return score


def _figure(q: _Question, t: Target) -> str:
    if q.wants_percent and t.percent_quote:
        return t.percent_quote
    return t.quote
