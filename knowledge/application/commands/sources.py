"""/nguon: the documents answers come from, newest first, each with the id admins remove it by
and, for regulations and plans, their number, issuer and dates."""

from __future__ import annotations

from html import escape

from knowledge.application.commands.context import CommandContext
from knowledge.application.commands.reply import Reply
from knowledge.application.commands.texts import NO_SOURCES, SOURCES_HEAD
from knowledge.application.render.answer import fit
from knowledge.application.render.legal import legal_line
from knowledge.text.dates import format_date


def nguon(ctx: CommandContext, args: str = "") -> Reply:
    documents = ctx.documents()
    if not documents:
        return Reply(NO_SOURCES)
    lines = [SOURCES_HEAD.format(count=len(documents))]
    for d in sorted(documents, key=lambda d: d.date or "", reverse=True):
        meta = ", ".join(x for x in (d.source, format_date(d.date)) if x)
        line = f"• <code>{escape(d.doc_id, quote=False)}</code> — {escape(d.title, quote=False)}"
        lines.append(line + (f" <i>({escape(meta, quote=False)})</i>" if meta else ""))
        legal = legal_line(d)
        if legal:  # "Quyết định 318/QĐ-TTg · Thủ tướng Chính phủ · ký 08/03/2022 · hiệu lực ..."
            lines.append(f"  {escape(legal, quote=False)}")
    return Reply(fit("\n".join(lines)))
