"""Draws README's two charts (docs/thongke.png, docs/chitieu.png) and times a chart's rendering.

    NTM_DATA_DIR=$(mktemp -d) ntm communes import knowledge/eval/blind/communes.csv  # then, same NTM_DATA_DIR:
    python scripts/docs_charts.py docs

/thongke for the country over that list, /chitieu Long An over the bundled
articles; saved as 64-colour palette PNGs so the README stays small (the bot
sends the full-colour ones).
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

from PIL import Image

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.charts import ChartCache, country_chart, target_series, targets_chart
from knowledge.domain.communes import service_for
from knowledge.domain.db import get_engine
from knowledge.domain.targets import query_targets
from knowledge.settings import Settings


def main(folder: Path) -> None:
    service = service_for(get_engine(Settings().sqlalchemy_url))
    stats, provinces = service.stats(), service.stats_by_province()
    targets = bundled_targets()
    series = target_series(query_targets(targets, "Long An"))
    titles = {t.doc_id: t.doc_title for t in targets if t.doc_title}
    charts = {
        "thongke": lambda cache: country_chart(provinces, stats.latest_import, cache),
        "chitieu": lambda cache: targets_chart(series, title="Chỉ tiêu nông thôn mới – Long An", titles=titles,
                                               dates={}, cache=cache),
    }
    for name, draw in charts.items():
        times = []
        for _ in range(5):
            start = time.perf_counter()
            png = draw(ChartCache())  # a new cache each time: every run renders
            times.append(time.perf_counter() - start)
        image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64)
        image.save(folder / f"{name}.png", optimize=True)
        print(f"{name}: {image.size[0]}x{image.size[1]} px, {len(png) // 1024} KB as sent, "
              f"{(folder / f'{name}.png').stat().st_size // 1024} KB in {folder}; "
              f"render median {statistics.median(times) * 1000:.0f} ms")
        cache = ChartCache()
        draw(cache)
        start = time.perf_counter()
        draw(cache)
        print(f"  from the cache: {(time.perf_counter() - start) * 1e6:.0f} µs")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
