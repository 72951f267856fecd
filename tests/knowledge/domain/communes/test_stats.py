"""Counts by level for a province (old or current name) or the country, with the data's date."""

from __future__ import annotations

import pytest

from knowledge.application.render.communes import render_stats_html, render_stats_text
from knowledge.domain.communes import Level, ProvinceNotFound
from tests.auxil.communes_db import backends, clear_recognitions, registry_service

LIST = """Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận
Bắc Giang;Tân Yên;Cao Xá;NTM;2015
Bắc Giang;Tân Yên;Cao Xá;NTM nâng cao;2020
Bắc Giang;Tân Yên;Cao Xá;NTM kiểu mẫu;2023
Bắc Giang;Tân Yên;Ngọc Thiện;NTM;2016
Bắc Ninh;Tiên Du;Phú Lâm;NTM nâng cao;2021
Phú Thọ;Lâm Thao;Cao Xá;NTM;2016
"""


@pytest.fixture(scope="module", params=backends())
def service(request):
    service = registry_service(request.param)
    clear_recognitions(service)
    assert service.import_bytes(LIST.encode(), "stats.csv").ok
    yield service
    clear_recognitions(service)


def test_country(service):
    stats = service.stats()
    assert stats.scope_label == "cả nước"
    assert stats.by_highest == {Level.NTM: 2, Level.NANG_CAO: 1, Level.KIEU_MAU: 1}
    assert (stats.at_least(Level.NTM), stats.at_least(Level.NANG_CAO), stats.at_least(Level.KIEU_MAU)) == (4, 2, 1)
    assert (stats.units_current, stats.units_old) == (3321, 10040)
    assert stats.latest_import.file_name == "stats.csv"


def test_current_province_includes_the_old_provinces_merged_into_it(service):
    stats = service.stats("bac ninh")
    assert stats.scope_label == "tỉnh Bắc Ninh"
    assert {p.short_name for p in stats.merged_from} == {"Bắc Giang", "Bắc Ninh"}
    assert stats.at_least(Level.NTM) == 3 and stats.at_least(Level.KIEU_MAU) == 1
    text = render_stats_html(stats)
    assert "Gồm cả các đơn vị cũ của tỉnh Bắc Giang, tỉnh Bắc Ninh" in text
    assert "<b>3</b>" in text and "stats.csv" in text


def test_old_province_name(service):
    stats = service.stats("Bắc Giang")
    assert stats.scope_label == "tỉnh Bắc Giang (cũ)"
    assert stats.at_least(Level.NTM) == 2


def test_unknown_province(service):
    with pytest.raises(ProvinceNotFound) as error:
        service.stats("Narnia")
    assert str(error.value).startswith("Không tìm thấy tỉnh")
    with pytest.raises(ProvinceNotFound) as error:
        service.stats("Bắc Ninhhhhhh")
    assert "Bắc Ninh" in error.value.suggestions


def test_no_data_is_said_plainly(service):
    text = render_stats_text(service.stats("Cà Mau"))
    assert "Chưa có dữ liệu công nhận nào được nạp cho phạm vi này" in text


def test_provinces_side_by_side_add_up_to_the_country(service):
    rows = service.stats_by_province()
    assert len(rows) == 34 and all(r.province.is_current for r in rows)
    assert rows[0].province.short_name == "Bắc Ninh"  # Bắc Giang (cũ) counted where it went in 2025
    assert rows[0].by_highest == {Level.NTM: 1, Level.NANG_CAO: 1, Level.KIEU_MAU: 1}
    assert sum(r.recognised for r in rows) == service.stats().recognised
    assert [r.province.short_name for r in rows[:2]] == ["Bắc Ninh", "Phú Thọ"]
