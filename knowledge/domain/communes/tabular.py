"""Read a commune list (CSV or XLSX) into numbered rows under recognised headers.

Files come from provincial offices: Excel with a title above the header, CSV
saved by Excel with a BOM and `;`, sometimes a legacy .xls or a PDF renamed.
Everything that makes a file unreadable becomes a `FileError` with a message an
official can act on; nothing here raises anything else for bad input. An .xlsx
is a zip container: its directory is checked against `limits` before openpyxl
opens it, so a small file that unpacks to millions of rows is refused at once.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from knowledge.domain.limits import LimitExceeded, check_zip
from knowledge.errors import UserError
from knowledge.places.names import key
from knowledge.settings import LimitsSettings

MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 20

# field -> folded header spellings (key(): no accents, spaces or punctuation)
HEADER_ALIASES: dict[str, set[str]] = {
    "province": {"tinh", "tinhthanhpho", "tinhthanh", "tinhtp", "tentinh", "province", "provincecity",
                 "tinhthanhphotructhuoctrunguong"},
    "district": {"huyen", "quanhuyen", "huyenthixathanhpho", "huyenthixa", "huyenthanhpho", "huyencu",
                 "tenhuyen", "district", "quanhuyenthixa", "huyenquanthixathanhpho"},
    "commune": {"xa", "xaphuong", "xaphuongthitran", "tenxa", "tenxaphuong", "tenxaphuongthitran",
                "xaphuongdackhu", "commune", "ward", "communeward", "tendonvi", "donvicapxa"},
    "level": {"mucdatchuan", "muc", "mucdo", "mucdat", "mucdatchuanntm", "mucdocongnhan", "mucdoatchuan",
              "mucdodatchuan", "level", "recognitionlevel"},
    "year": {"namcongnhan", "nam", "namdatchuan", "namcongnhandatchuan", "year", "recognitionyear"},
    "decision": {"soquyetdinh", "quyetdinh", "soqd", "qd", "quyetdinhcongnhan", "soquyetdinhcongnhan",
                 "decision", "decisionnumber", "decisionno"},
    "criteria": {"sotieuchidat", "tieuchidat", "sotieuchi", "sotcdat", "criteria", "criteriamet"},
    "criteria_list": {"cactieuchidat", "danhsachtieuchidat", "tieuchidatso", "cactieuchidatduoc", "criterialist",
                      "criteriametlist"},
    "planned_level": {"mucphandau", "mucdophandau", "phandaudat", "mucphandaudat", "mucdukien", "mucdukiendat",
                      "plannedlevel", "targetlevel"},
    "planned_year": {"namphandau", "namphandaudat", "namdukien", "namdukiendat", "plannedyear", "targetyear"},
    "decision_date": {"ngayquyetdinh", "ngaycongnhan", "ngayqd", "ngaybanhanh", "decisiondate", "date"},
    "note": {"ghichu", "note", "notes"},
}
REQUIRED = ("province", "commune", "level", "year")
# A list of plans only needs the plan columns instead of the recognition ones.
PLAN_ONLY = ("province", "commune", "planned_level", "planned_year")
# "Tiêu chí đạt" is the count alone, the list next to a "Số tiêu chí đạt" column.
_SECOND_MEANING = {"tieuchidat": "criteria_list"}
FIELD_LABELS = {
    "province": "Tỉnh", "district": "Huyện", "commune": "Xã", "level": "Mức đạt chuẩn",
    "year": "Năm công nhận", "decision": "Số quyết định", "criteria": "Số tiêu chí đạt",
    "decision_date": "Ngày quyết định", "note": "Ghi chú", "criteria_list": "Tiêu chí đạt",
    "planned_level": "Mức phấn đấu", "planned_year": "Năm phấn đấu",
}
_BY_ALIAS = {alias: f for f, aliases in HEADER_ALIASES.items() for alias in aliases}
# One column per criterion ("TC1" … "TC19", "Tiêu chí 5", "Tiêu chí số 5"): field "tc<n>", a mark when met.
_PER_CRITERION = re.compile(r"(?:tc|tieuchi(?:so)?|criterion)(\d{1,2})")
PER_CRITERION_FIELD = "tc{}"
_PER_CRITERION_FIELD = re.compile(r"tc\d{1,2}")

Cell = str | int | float | date | None


class FileError(UserError):
    """The whole file cannot be used; `str(error)` is the Vietnamese message."""


@dataclass(frozen=True)
class Table:
    columns: dict[str, int]  # field -> column position
    header_row: int
    rows: list[tuple[int, list[Cell]]]  # (row number as the user sees it, cells)

    def has(self, field: str) -> bool:
        return field in self.columns

    @property
    def criterion_columns(self) -> dict[int, str]:
        """Criterion number -> field of its own column ("TC1" … "TC19"), when the file has such columns."""
        return {int(f[2:]): f for f in self.columns if _PER_CRITERION_FIELD.fullmatch(f)}

    def get(self, cells: list[Cell], field: str) -> Cell:
        pos = self.columns.get(field)
        if pos is None or pos >= len(cells):
            return None
        value = cells[pos]
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value


def read_table(data: bytes, file_name: str, limits: LimitsSettings | None = None) -> Table:
    suffix = Path(file_name).suffix.casefold()
    if not data:
        raise FileError(f"Tệp “{file_name}” rỗng.")
    if suffix in (".xlsx", ".xlsm"):
        raw_rows = _xlsx_rows(data, file_name, limits or LimitsSettings())
    elif suffix == ".csv":
        raw_rows = _csv_rows(data, file_name)
    elif suffix == ".xls":
        raise FileError(f"Tệp “{file_name}” là Excel 97-2003 (.xls), chưa hỗ trợ: hãy mở bằng Excel "
                        "và lưu lại dưới dạng .xlsx hoặc CSV UTF-8.")
    else:
        raise FileError(f"Tệp “{file_name}” không phải CSV hay Excel (.xlsx): chỉ nhận tệp .csv hoặc .xlsx.")
    return _with_header(raw_rows, file_name)


def _xlsx_rows(data: bytes, file_name: str, limits: LimitsSettings) -> list[list[list[Cell]]]:
    """Rows of every sheet (the header decides which one is the list)."""
    try:
        check_zip(zipfile.ZipFile(io.BytesIO(data)), limits)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileError(f"Tệp “{file_name}” không phải tệp Excel .xlsx hợp lệ (có thể bị hỏng hoặc "
                        "chỉ đổi đuôi tên tệp).") from None
    except LimitExceeded as exc:
        raise FileError(f"Tệp “{file_name}”: {exc}.") from exc
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise FileError(f"Không đọc được tệp Excel “{file_name}”: tệp bị hỏng hoặc không phải .xlsx "
                        f"({type(exc).__name__}).") from exc
    sheets = []
    try:
        for sheet in workbook.worksheets:
            rows = []
            for count, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if count > MAX_ROWS:
                    raise FileError(f"Tệp “{file_name}” có hơn {MAX_ROWS:,} dòng, quá lớn để nạp một lần.")
                rows.append([_cell(v) for v in row])
            sheets.append(rows)
    finally:
        workbook.close()
    return sheets


def _cell(value) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool):
        return str(value)
    if value is None or isinstance(value, str | int | float | date):
        return value
    return str(value)


def _csv_rows(data: bytes, file_name: str) -> list[list[list[Cell]]]:
    if data.startswith(b"PK\x03\x04"):
        raise FileError(f"Tệp “{file_name}” là tệp Excel nhưng mang đuôi .csv: hãy đổi đuôi thành .xlsx.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileError(f"Tệp “{file_name}” không ở bảng mã UTF-8 (lỗi ở dòng {line}): hãy lưu lại bằng "
                        "“CSV UTF-8” trong Excel.") from exc
    if "\x00" in text:
        raise FileError(f"Tệp “{file_name}” không phải tệp văn bản CSV.")
    lines = text.splitlines()
    if len(lines) > MAX_ROWS:
        raise FileError(f"Tệp “{file_name}” có hơn {MAX_ROWS:,} dòng, quá lớn để nạp một lần.")
    # The delimiter is the one under which a header row is recognised best.
    best: tuple[int, list[list[Cell]]] = (-1, [])
    for delimiter in (";", ",", "\t"):
        try:
            rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
        except csv.Error as exc:
            raise FileError(f"Tệp CSV “{file_name}” sai định dạng: {exc}.") from exc
        score = max((_header_score(r) for r in rows[:HEADER_SEARCH_ROWS]), default=0)
        if score > best[0]:
            best = (score, rows)
    return [best[1]]


def _header_fields(row: list[Cell]) -> dict[str, int]:
    fields: dict[str, int] = {}
    second: list[tuple[str, int]] = []
    for pos, cell in enumerate(row):
        if isinstance(cell, str):
            folded = key(cell)
            field = _BY_ALIAS.get(folded)
            per_criterion = _PER_CRITERION.fullmatch(folded)
            if per_criterion and field is None and 1 <= int(per_criterion.group(1)) <= 99:
                field = PER_CRITERION_FIELD.format(int(per_criterion.group(1)))
            if folded in _SECOND_MEANING:
                second.append((folded, pos))
            elif field and field not in fields:
                fields[field] = pos
    for folded, pos in second:
        field = _BY_ALIAS[folded] if _BY_ALIAS[folded] not in fields else _SECOND_MEANING[folded]
        fields.setdefault(field, pos)
    return fields


def _complete(fields: dict[str, int]) -> bool:
    return all(f in fields for f in REQUIRED) or all(f in fields for f in PLAN_ONLY)


def _header_score(row: list[Cell]) -> int:
    return len(_header_fields(row))


def _with_header(sheets: list[list[list[Cell]]], file_name: str) -> Table:
    best = None
    for rows in sheets:
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            fields = _header_fields(row)
            if len(fields) >= 2 and (best is None or len(fields) > len(best[0])):
                best = (fields, index, rows)
            if _complete(fields):
                break
        if best and _complete(best[0]):
            break
    if not any(any(c not in (None, "") for c in row) for rows in sheets for row in rows):
        raise FileError(f"Tệp “{file_name}” không có dữ liệu.")
    if best is None:
        raise FileError(f"Không tìm thấy dòng tiêu đề trong tệp “{file_name}”: cần các cột "
                        + ", ".join(FIELD_LABELS[f] for f in REQUIRED) + ".")
    fields, index, rows = best
    missing = [FIELD_LABELS[f] for f in REQUIRED if f not in fields]
    if missing and not _complete(fields):
        found = ", ".join(str(c) for c in rows[index] if c not in (None, ""))
        raise FileError(f"Tệp “{file_name}” thiếu cột bắt buộc: {', '.join(missing)} "
                        f"(hoặc Mức phấn đấu, Năm phấn đấu cho danh sách kế hoạch; các cột đang có: {found}).")
    data_rows = [(number, row) for number, row in enumerate(rows[index + 1:], start=index + 2)
                 if any(c is not None and str(c).strip() for c in row)]
    if not data_rows:
        raise FileError(f"Tệp “{file_name}” chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")
    return Table(columns=fields, header_row=index + 1, rows=data_rows)
