"""/xuat chitieu [tỉnh] [năm] and /xuat thongke [tỉnh]: the same tables as .xlsx files.

The file holds exactly the figures of the command's text table (one row per
figure), each with its source document, date and quoted sentence, so an
official can paste it into a report and cite it.
"""

from __future__ import annotations

from html import escape

from knowledge.application.commands.communes import scope_stats
from knowledge.application.commands.context import CommandContext
from knowledge.application.commands.files import document_reply
from knowledge.application.commands.reply import Reply
from knowledge.application.commands.targets import chart_title, document_facts
from knowledge.application.exports import stats_workbook, targets_workbook
from knowledge.application.render.targets import not_found_message
from knowledge.domain.targets.query import group_targets, parse_place_year, query_targets
from knowledge.places.names import key
from knowledge.text.normalize import fold

XUAT_HELP = (
    "<b>/xuat chitieu [tỉnh] [năm]</b>: bảng chỉ tiêu thành tệp Excel, mỗi dòng một số liệu kèm tài liệu, "
    "ngày và câu trích dẫn.\n"
    "<b>/xuat thongke [tỉnh]</b>: số xã theo mức đạt chuẩn thành tệp Excel (bỏ trống tỉnh: cả nước, từng tỉnh).\n"
    "Ví dụ: /xuat chitieu Long An · /xuat thongke bac ninh · /xuat thongke"
)
WHAT = {"chitieu": "chitieu", "chi tieu": "chitieu", "thongke": "thongke", "thong ke": "thongke"}
XLSX_CAPTION = "📎 <b>{title}</b>\n{rows} dòng số liệu, mỗi dòng kèm nguồn. Mở bằng Excel hoặc LibreOffice."


def xuat(ctx: CommandContext, args: str) -> Reply:
    what, rest = _split(args)
    if what == "chitieu":
        return export_targets(ctx, rest)
    if what == "thongke":
        return export_stats(ctx, rest)
    return Reply(XUAT_HELP)


def _split(args: str) -> tuple[str | None, str]:
    folded = fold(args.strip())
    for word in sorted(WHAT, key=len, reverse=True):
        if folded == word or folded.startswith(word + " "):
            return WHAT[word], args.strip()[len(word):].strip()
    return None, args


def export_targets(ctx: CommandContext, args: str) -> Reply:
    try:
        province, year = parse_place_year(args)
    except ValueError as exc:
        return Reply(f"{escape(str(exc), quote=False)}.\n{XUAT_HELP}")
    targets = ctx.targets()
    found = query_targets(targets, province, year)
    if not found:
        return Reply(escape(not_found_message(province, year, targets), quote=False))
    titles, dates = document_facts(ctx, found)
    data = targets_workbook(found, titles=titles, dates=dates)
    place = key(province or "") or "cac-tinh"
    name = f"chitieu-{place}" + (f"-{year}" if year else "") + ".xlsx"
    title = escape(chart_title(province, year, found), quote=False) if province or year else "Chỉ tiêu nông thôn mới"
    return document_reply(data, file_name=name, caption=XLSX_CAPTION.format(title=title,
                                                                             rows=len(group_targets(found))))


def export_stats(ctx: CommandContext, args: str) -> Reply:
    stats = scope_stats(ctx, args)
    if isinstance(stats, Reply):
        return stats
    provinces = () if args.strip() else ctx.communes().stats_by_province()
    data = stats_workbook(stats, provinces)
    name = f"thongke-{key(args) or 'ca-nuoc'}.xlsx"
    rows = 8 + 3 * len(provinces)
    title = f"Thống kê nông thôn mới – {escape(stats.scope_label, quote=False)}"
    return document_reply(data, file_name=name, caption=XLSX_CAPTION.format(title=title, rows=rows))
