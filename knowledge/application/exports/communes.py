"""The /thongke figures as .xlsx: one row per figure (scope, what is counted, count), with the source list.

A province gives the figures of its text table; the country adds, per current
province, the three "at least this level" counts shown on the country chart.
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.application.exports.workbook import Cell, Column, date_cell, number_cell, workbook_bytes
from knowledge.domain.communes.cards import ImportInfo
from knowledge.domain.communes.levels import LEVELS_BY_RANK, Level
from knowledge.domain.communes.stats import ProvinceCounts, Stats
from knowledge.text.dates import VIETNAM

COLUMNS = (Column("Phạm vi", 26), Column("Số liệu", 40), Column("Số đơn vị", 11), Column("Nguồn", 40),
           Column("Cập nhật", 17), Column("Cách tính", 60))
SHEET = "Thống kê NTM"
HIGHEST = "Mỗi đơn vị tính một lần, theo mức cao nhất đã đạt trong dữ liệu đã nạp."
AT_LEAST = "Gồm cả đơn vị đã đạt mức cao hơn (cách tính của báo cáo tỉnh)."
UNITS = "Danh mục hành chính (vietnamadminunits)."


def at_least_label(level: Level) -> str:
    return "Đạt chuẩn NTM (mọi mức)" if level is Level.NTM else f"{level.label} trở lên"


def stats_rows(stats: Stats) -> list[list[Cell | object]]:
    source, updated = _source(stats.latest_import)
    scope = stats.scope_label
    rows: list[list[Cell | object]] = []
    for level in LEVELS_BY_RANK:
        rows.append([scope, at_least_label(level), number_cell(stats.at_least(level)), source, updated, AT_LEAST])
    for level in LEVELS_BY_RANK:
        rows.append([scope, f"Mức cao nhất: {level.label}", number_cell(stats.by_highest.get(level, 0)), source,
                     updated, HIGHEST])
    rows.append([scope, "Số đơn vị cấp xã hiện nay (từ 01/7/2025)", number_cell(stats.units_current), UNITS,
                 Cell(None), ""])
    rows.append([scope, "Số đơn vị cấp xã trước sắp xếp", number_cell(stats.units_old), UNITS, Cell(None), ""])
    return rows


def province_rows(provinces: Sequence[ProvinceCounts], info: ImportInfo | None) -> list[list[Cell | object]]:
    source, updated = _source(info)
    return [[p.province.display, at_least_label(level), number_cell(p.at_least(level)), source, updated,
             AT_LEAST + " Đơn vị cũ tính vào tỉnh mới mà nó thuộc về."]
            for p in provinces for level in LEVELS_BY_RANK]


def stats_workbook(stats: Stats, provinces: Sequence[ProvinceCounts] = ()) -> bytes:
    return workbook_bytes(SHEET, COLUMNS, stats_rows(stats) + province_rows(provinces, stats.latest_import))


def _source(info: ImportInfo | None) -> tuple[str, Cell]:
    if info is None:
        return "Chưa nạp danh sách công nhận nào", Cell(None)
    return f"Danh sách công nhận “{info.file_name}”", date_cell(info.imported_at.astimezone(VIETNAM))
