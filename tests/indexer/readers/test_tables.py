"""Table rows as paragraphs that carry their headers, whatever format the table came from."""

from __future__ import annotations

from indexer.readers.tables import row_paragraphs


def test_every_row_repeats_the_header_and_skips_empty_cells():
    grid = [["Tiêu chí", "Nội dung", "Chỉ tiêu"],
            ["Giao thông", "Tỷ lệ đường xã được nhựa hóa", "100%"],
            ["Thủy lợi", "", "Đạt"]]
    assert row_paragraphs(grid) == [
        "Tiêu chí: Giao thông | Nội dung: Tỷ lệ đường xã được nhựa hóa | Chỉ tiêu: 100%",
        "Tiêu chí: Thủy lợi | Chỉ tiêu: Đạt",
    ]


def test_a_merged_top_header_combines_with_the_row_below():
    grid = [["TT", "Chỉ tiêu", None], ["TT", "Vùng đồng bằng", "Vùng miền núi"], ["1", "≥ 52", "≥ 45"]]
    assert row_paragraphs(grid) == ["TT: 1 | Chỉ tiêu - Vùng đồng bằng: ≥ 52 | Chỉ tiêu - Vùng miền núi: ≥ 45"]


def test_horizontal_merges_are_written_once_and_equal_neighbours_both():
    grid = [["Xã", "Năm 2024", "Năm 2025"], ["An Phú", "Đạt", None], ["Bình Minh", "Đạt", "Đạt"]]
    assert row_paragraphs(grid) == ["Xã: An Phú | Năm 2024: Đạt", "Xã: Bình Minh | Năm 2024: Đạt | Năm 2025: Đạt"]


def test_vertically_merged_cells_are_carried_into_each_row():
    grid = [["Nhóm", "Tiêu chí"], ["I. Quy hoạch", "Quy hoạch chung"], ["I. Quy hoạch", "Quy hoạch chi tiết"]]
    assert row_paragraphs(grid) == ["Nhóm: I. Quy hoạch | Tiêu chí: Quy hoạch chung",
                                    "Nhóm: I. Quy hoạch | Tiêu chí: Quy hoạch chi tiết"]


def test_section_rows_and_repeated_headers():
    grid = [["TT", "Tiêu chí"], ["II. Tiêu chí về văn hóa", None], ["3", "Nhà văn hóa"], ["TT", "Tiêu chí"],
            ["4", "Thể thao"]]
    assert row_paragraphs(grid) == ["II. Tiêu chí về văn hóa", "TT: 3 | Tiêu chí: Nhà văn hóa",
                                    "TT: 4 | Tiêu chí: Thể thao"]


def test_whitespace_is_tidied_and_empty_tables_give_nothing():
    assert row_paragraphs([["Tiêu chí\n", " Chỉ  tiêu "], ["Thu nhập\n(triệu đồng)", " 52 "]]) == [
        "Tiêu chí: Thu nhập (triệu đồng) | Chỉ tiêu: 52"]
    assert row_paragraphs([["", ""], [None, ""]]) == []
    assert row_paragraphs([["Chỉ một dòng", "hai ô"]]) == ["Chỉ một dòng | hai ô"]


def test_a_letterhead_laid_out_as_a_table_is_read_as_its_lines():
    grid = [["UBND TỈNH LONG AN\n-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
            ["Số: 85/KH-UBND", "Long An, ngày 20 tháng 6 năm 2024"]]
    assert row_paragraphs(grid) == [
        "UBND TỈNH LONG AN", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 85/KH-UBND", "Long An, ngày 20 tháng 6 năm 2024"]
