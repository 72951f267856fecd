"""One row's cells -> checked values: years, counts, dates, criteria met, planned targets.

Each check returns the value and, when the cell is wrong, the reason in the
words an official reads in the rejection (no value is guessed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.domain.communes import criteria_met
from knowledge.domain.communes.levels import Level, parse_level
from knowledge.domain.communes.tabular import Table
from knowledge.places.names import key
from knowledge.text.dates import format_date, parse_date

FIRST_YEAR = 2010  # Quyết định 800/QĐ-TTg launched the programme in 2010
MAX_CRITERIA = 19  # the largest national set (2021-2025 and earlier)
PLAN_HORIZON = 10  # years ahead a planned target may name
CRITERIA_COLUMNS = ("criteria_met", "criteria_list", "criteria_set")  # replaced together


@dataclass(frozen=True)
class Plan:
    """A planned target: the level a unit aims for and the year."""

    level: Level
    year: int


def text_of(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return format_date(value)
    return re.sub(r"\s+", " ", str(value)).strip() or None


def recognition_year(value, today: date) -> tuple[int | None, str | None]:
    if isinstance(value, date):
        year = value.year
    elif isinstance(value, int):
        year = value
    else:
        text = text_of(value) or ""
        m = re.fullmatch(r"(?:năm\s*)?(\d{4})(?:\.0+)?", text, flags=re.IGNORECASE)
        if not m:
            return None, f"năm công nhận “{text}” không phải là một năm"
        year = int(m.group(1))
    if year < FIRST_YEAR or year > today.year:
        return None, f"năm công nhận {year} không hợp lệ (phải từ {FIRST_YEAR} đến {today.year})"
    return year, None


def _count(value) -> tuple[int | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, int):
        count = value
    else:
        text = text_of(value) or ""
        m = re.fullmatch(r"(\d{1,2})(?:\.0+)?(?:\s*/\s*\d{1,2})?(?:\s*tiêu chí)?", text, flags=re.IGNORECASE)
        if not m:
            return None, f"số tiêu chí đạt “{text}” không phải là số"
        count = int(m.group(1))
    if count > MAX_CRITERIA:
        return None, f"số tiêu chí đạt {count} không hợp lệ (phải từ 0 đến {MAX_CRITERIA})"
    return count, None


_MET = {"x", "v", "1", "co", "dat", "d", "yes", "true", "✓", "✔", "✅"}
_NOT_MET = {"0", "-", "khong", "k", "chua", "chuadat", "khongdat", "no", "false", "✗", "✘", "❌"}


def _per_criterion(table: Table, cells) -> tuple[tuple[int, ...] | None, str | None]:
    """Numbers met from one column per criterion ("TC1" … "TC19": x/Đạt when met, empty/0/Chưa when not).

    A row whose criterion cells are all empty says nothing about them (None), not "none met".
    """
    columns = table.criterion_columns
    if not columns:
        return None, None
    met, filled = [], False
    for number, field in sorted(columns.items()):
        value = table.get(cells, field)
        if value is None:
            continue
        filled = True
        mark = key(str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
        if mark in _MET or str(value).strip() in _MET:
            met.append(number)
        elif mark not in _NOT_MET and str(value).strip() not in _NOT_MET:
            return None, (f"ô tiêu chí {number} “{text_of(value)}” không rõ (ghi x hoặc Đạt nếu đạt; "
                          "để trống, 0 hoặc Chưa đạt nếu chưa đạt)")
    return (tuple(met), None) if filled else (None, None)


def criteria_of(table: Table, cells, year: int | None, decision_date: date | None) -> tuple[dict, list[str]]:
    """criteria_met, criteria_list and criteria_set of one row, checked against the set of its time."""
    count_cell, list_cell = table.get(cells, "criteria"), table.get(cells, "criteria_list")
    if list_cell is None and criteria_met.looks_like_list(count_cell):
        count_cell, list_cell = None, count_cell  # "1-19" typed in the count column
    count, problem = _count(count_cell)
    numbers, list_problem = criteria_met.parse_list(list_cell)
    every = numbers == ()  # "tất cả"
    marked, marked_problem = _per_criterion(table, cells)
    if marked is not None and numbers is not None and not every and set(marked) != set(numbers):
        marked_problem = (f"cột danh sách tiêu chí đạt “{criteria_met.ranges(numbers)}” khác các cột từng tiêu chí "
                          f"(đánh dấu đạt: {criteria_met.ranges(marked) or 'không có'})")
    elif marked is not None:
        numbers, every = marked, False
    problems = [p for p in (problem, list_problem, marked_problem) if p]
    empty = {c: None for c in CRITERIA_COLUMNS}
    if problems or (count is None and numbers is None) or year is None:
        return empty, problems
    ref = criteria_met.set_for(year, decision_date)
    hint = ""
    since = ref.criteria.in_force_from if ref.criteria else None
    if since and since.year == year and decision_date is None:
        hint = (f"; nếu quyết định ký trước {format_date(since)}, "
                "hãy ghi Ngày quyết định để áp dụng bộ tiêu chí trước đó")
    if every:
        numbers = tuple(range(1, ref.size + 1))
    if numbers is not None:
        outside = [n for n in numbers if not 1 <= n <= ref.size]
        if outside:
            return empty, [f"tiêu chí số {criteria_met.ranges(outside)} không có trong {ref.label} "
                           f"(chỉ có tiêu chí 1–{ref.size}){hint}"]
        if count is not None and count != len(numbers):
            return empty, [f"số tiêu chí đạt {count} không khớp với danh sách tiêu chí đạt "
                           f"“{criteria_met.ranges(numbers)}” ({len(numbers)} tiêu chí)"]
        count = len(numbers)
    if count > ref.size:
        return empty, [f"số tiêu chí đạt {count} vượt quá {ref.size} tiêu chí của {ref.label}{hint}"]
    listed = criteria_met.encode(numbers) if numbers is not None else None
    return {"criteria_met": count, "criteria_list": listed, "criteria_set": ref.id}, []


def plan_of(table: Table, cells, today: date) -> tuple[Plan | None, list[str]]:
    level_text = text_of(table.get(cells, "planned_level"))
    year_value = table.get(cells, "planned_year")
    if level_text is None and year_value is None:
        return None, []
    if level_text is None or year_value is None:
        return None, ["thiếu " + ("mức phấn đấu" if level_text is None else "năm phấn đấu")]
    problems = []
    level = parse_level(level_text)
    if level is None:
        problems.append(f"mức phấn đấu “{level_text}” không rõ (chấp nhận: NTM, NTM nâng cao, NTM kiểu mẫu)")
    text = text_of(year_value) or ""
    m = re.fullmatch(r"(?:năm\s*)?(\d{4})(?:\.0+)?", text, flags=re.IGNORECASE)
    year = int(m.group(1)) if m else None
    if year is None:
        problems.append(f"năm phấn đấu “{text}” không phải là một năm")
    elif not FIRST_YEAR <= year <= today.year + PLAN_HORIZON:
        problems.append(f"năm phấn đấu {year} không hợp lệ (phải từ {FIRST_YEAR} đến {today.year + PLAN_HORIZON})")
    return (Plan(level, year) if not problems else None), problems


def decision_date_of(value, decision: str | None, today: date) -> tuple[date | None, str | None]:
    if value is None:
        # "123/QĐ-UBND ngày 12/5/2020" carries its own date.
        found = parse_date(decision.split("ngày", 1)[1]) if decision and "ngày" in decision else None
        return (found, None) if found and FIRST_YEAR <= found.year and found <= today else (None, None)
    if isinstance(value, date):
        found = value
    else:
        text = text_of(value) or ""
        found = parse_date(text)
        if found is None:
            return None, f"ngày quyết định “{text}” không đúng dạng ngày/tháng/năm"
    if found > today:
        return None, f"ngày quyết định {format_date(found)} ở tương lai"
    if found.year < FIRST_YEAR:
        return None, f"ngày quyết định {format_date(found)} trước năm {FIRST_YEAR}"
    return found, None
