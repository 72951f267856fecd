"""The /chitieu export: the figures of the text table, typed, each with its source, date and sentence."""

from __future__ import annotations

import datetime as dt

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.exports import targets_workbook
from knowledge.application.render.targets import render_targets_text
from knowledge.domain.targets import query_targets
from tests.auxil.workbooks import cell_format, read_sheet

DATES = {"hai-duong-ntm-2025": "2025-02-18", "long-an-xa-van-hoa-ntm-nang-cao": "2021-06-09"}


def test_same_figures_as_the_text_table_with_source_and_sentence():
    found = query_targets(bundled_targets(), "Hải Dương", 2025)
    sheet, header, rows = read_sheet(targets_workbook(found, dates=DATES))
    assert header[:6] == ["Tỉnh/thành phố", "Năm", "Giai đoạn", "Chỉ tiêu", "Loại", "Số liệu"]
    text_rows = [line for line in render_targets_text(found).splitlines() if line.startswith("  2025")]
    assert len(rows) == len(text_rows) == 4
    for row, line in zip(rows, text_rows, strict=True):
        assert row["Nguyên văn"] in line and row["Chỉ tiêu"] in line
        assert row["Nguyên văn"] in row["Câu trích dẫn"]
        assert row["Tài liệu nguồn"] == "Hải Dương thực hiện mục tiêu quốc gia xây dựng NTM năm 2025"
        assert row["Ngày tài liệu"] == dt.datetime(2025, 2, 18)  # a date cell, not text
    total = next(r for r in rows if r["Nguyên văn"] == "94/151 xã")
    assert (total["Số liệu"], total["Trên tổng số"], total["Năm"]) == (94, 151, 2025)
    assert abs(total["Tỷ lệ đạt"] - 0.622) < 1e-9
    index = rows.index(total)
    assert cell_format(sheet, index, header, "Tỷ lệ đạt") == "0.0#%"
    assert cell_format(sheet, index, header, "Ngày tài liệu") == "DD/MM/YYYY"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["M"].width == 60


def test_shares_are_percent_numbers_and_amounts_keep_their_unit():
    found = query_targets(bundled_targets(), "bac giang")
    sheet, header, rows = read_sheet(targets_workbook(found))
    poor = next(r for r in rows if r["Chỉ tiêu"] == "Tỷ lệ hộ nghèo")
    assert abs(poor["Số liệu"] - 0.018) < 1e-9 and poor["Đơn vị tính"] == "%"
    assert cell_format(sheet, rows.index(poor), header, "Số liệu") == "0.0#%"
    income = next(r for r in rows if r["Chỉ tiêu"].startswith("Thu nhập"))
    assert income["Số liệu"] == 54 and income["Đơn vị tính"] == "triệu đồng/người/năm"
    assert income["Ngày tài liệu"] is None  # no date known: an empty cell, never a guess


def test_a_fact_stated_by_two_documents_cites_both():
    found = query_targets(bundled_targets(), "tphcm")
    _, _, rows = read_sheet(targets_workbook(found, titles={"tphcm-xa-ntm-kieu-mau-2025": "Bài B"}))
    shared = next(r for r in rows if r["Chỉ tiêu"] == "Xã NTM kiểu mẫu")
    assert shared["Mã tài liệu"] == "tphcm-thi-dua-xay-dung-ntm-2021-2025, tphcm-xa-ntm-kieu-mau-2025"
    assert shared["Tài liệu nguồn"].endswith("; Bài B")
