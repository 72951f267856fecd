"""A commune list in .xlsx is a zip container: measured before openpyxl opens it."""

from __future__ import annotations

import pytest

from knowledge.domain.communes.tabular import FileError, read_table
from knowledge.settings import LimitsSettings
from tests.auxil.hostile import MB, unpacked_size, xlsx_of_rows


def test_a_list_that_unpacks_to_millions_of_rows_is_refused_before_it_is_opened():
    bomb = xlsx_of_rows(3_000_000, row=(1, 2, 3, 4))
    assert len(bomb) < MB and unpacked_size(bomb) > 100 * MB
    with pytest.raises(FileError, match=r"Tệp “ds\.xlsx”: Tệp nén giải nén ra .* \(NTM_MAX_UNPACKED_MB\)"):
        read_table(bomb, "ds.xlsx")


def test_a_list_under_the_limits_is_read_and_one_just_over_is_not():
    data = xlsx_of_rows(8_000)
    size = unpacked_size(data)
    limits = LimitsSettings(max_unpacked_mb=-(-size // MB), max_compression_ratio=10_000)
    table = read_table(data, "ds.xlsx", limits)
    assert len(table.rows) == 8_000 and table.header_row == 1
    with pytest.raises(FileError, match="NTM_MAX_COMPRESSION_RATIO"):
        read_table(data, "ds.xlsx", LimitsSettings(max_compression_ratio=2))
    with pytest.raises(FileError, match="NTM_MAX_UNPACKED_MB"):
        read_table(data, "ds.xlsx", LimitsSettings(max_unpacked_mb=size // MB, max_compression_ratio=10_000))


def test_one_column_per_criterion_is_recognised_in_an_xlsx():
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Danh sách xã đạt chuẩn"])
    sheet.append(["Tỉnh", "Xã", "Mức đạt chuẩn", "Năm công nhận", "TC 1", "Tiêu chí 2", "tiêu chí số 19",
                  "Tiêu chí đạt"])
    sheet.append(["Bắc Giang", "Cao Xá", "NTM", 2015, "x", None, "Đạt", 2])
    out = io.BytesIO()
    book.save(out)
    table = read_table(out.getvalue(), "ds.xlsx")
    assert table.header_row == 2 and table.criterion_columns == {1: "tc1", 2: "tc2", 19: "tc19"}
    assert table.has("criteria") and not table.has("criteria_list")  # "Tiêu chí đạt" alone is still the count
    cells = table.rows[0][1]
    assert [table.get(cells, f) for f in ("tc1", "tc2", "tc19")] == ["x", None, "Đạt"]
