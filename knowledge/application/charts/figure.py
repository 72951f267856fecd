"""One figure style for every chart: PNGs a phone shows readably (1200 px wide, large type).

Why no pyplot: the bot renders in worker threads, and pyplot keeps global
figure state; a `Figure` on the Agg canvas is self-contained. The rcParams
(DejaVu Sans, which matplotlib ships and which has every Vietnamese glyph)
are global, so rendering holds one lock; a chart takes a fraction of a second.
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections.abc import Callable

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

WIDTH_PX = 1200
DPI = 100
COLORS = ("#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a", "#c62828", "#00838f", "#5d4037", "#9e9d24")
LEVEL_COLORS = ("#81c784", "#1e88e5", "#f57c00")  # đạt chuẩn, nâng cao, kiểu mẫu
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 16,
    "axes.titlesize": 18,
    "axes.labelsize": 16,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "legend.fontsize": 14,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_LOCK = threading.Lock()


def render_png(height_px: int, draw: Callable[[Figure], None], *, title: str, source: str) -> bytes:
    """A PNG of `WIDTH_PX` x `height_px`: `draw` fills the figure, then the title on top and the source line
    at the bottom (every chart says where its figures come from)."""
    with _LOCK, matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        draw(figure)
        figure.suptitle("\n".join(textwrap.wrap(title, 70)), fontsize=22, fontweight="bold",
                        x=0.01, ha="left")
        figure.supxlabel("\n".join(textwrap.wrap(source, 120)), fontsize=13, color="#444",
                         x=0.01, ha="left")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
        return buffer.getvalue()


def short(text: str, width: int) -> str:
    """A label that fits: cut at a word, with an ellipsis."""
    return textwrap.shorten(text, width, placeholder="…")
