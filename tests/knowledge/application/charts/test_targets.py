"""/chitieu charts: the series read from the targets, and the PNG drawn from them."""

from __future__ import annotations

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.charts import ChartCache, target_series, targets_chart
from knowledge.application.charts.targets import source_line
from knowledge.domain.targets import query_targets
from tests.auxil.images import assert_readable_chart


def series_of(province: str, year: int | None = None):
    return target_series(query_targets(bundled_targets(), province, year))


def test_a_province_over_the_years():
    series = series_of("long an")
    counts = {s.label: s.points for s in series.counts}
    assert counts["Xã NTM nâng cao (thêm)"] == ((2021, 12), (2022, 8), (2023, 13), (2024, 13), (2025, 6))
    percents = {s.label: s.points for s in series.percents}
    assert percents["Xã NTM nâng cao (tỷ lệ đạt)"] == ((2021, 16.3), (2022, 21.7), (2023, 30.6), (2024, 38.6),
                                                       (2025, 40.1))
    assert percents["Xã NTM nâng cao (tỷ lệ)"] == ((2025, 40.0),)
    assert series.doc_ids == ("long-an-xa-van-hoa-ntm-nang-cao",)


def test_only_figures_of_one_scale_share_an_axis():
    series = series_of("Bắc Giang")
    assert {s.label for s in series.percents} == {"Tỷ lệ hộ nghèo", "Tỷ lệ tham gia BHYT",
                                                  "Tỷ lệ dân số dùng nước sạch"}
    labels = " ".join(s.label for s in (*series.counts, *series.percents))
    assert "Thu nhập" not in labels  # triệu đồng/người/năm: the table only


def test_a_merged_province_names_the_old_one_on_each_series():
    series = series_of("Hải Phòng")  # Hải Dương merged into Hải Phòng in 2025
    assert series.counts and all(s.label.startswith("Xã") for s in series.counts)
    assert series.doc_ids == ("hai-duong-ntm-2025",)
    several = target_series(query_targets(bundled_targets(), None, 2025))
    assert any(s.label.startswith("Hải Dương: ") for s in several.counts)


def test_no_targets_no_series():
    assert series_of("Cà Mau").empty


def test_the_chart_is_a_readable_png_with_both_panels():
    series = series_of("long an")
    cache = ChartCache()
    png = targets_chart(series, title="Chỉ tiêu nông thôn mới – Long An", titles={}, dates={}, cache=cache)
    _, height = assert_readable_chart(png)
    one_panel = targets_chart(series_of("tphcm"), title="TP. Hồ Chí Minh", titles={}, dates={}, cache=cache)
    assert assert_readable_chart(one_panel)[1] < height
    assert targets_chart(series, title="Chỉ tiêu nông thôn mới – Long An", titles={}, dates={}, cache=cache) is png


def test_source_line_cites_titles_and_the_latest_date():
    line = source_line(("a", "b"), {"a": "Kế hoạch A", "b": "Kế hoạch B"}, {"a": "2024-03-01", "b": "2025-01-15"})
    assert line.startswith("Nguồn: Kế hoạch A; Kế hoạch B, cập nhật 15/01/2025.")
    assert "và 1 tài liệu khác" in source_line(("a", "b", "c", "d"), {}, {})
