"""Import a list of NTM recognitions: all or nothing, idempotent.

A list with one wrong row is usually a wrong list (a shifted column, another
province's sheet), so any bad row rejects the whole file with every bad row's
number and reason, and nothing is written. Rows are keyed by (unit, level): the
same file imported twice changes nothing; a later list with other values for a
key replaces them. An optional column absent from the file keeps what is
stored (a list without decision numbers does not erase them); present but empty
means "none".
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from knowledge.communes.index import CommuneRef
from knowledge.communes.levels import Level, parse_level
from knowledge.communes.lookup import Matcher, NameQuery
from knowledge.communes.names import word_pairs
from knowledge.communes.tabular import FileError, Table, read_table
from knowledge.db.communes import ImportBatch, Recognition

FIRST_YEAR = 2010  # Quyết định 800/QĐ-TTg launched the programme in 2010
MAX_CRITERIA = 19  # the national set has 19 criteria
MERGER_DATE = date(2025, 7, 1)
OPTIONAL_FIELDS = ("decision", "decision_date", "criteria", "note")
_COLUMN_OF_FIELD = {"decision": "decision_number", "decision_date": "decision_date",
                    "criteria": "criteria_met", "note": "note"}
RECOGNITIONS = Recognition.__table__
IMPORTS = ImportBatch.__table__


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

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


@dataclass
class _Row:
    row: int
    commune: CommuneRef
    level: Level
    year: int
    values: dict = field(default_factory=dict)  # decision_number, decision_date, criteria_met, note


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
        return value.strftime("%d/%m/%Y")
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


def _criteria(value) -> tuple[int | None, str | None]:
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
    if not 0 <= count <= MAX_CRITERIA:
        return None, f"số tiêu chí đạt {count} không hợp lệ (phải từ 0 đến {MAX_CRITERIA})"
    return count, None


_DATE_TEXT = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _parse_date(text: str) -> date | None:
    m = _DATE_TEXT.search(text)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _ISO_DATE.search(text)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


def _decision_date(value, decision: str | None, today: date) -> tuple[date | None, str | None]:
    if value is None:
        # "123/QĐ-UBND ngày 12/5/2020" carries its own date.
        found = _parse_date(decision.split("ngày", 1)[1]) if decision and "ngày" in decision else None
        return (found, None) if found and FIRST_YEAR <= found.year and found <= today else (None, None)
    if isinstance(value, date):
        found = value
    else:
        text = _text(value) or ""
        found = _parse_date(text)
        if found is None:
            return None, f"ngày quyết định “{text}” không đúng dạng ngày/tháng/năm"
    if found > today:
        return None, f"ngày quyết định {found:%d/%m/%Y} ở tương lai"
    if found.year < FIRST_YEAR:
        return None, f"ngày quyết định {found:%d/%m/%Y} trước năm {FIRST_YEAR}"
    return found, None


def _validate(table: Table, matcher: Matcher, today: date) -> tuple[list[_Row], list[RowError], int]:
    rows: list[_Row] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, Level], _Row] = {}
    duplicates = 0
    province_cache: dict[str, frozenset[int] | None] = {}
    for number, cells in table.rows:
        problems: list[str] = []
        province_text = _text(table.get(cells, "province"))
        commune_text = _text(table.get(cells, "commune"))
        district_text = _text(table.get(cells, "district"))
        level_text = _text(table.get(cells, "level"))
        year_value = table.get(cells, "year")
        for label, value in (("tỉnh", province_text), ("xã", commune_text), ("mức đạt chuẩn", level_text),
                             ("năm công nhận", year_value)):
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
        criteria, problem = _criteria(table.get(cells, "criteria"))
        if problem:
            problems.append(problem)
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
                                                  province_text, year, decision_date)
                if problem:
                    problems.append(problem)
        if problems:
            errors.append(RowError(number, "; ".join(problems) + "."))
            continue
        assert commune is not None and level is not None and year is not None
        values = {"decision_number": decision, "decision_date": decision_date, "criteria_met": criteria,
                  "note": _text(table.get(cells, "note"))}
        row = _Row(number, commune, level, year, values)
        first = seen.get((commune.id, level))
        if first is None:
            seen[(commune.id, level)] = row
            rows.append(row)
        elif first.year == row.year and _same_facts(first.values, row.values):
            duplicates += 1
        else:
            errors.append(RowError(number, f"trùng {commune.display} ({commune.place}), mức {level.label} với "
                                           f"dòng {first.row} nhưng khác năm hoặc số quyết định."))
    return rows, errors, duplicates


def _same_facts(a: dict, b: dict) -> bool:
    return all(a[k] == b[k] for k in ("decision_number", "decision_date", "criteria_met"))


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


def _write(engine: Engine, rows: list[_Row], table: Table, file_name: str, digest: str, row_count: int,
           dry_run: bool) -> tuple[dict[str, int], int | None]:
    present = {_COLUMN_OF_FIELD[f] for f in OPTIONAL_FIELDS if table.has(f)}
    with engine.begin() as conn:
        existing = {}
        ids = sorted({r.commune.id for r in rows})
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            for rec in conn.execute(select(RECOGNITIONS).where(RECOGNITIONS.c.commune_id.in_(chunk))):
                existing[(rec.commune_id, rec.level)] = rec
        added, replaced, unchanged = [], [], 0
        for r in rows:
            old = existing.get((r.commune.id, r.level.value))
            values = {"year": r.year}
            for column in _COLUMN_OF_FIELD.values():
                if column in present or r.values[column] is not None:
                    values[column] = r.values[column]
                elif old is not None:
                    values[column] = getattr(old, column)
                else:
                    values[column] = None
            if old is None:
                added.append({"commune_id": r.commune.id, "level": r.level.value, **values})
            elif any(getattr(old, k) != v for k, v in values.items()):
                replaced.append({"rid": old.id, **values})
            else:
                unchanged += 1
        counts = {"added": len(added), "replaced": len(replaced), "unchanged": unchanged}
        if dry_run or not (added or replaced):
            conn.rollback()
            return counts, None
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
            columns = ["year", *_COLUMN_OF_FIELD.values(), "import_id"]
            conn.execute(update(RECOGNITIONS).where(RECOGNITIONS.c.id == bindparam("rid"))
                         .values({c: bindparam("v_" + c) for c in columns}),
                         [{"rid": item["rid"], **{"v_" + c: item[c] for c in columns}} for item in replaced])
    return counts, import_id
