"""Which criteria a recognition met, checked against the national set of its time.

A count or a list means nothing without its set: 19 criteria under Quyết định
318/QĐ-TTg (2021-2025), 10 under Quyết định 51/2025/QĐ-TTg (from 15/02/2026).
The set is the one in force on the decision date when known (a decision signed
in January 2026 still applies the 2021-2025 set), else the one of the
recognition year. Before 2021 the national sets (2010-2015, 2016-2020) also had
19 criteria, but their names are not held as data, so such lists are checked by
number only and the card names no criteria for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.domain.criteria import CriteriaSet, UnknownPeriod, all_sets, criteria_for
from knowledge.text.dates import format_date
from knowledge.text.normalize import fold

PRE_2021 = "truoc-2021"
PRE_2021_SIZE = 19  # QĐ 491/QĐ-TTg (2009) and QĐ 1980/QĐ-TTg (2016) both had 19 criteria


@dataclass(frozen=True)
class SetRef:
    """The set a recognition is measured against; `criteria` is None when names are not held."""

    id: str
    size: int
    label: str  # "Bộ tiêu chí xã NTM 2021–2025, QĐ 318/QĐ-TTg"
    criteria: CriteriaSet | None

    def name(self, number: int) -> str | None:
        found = self.criteria.criterion(number) if self.criteria else None
        return found.name if found else None


def _ref(s: CriteriaSet) -> SetRef:
    decision = re.sub(r"^Quyết định\s+", "QĐ ", s.decision)
    return SetRef(s.id, len(s.criteria), f"Bộ tiêu chí xã NTM {s.period.replace('-', '–')}, {decision}", s)


_OLD = SetRef(PRE_2021, PRE_2021_SIZE, "bộ tiêu chí quốc gia trước năm 2021", None)


def set_by_id(set_id: str | None) -> SetRef | None:
    if set_id == PRE_2021:
        return _OLD
    return next((_ref(s) for s in all_sets() if s.id == set_id), None)


def set_for(year: int, decision_date: date | None = None) -> SetRef:
    """The set in force on the decision date, else in the recognition year."""
    first = all_sets()[0]
    if decision_date is not None:
        if decision_date < first.effective_from:
            return _OLD
        return _ref([s for s in all_sets() if s.effective_from <= decision_date][-1])
    if year < first.start_year:
        return _OLD
    try:
        return _ref(criteria_for(year=year))
    except UnknownPeriod:  # a year after the last set we hold
        return _ref(all_sets()[-1])


_TOKEN = re.compile(r"(\d{1,2})(?:-(\d{1,2}))?")
_FILLER = re.compile(r"\b(?:cac|tieu chi|tc|so|va)\b")


def parse_list(value) -> tuple[tuple[int, ...] | None, str | None]:
    """Criteria numbers from "1,2,3,5-19", "1; 2; 3", "TC1, TC2" or a single number.

    Returns (None, None) for an empty cell and (None, reason) for an unreadable one;
    "tất cả" is returned as an empty tuple, meaning every criterion of the set.
    """
    if value is None:
        return None, None
    if isinstance(value, date):
        return None, (f"danh sách tiêu chí đạt bị Excel đổi thành ngày {format_date(value)}: "
                      "hãy định dạng cột là Văn bản (Text)")
    if isinstance(value, float) and not value.is_integer():
        return None, f"danh sách tiêu chí đạt “{value}” không đọc được (dùng dạng 1,2,3 hoặc 1-19)"
    text = str(int(value)) if isinstance(value, int | float) else str(value).strip()
    folded = fold(text)
    if folded in ("tat ca", "dat tat ca", "tat ca cac tieu chi"):
        return (), None
    rest = _FILLER.sub(" ", folded)
    rest = re.sub(r"\btc(?=\d)", "", rest)
    rest = re.sub(r"\s*[-–—]\s*", "-", rest)
    numbers: set[int] = set()
    for part in re.split(r"[,;\s]+", rest.strip()):
        if not part:
            continue
        m = _TOKEN.fullmatch(part)
        if not m:
            return None, f"danh sách tiêu chí đạt “{text}” không đọc được (dùng dạng 1,2,3 hoặc 1-19)"
        low, high = int(m.group(1)), int(m.group(2) or m.group(1))
        if low > high:
            return None, f"khoảng tiêu chí “{part}” ngược chiều (phải là số nhỏ trước, ví dụ 5-19)"
        numbers.update(range(low, high + 1))
    if not numbers:
        return None, f"danh sách tiêu chí đạt “{text}” không có số tiêu chí nào"
    return tuple(sorted(numbers)), None


def looks_like_list(value) -> bool:
    """A count cell holding a list ("1-19", "1,2,3") rather than a number ("19", "19/19")."""
    return isinstance(value, str) and bool(re.search(r"\d\s*[,;–—-]\s*\d", value))


def ranges(numbers) -> str:
    """(1, 2, 3, 5, 6) -> "1–3, 5, 6": short and readable in errors and cards."""
    out: list[str] = []
    items = sorted(numbers)
    i = 0
    while i < len(items):
        j = i
        while j + 1 < len(items) and items[j + 1] == items[j] + 1:
            j += 1
        out.append(f"{items[i]}–{items[j]}" if j - i >= 2 else ", ".join(map(str, items[i:j + 1])))
        i = j + 1
    return ", ".join(out)


def encode(numbers) -> str:
    return ",".join(str(n) for n in sorted(numbers))


def decode(text: str | None) -> tuple[int, ...] | None:
    return tuple(int(n) for n in text.split(",") if n) if text else None
