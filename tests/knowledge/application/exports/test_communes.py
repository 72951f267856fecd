"""The /thongke export: the text table's figures (and the provinces for the country), typed, with the source."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.application.exports import stats_workbook
from knowledge.domain.communes import Level
from tests.auxil.communes_db import clear_recognitions, registry_service
from tests.auxil.workbooks import cell_format, read_sheet

LIST = """Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận
Bắc Giang;Tân Yên;Cao Xá;NTM kiểu mẫu;2023
Bắc Giang;Tân Yên;Ngọc Thiện;NTM;2016
Phú Thọ;Lâm Thao;Cao Xá;NTM nâng cao;2016
"""


@pytest.fixture(scope="module")
def service():
    service = registry_service("sqlite")
    clear_recognitions(service)
    assert service.import_bytes(LIST.encode(), "ds.csv").ok
    yield service
    clear_recognitions(service)


def test_a_province_gives_the_figures_of_its_text_table(service):
    stats = service.stats("bac ninh")
    sheet, header, rows = read_sheet(stats_workbook(stats))
    assert header == ["Phạm vi", "Số liệu", "Số đơn vị", "Nguồn", "Cập nhật", "Cách tính"]
    by_label = {r["Số liệu"]: r["Số đơn vị"] for r in rows}
    assert by_label["Đạt chuẩn NTM (mọi mức)"] == stats.at_least(Level.NTM) == 2
    assert by_label["NTM kiểu mẫu trở lên"] == 1 and by_label["Mức cao nhất: NTM"] == 1
    assert by_label["Số đơn vị cấp xã hiện nay (từ 01/7/2025)"] == stats.units_current
    first = rows[0]
    assert first["Phạm vi"] == "tỉnh Bắc Ninh" and first["Nguồn"] == "Danh sách công nhận “ds.csv”"
    assert isinstance(first["Cập nhật"], dt.datetime)
    assert cell_format(sheet, 0, header, "Cập nhật") == "DD/MM/YYYY HH:MM"
    assert cell_format(sheet, 0, header, "Số đơn vị") == "#,##0"
    assert sheet.freeze_panes == "A2"


def test_the_country_adds_every_current_province(service):
    _, _, rows = read_sheet(stats_workbook(service.stats(), service.stats_by_province()))
    provinces = [r for r in rows if r["Phạm vi"] != "cả nước"]
    assert len(provinces) == 34 * 3
    at_least_ntm = {r["Phạm vi"]: r["Số đơn vị"] for r in provinces if r["Số liệu"] == "Đạt chuẩn NTM (mọi mức)"}
    assert at_least_ntm["tỉnh Bắc Ninh"] == 2 and at_least_ntm["tỉnh Phú Thọ"] == 1
    assert sum(at_least_ntm.values()) == service.stats().recognised
