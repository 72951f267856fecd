"""/thongke as a chart: a province's communes by NTM level, or the provinces side by side.

Horizontal bars because province names are long and a phone is narrow; the
country shows the `TOP_PROVINCES` with most recognised units and folds the
rest into one "Còn lại" bar, so every label stays large. Levels are stacked
by each unit's highest level (their sum is the "đạt chuẩn, mọi mức" total of
the text table).
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.ticker import MaxNLocator

from knowledge.application.charts.cache import CHARTS, ChartCache
from knowledge.application.charts.figure import LEVEL_COLORS, render_png
from knowledge.domain.communes.cards import ImportInfo
from knowledge.domain.communes.levels import LEVELS_BY_RANK, Level
from knowledge.domain.communes.stats import ProvinceCounts, Stats
from knowledge.text.dates import format_datetime
from knowledge.text.numbers import format_number

TOP_PROVINCES = 15
_HIGHEST_LABELS = {Level.NTM: "Đạt chuẩn NTM", Level.NANG_CAO: "NTM nâng cao", Level.KIEU_MAU: "NTM kiểu mẫu"}


def source_line(info: ImportInfo | None) -> str:
    if info is None:
        return "Nguồn: chưa nạp danh sách công nhận nào."
    return (f"Nguồn: danh sách công nhận “{info.file_name}” đã nạp vào hệ thống, "
            f"cập nhật {format_datetime(info.imported_at)}.")


def _import_key(info: ImportInfo | None) -> tuple:
    return (info.file_name, info.imported_at.isoformat()) if info else ()


def province_chart(stats: Stats, cache: ChartCache = CHARTS) -> bytes:
    """Three bars: đạt chuẩn (every level), nâng cao or higher, kiểu mẫu; on the province's unit count."""
    bars = [("Đạt chuẩn NTM\n(mọi mức)", stats.at_least(Level.NTM)),
            ("NTM nâng cao\ntrở lên", stats.at_least(Level.NANG_CAO)),
            ("NTM kiểu mẫu", stats.at_least(Level.KIEU_MAU))]
    title = f"Số xã đạt chuẩn nông thôn mới – {stats.scope_label}"
    source = source_line(stats.latest_import)
    units = (f"Số đơn vị cấp xã: {format_number(stats.units_current)} hiện nay, "
             f"{format_number(stats.units_old)} trước 01/7/2025")

    def draw(figure) -> None:
        ax = figure.subplots()
        labels = [label for label, _ in bars][::-1]
        values = [value for _, value in bars][::-1]
        drawn = ax.barh(labels, values, color=list(LEVEL_COLORS)[::-1], height=0.6)
        ax.bar_label(drawn, labels=[format_number(v) for v in values], padding=6, fontsize=18,
                     fontweight="bold")
        ax.set_xlim(0, max(values) * 1.18 or 1)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("Số đơn vị cấp xã (mỗi xã tính theo mức cao nhất đã đạt)")
        ax.set_title(units, loc="left", color="#444")

    key = ("thongke", stats.scope_label, tuple(b[1] for b in bars), stats.units_current, stats.units_old,
           _import_key(stats.latest_import))
    return cache.get(key, lambda: render_png(620, draw, title=title, source=source))


def country_chart(rows: Sequence[ProvinceCounts], info: ImportInfo | None, cache: ChartCache = CHARTS) -> bytes:
    """The provinces with most recognised units, stacked by highest level; the others as "Còn lại"."""
    shown = [r for r in rows if r.recognised][:TOP_PROVINCES]
    rest = [r for r in rows if r.recognised][TOP_PROVINCES:]
    labels = [r.province.short_name for r in shown]
    counts = [[r.by_highest.get(level, 0) for level in LEVELS_BY_RANK] for r in shown]
    if rest:
        labels.append(f"Còn lại ({len(rest)} tỉnh)")
        counts.append([sum(r.by_highest.get(level, 0) for r in rest) for level in LEVELS_BY_RANK])
    title = "Số xã đạt chuẩn nông thôn mới theo tỉnh, thành phố – cả nước"
    source = source_line(info)

    def draw(figure) -> None:
        ax = figure.subplots()
        y = list(range(len(labels)))[::-1]
        left = [0] * len(labels)
        for i, level in enumerate(LEVELS_BY_RANK):
            widths = [c[i] for c in counts]
            ax.barh(y, widths, left=left, color=LEVEL_COLORS[i], height=0.7, label=_HIGHEST_LABELS[level])
            left = [a + b for a, b in zip(left, widths, strict=True)]
        for yy, total in zip(y, left, strict=True):
            ax.text(total, yy, f" {format_number(total)}", va="center", fontsize=15, fontweight="bold")
        ax.set_yticks(y, labels)
        if rest:
            ax.get_yticklabels()[-1].set_fontstyle("italic")
        ax.set_xlim(0, max(left) * 1.12 or 1)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("Số đơn vị cấp xã, theo mức cao nhất đã đạt")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, frameon=False)  # above: never on a bar

    key = ("thongke-country", tuple(labels), tuple(map(tuple, counts)), _import_key(info))
    return cache.get(key, lambda: render_png(max(700, 120 + 52 * len(labels)), draw, title=title, source=source))
