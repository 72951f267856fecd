"""Charts as PNGs for /thongke and /chitieu (matplotlib, Agg), cached by what they show.

- `province_chart(stats)`, `country_chart(rows, import_info)`: communes by NTM level.
- `target_series(targets)` then `targets_chart(series, ...)`: a province's targets over the years.
The bot only sends the bytes; `ntm chat` saves them and says where.
"""

from knowledge.application.charts.cache import CHARTS, ChartCache
from knowledge.application.charts.communes import country_chart, province_chart
from knowledge.application.charts.targets import TargetSeries, target_series, targets_chart

__all__ = ["CHARTS", "ChartCache", "TargetSeries", "country_chart", "province_chart", "target_series",
           "targets_chart"]
