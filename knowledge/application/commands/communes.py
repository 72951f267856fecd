"""/xa (a commune's NTM status card) and /thongke (counts by level, with a chart), from the commune registry.

Several matches become choices (the bot's buttons, the console's numbers);
choosing one runs `card` with that unit's id.
"""

from __future__ import annotations

from html import escape

from knowledge.application.charts import country_chart, province_chart
from knowledge.application.commands.context import CommandContext
from knowledge.application.commands.files import chart_reply
from knowledge.application.commands.reply import Choice, Reply
from knowledge.application.render.communes import (
    MAX_CANDIDATES,
    render_card_html,
    render_lookup,
    render_stats_html,
)
from knowledge.domain.communes.stats import Stats

XA_HELP = (
    "<b>/xa &lt;tên xã&gt;</b>: mức đạt chuẩn nông thôn mới của một xã/phường, kèm năm và số quyết định.\n"
    "Ví dụ: /xa Cao Xá · /xa Tân Hiệp, Kiên Giang · /xa ngoc thien\n"
    "Gõ có dấu hay không dấu, tên cũ (trước 01/7/2025) hay tên mới đều được; "
    "thêm tên tỉnh sau dấu phẩy nếu có nhiều xã trùng tên."
)
THONGKE_EXAMPLES = "Ví dụ: /thongke Bắc Ninh · /thongke kien giang · /thongke (cả nước)"
CARD = "xa"  # the action of a choice: show the card of the unit with this id


def xa(ctx: CommandContext, args: str) -> Reply:
    query = args.strip()
    if not query:
        return Reply(XA_HELP)
    result = ctx.communes().find(query)
    refs = result.candidates if result.ambiguous else result.closest if result.not_found else ()
    choices = tuple(Choice(ref.label, CARD, ref.id) for ref in refs[:MAX_CANDIDATES])
    return Reply(render_lookup(result, buttons=True), choices)


def card(ctx: CommandContext, commune_id: int) -> Reply | None:
    """The card of one unit (a chosen candidate); None when the id is not (or no longer) known."""
    found = ctx.communes().card(commune_id)
    return Reply(render_card_html(found)) if found is not None else None


def scope_stats(ctx: CommandContext, args: str) -> Stats | Reply:
    """The statistics of the province in `args` (the country when empty), or the reply naming a wrong one."""
    from knowledge.domain.communes import ProvinceNotFound

    try:
        return ctx.communes().stats(args.strip() or None)
    except ProvinceNotFound as exc:
        return Reply(escape(str(exc), quote=False) + "\n" + THONGKE_EXAMPLES)


def thongke(ctx: CommandContext, args: str) -> Reply:
    """The counts as a chart with the text table; no data loaded: the table alone says so (no empty chart)."""
    stats = scope_stats(ctx, args)
    if isinstance(stats, Reply):
        return stats
    table = render_stats_html(stats)
    if not stats.recognised:
        return Reply(table)
    if args.strip():
        return chart_reply(table, lambda: province_chart(stats), file_name="thongke.png",
                           title=f"Thống kê nông thôn mới – {stats.scope_label}")
    return chart_reply(table, lambda: country_chart(ctx.communes().stats_by_province(), stats.latest_import),
                       file_name="thongke-ca-nuoc.png", title="Thống kê nông thôn mới – cả nước")
