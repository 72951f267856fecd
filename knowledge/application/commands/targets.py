"""/chitieu (targets by province and year, from the index) and /tieuchi (the national criteria sets)."""

from __future__ import annotations

from html import escape

from knowledge.application.commands.context import CommandContext
from knowledge.application.commands.reply import Reply
from knowledge.application.render.criteria import tieuchi_reply
from knowledge.application.render.targets import targets_reply
from knowledge.domain.targets import provinces_with_targets
from knowledge.domain.targets.query import parse_place_year

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
    return Reply(targets_reply(targets, province, year, html_mode=True))


def tieuchi(ctx: CommandContext, args: str) -> Reply:
    """The set's list, or one criterion with the documents that discuss it."""
    return Reply(tieuchi_reply(args.strip(), ctx.search, html_mode=True, k=DOCUMENTS_PER_CRITERION))
