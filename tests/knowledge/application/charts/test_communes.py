"""/thongke charts: a province's levels and the provinces side by side, real PNGs, cached by what they show."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from knowledge.application.charts import ChartCache, country_chart, province_chart
from knowledge.application.charts.communes import TOP_PROVINCES, source_line
from knowledge.domain.communes import Level, ProvinceCounts, ProvinceRef, Stats
from knowledge.domain.communes.cards import ImportInfo
from tests.auxil.images import assert_readable_chart

INFO = ImportInfo("ds.csv", datetime(2026, 11, 30, 3, 15, tzinfo=UTC))


def stats(ntm=3, nang_cao=2, kieu_mau=1, info=INFO) -> Stats:
    province = ProvinceRef(1, "24", "Tỉnh Bắc Ninh", "Bắc Ninh", True, None)
    return Stats((province,), (), 99, 300, {Level.NTM: ntm, Level.NANG_CAO: nang_cao, Level.KIEU_MAU: kieu_mau},
                 info)


def provinces(n: int) -> list[ProvinceCounts]:
    return [ProvinceCounts(ProvinceRef(i, str(i), f"Tỉnh Số {i}", f"Tỉnh Số {i}", True, None),
                           {Level.NTM: 40 - i, Level.NANG_CAO: 3, Level.KIEU_MAU: i % 2}) for i in range(n)]


def test_province_chart_is_a_readable_png():
    width, _ = assert_readable_chart(province_chart(stats(), ChartCache()))
    assert width == 1200


def test_country_chart_folds_the_smaller_provinces_into_one_bar():
    cache = ChartCache()
    png = country_chart(provinces(34), INFO, cache)
    assert_readable_chart(png)
    (key,) = cache._cache.keys()
    labels = key[1]
    assert len(labels) == TOP_PROVINCES + 1 and labels[-1] == f"Còn lại ({34 - TOP_PROVINCES} tỉnh)"
    counts = key[2]
    assert sum(map(sum, counts)) == sum(r.recognised for r in provinces(34))  # nothing lost in "còn lại"


def test_source_line_names_the_list_and_its_date():
    assert source_line(INFO) == "Nguồn: danh sách công nhận “ds.csv” đã nạp vào hệ thống, cập nhật 30/11/2026 10:15."
    assert source_line(None).startswith("Nguồn: chưa nạp")


def test_the_same_figures_render_once_new_data_renders_again():
    cache = ChartCache()
    first = province_chart(stats(), cache)
    assert province_chart(stats(), cache) is first and (cache.hits, cache.misses) == (1, 1)
    later = replace(INFO, imported_at=datetime(2026, 12, 1, tzinfo=UTC))
    assert province_chart(stats(info=later), cache) is not first  # a new import is a new version
    assert province_chart(stats(ntm=4), cache) is not first
    assert cache.misses == 3


@pytest.mark.parametrize("size", [1, 2])
def test_the_cache_is_bounded(size):
    cache = ChartCache(maxsize=size)
    for n in range(5):
        province_chart(stats(ntm=n + 3), cache)
    assert len(cache) == size
