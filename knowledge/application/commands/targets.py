"""/chitieu (targets by province and year, from the index, with a chart) and /tieuchi (the national criteria sets)."""

from __future__ import annotations

from html import escape

from knowledge.application.charts import target_series, targets_chart
from knowledge.application.commands.context import CommandContext
from knowledge.application.commands.files import chart_reply
from knowledge.application.commands.reply import Reply
from knowledge.application.render.criteria import tieuchi_reply
from knowledge.application.render.targets import targets_reply
from knowledge.domain.targets import provinces_with_targets
from knowledge.domain.targets.query import parse_place_year, province_display, query_targets

CHITIEU_HELP = (
    "<b>/chitieu [tỉnh] [năm]</b>: bảng chỉ tiêu NTM trích từ tài liệu, mỗi dòng kèm nguồn.\n"
    "Ví dụ: /chitieu Hải Dương 2025 · /chitieu tphcm · /chitieu 2024"
)
DOCUMENTS_PER_CRITERION = 3


def chitieu(ctx: CommandContext, args: str) -> Reply:
    text = args.strip()
    targets = ctx.targets()
    if not text:
        known = ", ".join(p for p, _ in provinces_with_targets(targets)) or "chưa có (hãy lập chỉ mục tài liệu)"
        return Reply(f"{CHITIEU_HELP}\nĐã có chỉ tiêu của: {escape(known, quote=False)}.")
    try:
        province, year = parse_place_year(text)
    except ValueError as exc:
        return Reply(f"{escape(str(exc), quote=False)}.\n{CHITIEU_HELP}")
    table = targets_reply(targets, province, year, html_mode=True)
    found = query_targets(targets, province, year)
    series = target_series(found)
    if series.empty:  # nothing found (the table says so), or no figure with a year to plot
        return Reply(table)
    title = chart_title(province, year, found)
    titles, dates = document_facts(ctx, found)
    return chart_reply(table, lambda: targets_chart(series, title=title, titles=titles, dates=dates),
                       file_name="chitieu.png", title=title)


def chart_title(province: str | None, year: int | None, found=()) -> str:
    """'Chỉ tiêu nông thôn mới – Long An năm 2025'; a merged province says whose figures it shows
    ('Hải Phòng (số liệu của Hải Dương)'), since the documents predate the 2025 merger."""
    place = province_display(province) if province else "các tỉnh"
    stated = sorted({t.province for t in found if t.province})
    if province and stated and stated != [place]:
        place += f" (số liệu của {', '.join(stated)})"
    return f"Chỉ tiêu nông thôn mới – {place}" + (f" năm {year}" if year else "")


def document_facts(ctx: CommandContext, targets) -> tuple[dict[str, str], dict[str, str]]:
    """(title, date) of each document by id, for the chart's source line and the export's columns: titles as
    the text table cites them (the target's own), else the index's; dates from the index."""
    titles, dates = {}, {}
    for doc in ctx.documents():
        titles[doc.doc_id] = doc.title
        if doc.date:
            dates[doc.doc_id] = doc.date
    titles.update({t.doc_id: t.doc_title for t in targets if t.doc_title})
    return titles, dates


def tieuchi(ctx: CommandContext, args: str) -> Reply:
    """The set's list, or one criterion with the documents that discuss it."""
    return Reply(tieuchi_reply(args.strip(), ctx.search, html_mode=True, k=DOCUMENTS_PER_CRITERION))
