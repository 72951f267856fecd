"""Import a list of NTM recognitions: all or nothing, idempotent.

A list with one wrong row is usually a wrong list (a shifted column, another
province's sheet), so any bad row rejects the whole file with every bad row's
number and reason, and nothing is written. Rows are keyed by (unit, level): the
same file imported twice changes nothing; a later list with other values for a
key replaces them. An optional column absent from the file keeps what is
stored (a list without decision numbers does not erase them); present but empty
means "none". Criteria met (count and/or list, `criteria_met.py`) are one fact
checked against the set of the recognition's time. Plan columns (`Mức phấn đấu`,
`Năm phấn đấu`) set each listed unit's planned targets to exactly those in the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from knowledge.domain.communes import criteria_met
from knowledge.domain.communes.index import CommuneRef
from knowledge.domain.communes.levels import Level, parse_level
from knowledge.domain.communes.lookup import Matcher, NameQuery
from knowledge.domain.communes.tabular import FileError, Table, read_table
from knowledge.domain.db.communes import ImportBatch, PlannedTarget, Recognition
from knowledge.places.names import word_pairs
from knowledge.text.dates import format_date, parse_date

FIRST_YEAR = 2010  # Quyết định 800/QĐ-TTg launched the programme in 2010
MAX_CRITERIA = 19  # the largest national set (2021-2025 and earlier)
PLAN_HORIZON = 10  # years ahead a planned target may name
MERGER_DATE = date(2025, 7, 1)
OPTIONAL_FIELDS = ("decision", "decision_date", "note")
_COLUMN_OF_FIELD = {"decision": "decision_number", "decision_date": "decision_date", "note": "note"}
CRITERIA_COLUMNS = ("criteria_met", "criteria_list", "criteria_set")  # replaced together
RECOGNITIONS = Recognition.__table__
IMPORTS = ImportBatch.__table__
PLANS = PlannedTarget.__table__


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.row}: {self.message}" if self.row is not None else self.message


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    sha256: str
    rows: int = 0
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    duplicates: int = 0  # identical rows repeated inside the file
    errors: tuple[RowError, ...] = ()
    import_id: int | None = None  # None when nothing was written
    seconds: float = 0.0
    plans: tuple[int, int, int, int] | None = None  # added, unchanged, replaced, removed; None: no plan columns

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> bool:
        plans = self.plans or (0, 0, 0, 0)
        return bool(self.added or self.replaced or plans[0] or plans[2] or plans[3])


@dataclass
class _Row:
    row: int
    commune: CommuneRef
    level: Level | None  # None: a row with a planned target only
    year: int | None
    values: dict = field(default_factory=dict)  # decision_number, decision_date, note, CRITERIA_COLUMNS
    plan: tuple[Level, int] | None = None


def import_file(engine: Engine, matcher: Matcher, path: str | Path, *, dry_run: bool = False,
                today: date | None = None) -> ImportResult:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ImportResult(path.name, "", errors=(RowError(None, f"Không mở được tệp “{path}”: "
                                                           f"{exc.strerror or exc}."),))
    return import_bytes(engine, matcher, data, path.name, dry_run=dry_run, today=today)


def import_bytes(engine: Engine, matcher: Matcher, data: bytes, file_name: str, *, dry_run: bool = False,
                 today: date | None = None) -> ImportResult:
    started = datetime.now(UTC)
    digest = hashlib.sha256(data).hexdigest()
    try:
        table = read_table(data, file_name)
    except FileError as exc:
        return ImportResult(file_name, digest, errors=(RowError(None, str(exc)),))
    rows, errors, duplicates = _validate(table, matcher, today or date.today())
    if errors:
        return ImportResult(file_name, digest, rows=len(table.rows), errors=tuple(errors))
    try:
        counts, import_id = _write(engine, rows, table, file_name, digest, len(table.rows), dry_run)
    except (IntegrityError, OperationalError) as exc:
        return ImportResult(file_name, digest, rows=len(table.rows), errors=(RowError(
            None, "Không ghi được vào cơ sở dữ liệu (có thể đang có một lần nạp khác): "
                  f"{type(exc.orig or exc).__name__}. Chưa có thay đổi nào được ghi; hãy thử lại."),))
    seconds = (datetime.now(UTC) - started).total_seconds()
    return ImportResult(file_name, digest, rows=len(table.rows), duplicates=duplicates, import_id=import_id,
                        seconds=seconds, **counts)


# -- validation ---------------------------------------------------------------------------------


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return format_date(value)
    return re.sub(r"\s+", " ", str(value)).strip() or None


def _year(value, today: date) -> tuple[int | None, str | None]:
    if isinstance(value, date):
        year = value.year
    elif isinstance(value, int):
        year = value
    else:
        text = _text(value) or ""
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
        text = _text(value) or ""
        m = re.fullmatch(r"(\d{1,2})(?:\.0+)?(?:\s*/\s*\d{1,2})?(?:\s*tiêu chí)?", text, flags=re.IGNORECASE)
        if not m:
            return None, f"số tiêu chí đạt “{text}” không phải là số"
        count = int(m.group(1))
    if count > MAX_CRITERIA:
        return None, f"số tiêu chí đạt {count} không hợp lệ (phải từ 0 đến {MAX_CRITERIA})"
    return count, None


def _criteria(table: Table, cells, year: int | None, decision_date: date | None) -> tuple[dict, list[str]]:
    """criteria_met, criteria_list and criteria_set of one row, checked against the set of its time."""
    count_cell, list_cell = table.get(cells, "criteria"), table.get(cells, "criteria_list")
    if list_cell is None and criteria_met.looks_like_list(count_cell):
        count_cell, list_cell = None, count_cell  # "1-19" typed in the count column
    count, problem = _count(count_cell)
    numbers, list_problem = criteria_met.parse_list(list_cell)
    problems = [p for p in (problem, list_problem) if p]
    empty = {c: None for c in CRITERIA_COLUMNS}
    if problems or (count is None and numbers is None) or year is None:
        return empty, problems
    ref = criteria_met.set_for(year, decision_date)
    hint = ""
    since = ref.criteria.in_force_from if ref.criteria else None
    if since and since.year == year and decision_date is None:
        hint = (f"; nếu quyết định ký trước {format_date(since)}, "
                "hãy ghi Ngày quyết định để áp dụng bộ tiêu chí trước đó")
    if numbers == ():  # "tất cả"
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


def _plan(table: Table, cells, today: date) -> tuple[tuple[Level, int] | None, list[str]]:
    level_text = _text(table.get(cells, "planned_level"))
    year_value = table.get(cells, "planned_year")
    if level_text is None and year_value is None:
        return None, []
    if level_text is None or year_value is None:
        return None, ["thiếu " + ("mức phấn đấu" if level_text is None else "năm phấn đấu")]
    problems = []
    level = parse_level(level_text)
    if level is None:
        problems.append(f"mức phấn đấu “{level_text}” không rõ (chấp nhận: NTM, NTM nâng cao, NTM kiểu mẫu)")
    text = _text(year_value) or ""
    m = re.fullmatch(r"(?:năm\s*)?(\d{4})(?:\.0+)?", text, flags=re.IGNORECASE)
    year = int(m.group(1)) if m else None
    if year is None:
        problems.append(f"năm phấn đấu “{text}” không phải là một năm")
    elif not FIRST_YEAR <= year <= today.year + PLAN_HORIZON:
        problems.append(f"năm phấn đấu {year} không hợp lệ (phải từ {FIRST_YEAR} đến {today.year + PLAN_HORIZON})")
    return ((level, year) if not problems else None), problems


def _decision_date(value, decision: str | None, today: date) -> tuple[date | None, str | None]:
    if value is None:
        # "123/QĐ-UBND ngày 12/5/2020" carries its own date.
        found = parse_date(decision.split("ngày", 1)[1]) if decision and "ngày" in decision else None
        return (found, None) if found and FIRST_YEAR <= found.year and found <= today else (None, None)
    if isinstance(value, date):
        found = value
    else:
        text = _text(value) or ""
        found = parse_date(text)
        if found is None:
            return None, f"ngày quyết định “{text}” không đúng dạng ngày/tháng/năm"
    if found > today:
        return None, f"ngày quyết định {format_date(found)} ở tương lai"
    if found.year < FIRST_YEAR:
        return None, f"ngày quyết định {format_date(found)} trước năm {FIRST_YEAR}"
    return found, None


def _validate(table: Table, matcher: Matcher, today: date) -> tuple[list[_Row], list[RowError], int]:
    rows: list[_Row] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, Level], _Row] = {}
    planned: dict[tuple[int, Level], _Row] = {}
    duplicates = 0
    province_cache: dict[str, frozenset[int] | None] = {}
    for number, cells in table.rows:
        problems: list[str] = []
        province_text = _text(table.get(cells, "province"))
        commune_text = _text(table.get(cells, "commune"))
        district_text = _text(table.get(cells, "district"))
        level_text = _text(table.get(cells, "level"))
        year_value = table.get(cells, "year")
        plan, plan_problems = _plan(table, cells, today)
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
        year, problem = _year(year_value, today) if year_value is not None else (None, None)
        if problem:
            problems.append(problem)
        decision = _text(table.get(cells, "decision"))
        decision_date, problem = _decision_date(table.get(cells, "decision_date"), decision, today)
        if problem:
            problems.append(problem)
        if decision and decision_date and not table.has("decision_date"):
            decision = re.sub(r"[\s,;]*ngày\s*\d.*$", "", decision) or decision
        criteria, criteria_problems = _criteria(table, cells, year, decision_date)
        problems += criteria_problems
        if plan_only and criteria["criteria_met"] is not None:
            problems.append("có tiêu chí đạt nhưng thiếu mức đạt chuẩn và năm công nhận")
        # Units of the time: a recognition's date or year, a plan's end of year.
        era_year = year if not plan_only else (plan[1] if plan else None)
        era_date = decision_date if not plan_only else (date(plan[1], 12, 31) if plan else None)
        commune = None
        if province_text and commune_text:
            if province_text not in province_cache:
                province_cache[province_text] = matcher.resolve_province(province_text, fuzzy=False)
            provinces = province_cache[province_text]
            if provinces is None:
                guess = matcher.resolve_province(province_text, fuzzy=True)
                hint = (f" (có phải “{matcher.index.provinces[next(iter(guess))].short_name}”?)"
                        if guess else "")
                problems.append(f"không nhận ra tỉnh “{province_text}”{hint}")
            else:
                commune, problem = _match_commune(matcher, commune_text, district_text, provinces,
                                                  province_text, era_year, era_date)
                if problem:
                    problems.append(problem)
        if problems:
            errors.append(RowError(number, "; ".join(problems) + "."))
            continue
        assert commune is not None
        if plan is not None:
            other = planned.setdefault((commune.id, plan[0]), _Row(number, commune, None, None, plan=plan))
            if other.plan != plan:
                errors.append(RowError(number, f"trùng kế hoạch của {commune.display} ({commune.place}), mức "
                                               f"{plan[0].label} với dòng {other.row} nhưng khác năm phấn đấu."))
                continue
        if plan_only:
            rows.append(_Row(number, commune, None, None, plan=plan))
            continue
        assert level is not None and year is not None
        values = {"decision_number": decision, "decision_date": decision_date,
                  "note": _text(table.get(cells, "note")), **criteria}
        row = _Row(number, commune, level, year, values, plan)
        first = seen.get((commune.id, level))
        if first is None:
            seen[(commune.id, level)] = row
            rows.append(row)
        elif first.year == row.year and _same_facts(first.values, row.values):
            duplicates += 1
            if plan is not None:  # the repeated row may still add a plan
                rows.append(_Row(number, commune, None, None, plan=plan))
        else:
            errors.append(RowError(number, f"trùng {commune.display} ({commune.place}), mức {level.label} với "
                                           f"dòng {first.row} nhưng khác năm hoặc số quyết định."))
    return rows, errors, duplicates


def _same_facts(a: dict, b: dict) -> bool:
    return all(a[k] == b[k] for k in ("decision_number", "decision_date", "criteria_met", "criteria_list"))


@lru_cache(maxsize=4096)
def _district_words(text: str) -> tuple[str, ...]:
    return tuple(f for f, _ in word_pairs(text))


def _resolve_district(matcher: Matcher, text: str, provinces: frozenset[int]):
    return matcher.resolve_district(list(_district_words(text)), provinces)


def _match_commune(matcher: Matcher, name: str, district: str | None, provinces: frozenset[int],
                   province_text: str, year: int | None, decision_date: date | None):
    """Exact names only (no typo guessing in official data), within the province and district."""
    index = matcher.index
    districts = None
    if district:
        districts = _resolve_district(matcher, district, provinces)
        if districts is None:
            return None, f"không tìm thấy huyện “{district}” thuộc tỉnh {province_text}"
    variant = NameQuery.from_text(name, provinces, districts)
    if not variant.folded:
        return None, f"tên xã “{name}” không hợp lệ"
    ids = set(matcher.exact(variant, collapse=False))
    if len(ids) > 1:
        # Old and current units share names: a recognition belongs to the unit of its time.
        after = (decision_date or date(year or 2000, 1, 1)) >= MERGER_DATE
        era = {i for i in ids if index.communes[i].is_current == after}
        ids = era or ids
    where = f"tỉnh {province_text}" + (f", huyện {district}" if district else "")
    if not ids:
        closest = matcher.closest([variant], limit=3)
        hint = ("; tên gần nhất: " + "; ".join(index.communes[i].label for i in closest)) if closest else ""
        return None, f"không tìm thấy xã “{name}” thuộc {where}{hint}"
    if len(ids) > 1:
        labels = "; ".join(index.communes[i].label for i in sorted(ids, key=matcher.sort_key)[:5])
        return None, (f"tên “{name}” ứng với {len(ids)} đơn vị thuộc {where} ({labels}): "
                      "hãy ghi rõ cột Huyện")
    return index.communes[ids.pop()], None


# -- writing ------------------------------------------------------------------------------------


def _fetch(conn, table, ids: list[int]) -> list:
    found = []
    for start in range(0, len(ids), 900):
        found += conn.execute(select(table).where(table.c.commune_id.in_(ids[start:start + 900]))).all()
    return found


def _criteria_values(r: _Row, old, table: Table) -> dict:
    """The criteria group of a row: replaced as a whole, kept when the file has neither column."""
    if not (table.has("criteria") or table.has("criteria_list")):
        return {c: getattr(old, c) if old is not None else None for c in CRITERIA_COLUMNS}
    new = {c: r.values[c] for c in CRITERIA_COLUMNS}
    # A count-only list keeps a stored per-criterion list that it agrees with.
    if (not table.has("criteria_list") and old is not None and old.criteria_list and new["criteria_list"] is None
            and new["criteria_met"] == old.criteria_met
            and new["criteria_set"] == (old.criteria_set or criteria_met.set_for(old.year, old.decision_date).id)):
        new["criteria_list"] = old.criteria_list
    return new


def _write(engine: Engine, rows: list[_Row], table: Table, file_name: str, digest: str, row_count: int,
           dry_run: bool) -> tuple[dict, int | None]:
    present = {_COLUMN_OF_FIELD[f] for f in OPTIONAL_FIELDS if table.has(f)}
    with_plans = table.has("planned_level") or table.has("planned_year")
    with engine.begin() as conn:
        ids = sorted({r.commune.id for r in rows})
        existing = {(rec.commune_id, rec.level): rec for rec in _fetch(conn, RECOGNITIONS, ids)}
        added, replaced, unchanged = [], [], 0
        for r in rows:
            if r.level is None:
                continue
            old = existing.get((r.commune.id, r.level.value))
            values = {"year": r.year}
            for column in _COLUMN_OF_FIELD.values():
                if column in present or r.values[column] is not None:
                    values[column] = r.values[column]
                elif old is not None:
                    values[column] = getattr(old, column)
                else:
                    values[column] = None
            values.update(_criteria_values(r, old, table))
            if old is None:
                added.append({"commune_id": r.commune.id, "level": r.level.value, **values})
            elif any(getattr(old, k) != v for k, v in values.items()):
                replaced.append({"rid": old.id, **values})
            else:
                unchanged += 1
        plan_changes = _plan_changes(conn, rows, ids) if with_plans else None
        counts = {"added": len(added), "replaced": len(replaced), "unchanged": unchanged}
        plans = plan_changes.counts if plan_changes else None
        result = {**counts, "plans": plans}
        if dry_run or not (added or replaced or (plan_changes and plan_changes.changed)):
            conn.rollback()
            return result, None
        import_id = conn.execute(insert(IMPORTS).values(
            file_name=file_name[:255], sha256=digest, imported_at=datetime.now(UTC), row_count=row_count,
            **counts)).inserted_primary_key[0]
        if added:
            for item in added:
                item["import_id"] = import_id
            conn.execute(insert(RECOGNITIONS), added)
        if replaced:
            for item in replaced:
                item["import_id"] = import_id
            columns = ["year", *_COLUMN_OF_FIELD.values(), *CRITERIA_COLUMNS, "import_id"]
            conn.execute(update(RECOGNITIONS).where(RECOGNITIONS.c.id == bindparam("rid"))
                         .values({c: bindparam("v_" + c) for c in columns}),
                         [{"rid": item["rid"], **{"v_" + c: item[c] for c in columns}} for item in replaced])
        if plan_changes:
            plan_changes.apply(conn, import_id)
    return result, import_id


@dataclass
class _PlanChanges:
    add: list[dict]
    change: list[dict]
    remove: list[int]
    unchanged: int

    @property
    def counts(self) -> tuple[int, int, int, int]:
        return len(self.add), self.unchanged, len(self.change), len(self.remove)

    @property
    def changed(self) -> bool:
        return bool(self.add or self.change or self.remove)

    def apply(self, conn, import_id: int) -> None:
        if self.remove:
            for start in range(0, len(self.remove), 900):
                conn.execute(delete(PLANS).where(PLANS.c.id.in_(self.remove[start:start + 900])))
        if self.add:
            conn.execute(insert(PLANS), [{**item, "import_id": import_id} for item in self.add])
        if self.change:
            conn.execute(update(PLANS).where(PLANS.c.id == bindparam("pid"))
                         .values(year=bindparam("v_year"), import_id=bindparam("v_import")),
                         [{"pid": item["pid"], "v_year": item["year"], "v_import": import_id}
                          for item in self.change])


def _plan_changes(conn, rows: list[_Row], ids: list[int]) -> _PlanChanges:
    """Every unit in the file ends with exactly the plans the file gives it (none when its cells are empty)."""
    wanted = {(r.commune.id, r.plan[0].value): r.plan[1] for r in rows if r.plan is not None}
    stored = {(p.commune_id, p.level): p for p in _fetch(conn, PLANS, ids)}
    changes = _PlanChanges([], [], [], 0)
    for (commune_id, level), year in sorted(wanted.items()):
        old = stored.get((commune_id, level))
        if old is None:
            changes.add.append({"commune_id": commune_id, "level": level, "year": year})
        elif old.year != year:
            changes.change.append({"pid": old.id, "year": year})
        else:
            changes.unchanged += 1
    changes.remove = sorted(p.id for k, p in stored.items() if k not in wanted)
    return changes
