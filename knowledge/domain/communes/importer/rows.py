"""The whole table checked row by row: what each row says, or why it is wrong.

A list with one wrong row is usually a wrong list, so every row is checked
and every problem kept; the caller writes nothing unless there are none.
Rows are keyed by (unit, level): an identical repeat is counted and skipped,
a repeat with other facts is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from knowledge.domain.communes.importer.cells import (
    Plan,
    criteria_of,
    decision_date_of,
    plan_of,
    recognition_year,
    text_of,
)
from knowledge.domain.communes.importer.matching import Units
from knowledge.domain.communes.importer.result import RowError
from knowledge.domain.communes.index import CommuneRef
from knowledge.domain.communes.levels import Level, parse_level
from knowledge.domain.communes.lookup import Matcher
from knowledge.domain.communes.tabular import Table


@dataclass
class ImportRow:
    row: int
    commune: CommuneRef
    level: Level | None  # None: a row with a planned target only
    year: int | None
    values: dict = field(default_factory=dict)  # decision_number, decision_date, note, CRITERIA_COLUMNS
    plan: Plan | None = None


@dataclass
class CheckedTable:
    rows: list[ImportRow]
    errors: list[RowError]
    duplicates: int  # identical rows repeated inside the file


def check_rows(table: Table, matcher: Matcher, today: date) -> CheckedTable:
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, Level], ImportRow] = {}
    planned: dict[tuple[int, Level], ImportRow] = {}
    duplicates = 0
    units = Units(matcher)
    for number, cells in table.rows:
        problems: list[str] = []
        province_text = text_of(table.get(cells, "province"))
        commune_text = text_of(table.get(cells, "commune"))
        district_text = text_of(table.get(cells, "district"))
        level_text = text_of(table.get(cells, "level"))
        year_value = table.get(cells, "year")
        plan, plan_problems = plan_of(table, cells, today)
        problems += plan_problems
        # With plan columns, a row without a recognition carries the unit's plans (none if empty).
        plan_only = level_text is None and year_value is None and (table.has("planned_level")
                                                                    or table.has("planned_year"))
        required = [("tỉnh", province_text), ("xã", commune_text)]
        if not plan_only:
            required += [("mức đạt chuẩn", level_text), ("năm công nhận", year_value)]
        for label, value in required:
            if value is None:
                problems.append(f"thiếu {label}")
        level = parse_level(level_text) if level_text else None
        if level_text and level is None:
            problems.append(f"mức đạt chuẩn “{level_text}” không rõ (chấp nhận: NTM, NTM nâng cao, "
                            "NTM kiểu mẫu)")
        year, problem = recognition_year(year_value, today) if year_value is not None else (None, None)
        if problem:
            problems.append(problem)
        decision = text_of(table.get(cells, "decision"))
        decision_date, problem = decision_date_of(table.get(cells, "decision_date"), decision, today)
        if problem:
            problems.append(problem)
        if decision and decision_date and not table.has("decision_date"):
            decision = re.sub(r"[\s,;]*ngày\s*\d.*$", "", decision) or decision
        criteria, criteria_problems = criteria_of(table, cells, year, decision_date)
        problems += criteria_problems
        if plan_only and criteria["criteria_met"] is not None:
            problems.append("có tiêu chí đạt nhưng thiếu mức đạt chuẩn và năm công nhận")
        # Units of the time: a recognition's date or year, a plan's end of year.
        era_year = year if not plan_only else (plan.year if plan else None)
        era_date = decision_date if not plan_only else (date(plan.year, 12, 31) if plan else None)
        commune = None
        if province_text and commune_text:
            provinces, problem = units.province(province_text)
            if provinces is not None:
                commune, problem = units.commune(commune_text, district_text, provinces, province_text,
                                                 era_year, era_date)
            if problem:
                problems.append(problem)
        if problems:
            errors.append(RowError(number, "; ".join(problems) + "."))
            continue
        assert commune is not None
        if plan is not None:
            other = planned.setdefault((commune.id, plan.level), ImportRow(number, commune, None, None, plan=plan))
            if other.plan != plan:
                errors.append(RowError(number, f"trùng kế hoạch của {commune.display} ({commune.place}), mức "
                                               f"{plan.level.label} với dòng {other.row} nhưng khác năm phấn đấu."))
                continue
        if plan_only:
            rows.append(ImportRow(number, commune, None, None, plan=plan))
            continue
        assert level is not None and year is not None
        values = {"decision_number": decision, "decision_date": decision_date,
                  "note": text_of(table.get(cells, "note")), **criteria}
        row = ImportRow(number, commune, level, year, values, plan)
        first = seen.get((commune.id, level))
        if first is None:
            seen[(commune.id, level)] = row
            rows.append(row)
        elif first.year == row.year and _same_facts(first.values, row.values):
            duplicates += 1
            if plan is not None:  # the repeated row may still add a plan
                rows.append(ImportRow(number, commune, None, None, plan=plan))
        else:
            errors.append(RowError(number, f"trùng {commune.display} ({commune.place}), mức {level.label} với "
                                           f"dòng {first.row} nhưng khác năm hoặc số quyết định."))
    return CheckedTable(rows, errors, duplicates)


def _same_facts(a: dict, b: dict) -> bool:
    return all(a[k] == b[k] for k in ("decision_number", "decision_date", "criteria_met", "criteria_list"))
