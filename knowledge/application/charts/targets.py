"""/chitieu as a chart: a province's targets year by year, counts above and percentages below.

Only figures that share a scale go on one axis: counts of units (xã, huyện,
thôn) as grouped bars per year, shares and rates (%) as lines with their
values written on the points. Amounts in other units (triệu đồng/người/năm)
stay in the table, which the caption or the next message always carries
with every citation; the chart's source line names the documents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matplotlib.ticker import MaxNLocator

from knowledge.application.charts.cache import CHARTS, ChartCache
from knowledge.application.charts.figure import COLORS, render_png, short
from knowledge.application.render.targets import subject
from knowledge.domain.targets.model import Kind, Target
from knowledge.domain.targets.query import group_targets
from knowledge.text.dates import format_date
from knowledge.text.numbers import format_number

MAX_SERIES = 8  # per panel; more would not fit a legend a phone can read
_COUNT_KINDS = (Kind.ADDITIONAL, Kind.TOTAL, Kind.COUNT)


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[tuple[int, float], ...]  # (year, value), years ascending


@dataclass(frozen=True)
class TargetSeries:
    counts: tuple[Series, ...]
    percents: tuple[Series, ...]
    doc_ids: tuple[str, ...]  # the documents the plotted figures come from, in citation order

    @property
    def empty(self) -> bool:
        return not self.counts and not self.percents


def target_series(targets: Sequence[Target]) -> TargetSeries:
    """The plottable series of `targets`: one per province, subject and kind, over the years stated."""
    rows = [r for r in group_targets(targets) if r.target.year is not None]
    several = len({r.target.province for r in rows}) > 1
    counts: dict[str, dict[int, float]] = {}
    percents: dict[str, dict[int, float]] = {}
    docs: dict[str, None] = {}
    for row in rows:
        t = row.target
        name = subject(t)
        if several and t.province:
            name = f"{t.province}: {name}"
        plotted = False
        if t.kind in _COUNT_KINDS and t.unit:
            label = f"{name} ({t.kind.label})" if t.kind is not Kind.COUNT else name
            plotted |= _add(counts, label, t.year, t.value)
        if t.kind in _COUNT_KINDS and t.percent is not None:
            plotted |= _add(percents, f"{name} (tỷ lệ đạt)", t.year, t.percent)
        elif t.kind is Kind.SHARE:
            plotted |= _add(percents, f"{name} (tỷ lệ)", t.year, float(t.value))
        elif t.kind is Kind.VALUE and (t.percent is not None or (t.measure or "").strip() == "%"):
            plotted |= _add(percents, name, t.year, float(t.value))
        if plotted:
            for source in row.sources:
                docs.setdefault(source.doc_id, None)
    return TargetSeries(_series(counts), _series(percents), tuple(docs))


def _add(table: dict[str, dict[int, float]], label: str, year: int, value: float) -> bool:
    table.setdefault(label, {}).setdefault(year, value)
    return True


def _series(table: Mapping[str, Mapping[int, float]]) -> tuple[Series, ...]:
    ordered = sorted(table.items(), key=lambda item: -len(item[1]))[:MAX_SERIES]  # longest series first
    names = [label for label, _ in ordered]
    return tuple(Series(label, tuple(sorted(table[label].items()))) for label in table if label in names)


def source_line(doc_ids: Sequence[str], titles: Mapping[str, str], dates: Mapping[str, str]) -> str:
    parts = [short(titles.get(d) or d, 70) for d in doc_ids[:3]]
    more = f" và {len(doc_ids) - 3} tài liệu khác" if len(doc_ids) > 3 else ""
    known = sorted(filter(None, (dates.get(d) for d in doc_ids)))
    updated = f", cập nhật {format_date(known[-1])}" if known else ""
    return f"Nguồn: {'; '.join(parts)}{more}{updated}. Trích dẫn từng số liệu: bảng kèm theo."


def targets_chart(series: TargetSeries, *, title: str, titles: Mapping[str, str], dates: Mapping[str, str],
                  cache: ChartCache = CHARTS) -> bytes:
    source = source_line(series.doc_ids, titles, dates)
    panels = [p for p in (series.counts, series.percents) if p]

    def draw(figure) -> None:
        axes = figure.subplots(len(panels), 1, squeeze=False)[:, 0]
        for ax, panel in zip(axes, panels, strict=True):
            if panel is series.counts:
                _bars(ax, panel)
            else:
                _lines(ax, panel)

    height = 160 + sum(380 + 34 * len(p) for p in panels)
    key = ("chitieu", title, series, source)
    return cache.get(key, lambda: render_png(height, draw, title=title, source=source))


def _years(panel: Sequence[Series]) -> list[int]:
    return sorted({year for s in panel for year, _ in s.points})


def _bars(ax, panel: Sequence[Series]) -> None:
    """Grouped bars per year; a year holds slots only for the series stated in it (no empty gaps)."""
    years = _years(panel)
    present = {y: [i for i, s in enumerate(panel) if y in dict(s.points)] for y in years}
    width = 0.8 / max(len(v) for v in present.values())
    for i, s in enumerate(panel):
        values = dict(s.points)
        xs = [years.index(y) + width * (present[y].index(i) - (len(present[y]) - 1) / 2) for y in values]
        drawn = ax.bar(xs, list(values.values()), width=width * 0.92, color=COLORS[i % len(COLORS)],
                       label=short(s.label, 60))
        ax.bar_label(drawn, labels=[format_number(v) for v in values.values()], padding=3, fontsize=14)
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_ylabel("Số đơn vị")
    ax.set_title("Số lượng theo năm", loc="left")
    top = max(v for s in panel for _, v in s.points)
    ax.set_ylim(0, top * 1.2 or 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.12), frameon=False, ncol=1)


_LABEL_OFFSETS = ((0, 12), (0, -28), (34, -8), (-34, -8))  # points; the next free one for close values


def _lines(ax, panel: Sequence[Series]) -> None:
    years = _years(panel)
    top = max(100.0, max(v for s in panel for _, v in s.points) * 1.1)
    placed: dict[int, list[float]] = {}
    for i, s in enumerate(panel):
        xs = [years.index(y) for y, _ in s.points]
        ys = [v for _, v in s.points]
        color = COLORS[(i + 2) % len(COLORS)]
        ax.plot(xs, ys, marker="o", markersize=10, linewidth=3, color=color, label=short(s.label, 60))
        for x, y in zip(xs, ys, strict=True):
            near = sum(1 for other in placed.setdefault(x, []) if abs(other - y) < top * 0.06)
            placed[x].append(y)
            ax.annotate(f"{format_number(y)}%", (x, y), textcoords="offset points",
                        xytext=_LABEL_OFFSETS[near % len(_LABEL_OFFSETS)], ha="center", fontsize=14,
                        color=color, fontweight="bold")
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_xlim(-0.5, len(years) - 0.5)
    ax.set_ylim(0, top)
    ax.set_ylabel("%")
    ax.set_title("Tỷ lệ (%) theo năm", loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.12), frameon=False, ncol=1)
