"""Choosing the criteria set a question is about, and finding one criterion in it.

A bare question gets the set in force today; a question that names a period
("giai đoạn 2021-2025"), a decision ("theo 318", "QĐ 51/2025") or a year
gets that set. Criteria are found by number or by name, without diacritics
and tolerant of typos; when the current set has nothing by that name (it
has 10 criteria, the 2021-2025 set 19), the other sets are tried and the
answer says which set it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge.domain.criteria.model import CriteriaSet, Criterion, all_sets
from knowledge.errors import NtmError
from knowledge.text.normalize import fold

_PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_NOISE = re.compile(
    r"\b(?:bo tieu chi|tieu chi|quoc gia|ve|xa(?! hoi)|nong thon moi|ntm|giai doan|theo|quyet dinh|qd|ttg|"
    r"(?:so|thu)(?=\s*\d)|la gi|gom|nhung|nao|cua|nam|hien hanh|hien nay|moi nhat|ap dung|danh sach)\b"
)
_SHORT = 5  # queries shorter than this must match a whole word


class UnknownPeriod(NtmError, LookupError):
    """The period or decision named is not one of the sets we hold."""


@dataclass(frozen=True)
class CriterionMatch:
    criterion: Criterion
    criteria_set: CriteriaSet
    score: float
    # True when the question named no set and the match comes from a set
    # other than the current one (the current one had nothing by that name).
    other_set: bool = False


def current_set(today: dt.date | None = None) -> CriteriaSet:
    """The set in force on `today` (default: the real today)."""
    today = today or dt.date.today()
    sets = all_sets()
    in_force = [s for s in sets if s.effective_from <= today]
    return in_force[-1] if in_force else sets[0]


def set_named_in(text: str) -> CriteriaSet | None:
    """The set a text names by decision number, period or year; None when it names none."""
    folded = fold(text)
    for s in all_sets():
        for key in sorted(s.decision_keys, key=len, reverse=True):
            if re.search(rf"(?<![\d/]){re.escape(fold(key))}(?![\d])", folded):
                return s
    period = _PERIOD.search(folded)
    if period:
        start, end = int(period.group(1)), int(period.group(2))
        for s in all_sets():
            if s.start_year == start and s.end_year == end:
                return s
        raise UnknownPeriod(f"{start}-{end}")
    year = _YEAR.search(folded)
    if year:
        return criteria_for(year=int(year.group(1)))
    return None


def criteria_for(period: str | int | None = None, *, year: int | None = None,
                 today: dt.date | None = None) -> CriteriaSet:
    """The set for a period ("2021-2025", "318", "51/2025", 2023), a year, or the current one.

    Raises `UnknownPeriod` for a period or year no set covers.
    """
    if period is None and year is None:
        return current_set(today)
    if year is None and isinstance(period, int):
        year = period
    if year is not None:
        for s in all_sets():
            if s.start_year <= year <= s.end_year:
                return s
        raise UnknownPeriod(str(year))
    named = set_named_in(str(period))
    if named is None:
        raise UnknownPeriod(str(period))
    return named


def criterion_words(query: str) -> str:
    """What is left of a query once the set, the year and filler words are removed (folded)."""
    folded = fold(query)
    folded = _PERIOD.sub(" ", folded)
    for s in all_sets():
        for key in s.decision_keys:
            folded = re.sub(rf"(?<![\d/]){re.escape(fold(key))}(?!\d)", " ", folded)
    folded = _YEAR.sub(" ", folded)
    folded = re.sub(r"[^\w\s]", " ", folded)
    folded = _NOISE.sub(" ", folded)
    return re.sub(r"\s+", " ", folded).strip()


def _name_score(query: str, criterion: Criterion) -> float:
    name = re.sub(r"[^\w\s]", " ", fold(criterion.name))
    name = re.sub(r"\s+", " ", name).strip()
    if query == name:
        return 100.0
    if re.search(rf"\b{re.escape(query)}\b", name):
        return 95.0 - 5.0 * (len(name) - len(query)) / max(len(name), 1)
    if len(query) < _SHORT:
        return 0.0
    return max(fuzz.ratio(query, name), fuzz.partial_ratio(query, name) - 5)


def _best_in(query: str, criteria_set: CriteriaSet, cutoff: float) -> CriterionMatch | None:
    number = re.fullmatch(r"(\d{1,2})", query)
    if number:
        found = criteria_set.criterion(int(number.group(1)))
        return CriterionMatch(found, criteria_set, 100.0) if found else None
    scored = sorted(((_name_score(query, c), c) for c in criteria_set.criteria), key=lambda sc: -sc[0])
    if scored and scored[0][0] >= cutoff:
        return CriterionMatch(scored[0][1], criteria_set, scored[0][0])
    return None


def find_criterion(query: str, period: str | int | None = None, *, today: dt.date | None = None,
                   cutoff: float = 85) -> CriterionMatch | None:
    """A criterion by number ("17", "tiêu chí số 5") or name ("giao thong", "môi trường"), or None.

    The set is `period` if given, else the one the query names, else the
    current one, falling back to the others (marked `other_set`).
    """
    named = criteria_for(period, today=today) if period is not None else set_named_in(query)
    rest = criterion_words(query)
    if not rest:
        return None
    if named is not None:
        return _best_in(rest, named, cutoff)
    current = current_set(today)
    found = _best_in(rest, current, cutoff)
    if found:
        return found
    for other in reversed(all_sets()):
        if other.id == current.id:
            continue
        found = _best_in(rest, other, cutoff)
        if found:
            return CriterionMatch(found.criterion, found.criteria_set, found.score, other_set=True)
    return None
