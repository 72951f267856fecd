"""The /chitieu table as .xlsx: one row per figure of the text table, with its source and sentence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from knowledge.application.exports.workbook import Cell, Column, date_cell, number_cell, percent_cell, workbook_bytes
from knowledge.application.render.targets import subject
from knowledge.domain.targets.model import Kind, Target
from knowledge.domain.targets.query import group_targets
from knowledge.text.dates import parse_date

COLUMNS = (
    Column("Tỉnh/thành phố", 18), Column("Năm", 7), Column("Giai đoạn", 11), Column("Chỉ tiêu", 30),
    Column("Loại", 10), Column("Số liệu", 11), Column("Đơn vị tính", 14), Column("Trên tổng số", 12),
    Column("Tỷ lệ đạt", 10), Column("Nguyên văn", 16), Column("Tài liệu nguồn", 45), Column("Ngày tài liệu", 13),
    Column("Câu trích dẫn", 60), Column("Mã tài liệu", 24),
)
SHEET = "Chỉ tiêu NTM"


def is_percent(t: Target) -> bool:
    return t.kind is Kind.SHARE or (t.measure or "").strip() == "%"


def target_cells(t: Target, sources: Sequence[Target], titles: Mapping[str, str],
                 dates: Mapping[str, str]) -> list[Cell | object]:
    docs = list(dict.fromkeys(s.doc_id for s in sources))
    title = "; ".join(titles.get(d) or next((s.doc_title for s in sources if s.doc_id == d and s.doc_title), d)
                      for d in docs)
    value = percent_cell(float(t.value)) if is_percent(t) else number_cell(t.value)
    unit = "%" if is_percent(t) else (t.measure or t.unit)
    day = dates.get(t.doc_id)
    return [t.province, number_cell(t.year) if t.year else None, t.period, subject(t), t.kind.label, value, unit,
            number_cell(t.denominator), percent_cell(t.percent) if not is_percent(t) else Cell(None), t.quote,
            title, date_cell(parse_date(day) if day else None), t.sentence, ", ".join(docs)]


def targets_workbook(targets: Sequence[Target], *, titles: Mapping[str, str] | None = None,
                     dates: Mapping[str, str] | None = None) -> bytes:
    """`targets` (already filtered) grouped as `render_targets_*` groups them, one row each."""
    rows = [target_cells(r.target, r.sources, titles or {}, dates or {}) for r in group_targets(targets)]
    return workbook_bytes(SHEET, COLUMNS, rows)
