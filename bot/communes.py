"""Telegram commands /xa (a commune's NTM status card) and /thongke (counts by level).

The handlers only translate between Telegram and `knowledge.domain.communes`: lookups
run in a worker thread (`asyncio.to_thread`: SQL and fuzzy matching must not
hold up the event loop); several matches become buttons whose callback data
is "xa:<commune id>", answered with that unit's card.
"""

from __future__ import annotations

import asyncio
import logging
from html import escape

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
MAX_BUTTONS = 10
CALLBACK_PREFIX = "xa:"

COMMANDS = [
    BotCommand("xa", "Tình trạng nông thôn mới của một xã"),
    BotCommand("thongke", "Số xã đạt chuẩn NTM theo tỉnh"),
]
XA_HELP = (
    "<b>/xa &lt;tên xã&gt;</b>: mức đạt chuẩn nông thôn mới của một xã/phường, kèm năm và số quyết định.\n"
    "Ví dụ: /xa Cao Xá · /xa Tân Hiệp, Kiên Giang · /xa ngoc thien\n"
    "Gõ có dấu hay không dấu, tên cũ (trước 01/7/2025) hay tên mới đều được; "
    "thêm tên tỉnh sau dấu phẩy nếu có nhiều xã trùng tên."
)
STALE = "Nút này đã cũ. Bạn hãy gõ lại /xa <tên xã>."


def register(application: Application) -> list[BotCommand]:
    """Adds /xa, /thongke and the "xa:" buttons; returns their command-menu entries."""
    application.add_handler(CommandHandler("xa", xa))
    application.add_handler(CommandHandler("thongke", thongke))
    application.add_handler(CallbackQueryHandler(on_button, pattern=rf"^{CALLBACK_PREFIX}"))
    return list(COMMANDS)


def communes_service(application: Application):
    """The registry service of the bot's database, created on first use and kept in bot_data."""
    service = application.bot_data.get("communes")
    if service is None:
        from knowledge.domain.communes import service_for
        from knowledge.domain.db import get_engine

        services = application.bot_data.get("services")
        engine = getattr(services, "db_engine", None)
        if engine is None:
            engine = get_engine(services.settings.sqlalchemy_url)
        service = application.bot_data["communes"] = service_for(engine)
    return service


async def _reply(update: Update, html_text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    chat = update.effective_chat
    private = chat is not None and chat.type == ChatType.PRIVATE
    await update.effective_message.reply_html(html_text, reply_markup=markup, do_quote=not private,
                                              link_preview_options=NO_PREVIEW)


def _buttons(refs) -> InlineKeyboardMarkup | None:
    rows = [[InlineKeyboardButton(ref.label[:60], callback_data=f"{CALLBACK_PREFIX}{ref.id}")]
            for ref in refs[:MAX_BUTTONS]]
    return InlineKeyboardMarkup(rows) if rows else None


async def xa(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from knowledge.application.render.communes import render_lookup

    query = " ".join(context.args or []).strip()
    if not query:
        await _reply(update, XA_HELP)
        return
    service = communes_service(context.application)
    result = await asyncio.to_thread(service.find, query)
    markup = None
    if result.ambiguous:
        markup = _buttons(result.candidates)
    elif result.not_found:
        markup = _buttons(result.closest)
    await _reply(update, render_lookup(result, buttons=True), markup)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from knowledge.application.render.communes import render_card_html

    query = update.callback_query
    data = query.data or ""
    try:
        commune_id = int(data[len(CALLBACK_PREFIX):])
    except ValueError:
        await query.answer(STALE)
        return
    service = communes_service(context.application)
    card = await asyncio.to_thread(service.card, commune_id)
    if card is None:
        await query.answer(STALE)
        return
    await query.answer()
    # A new message, so the list stays for comparing other candidates.
    await query.message.reply_html(render_card_html(card), link_preview_options=NO_PREVIEW,
                                   do_quote=query.message.chat.type != ChatType.PRIVATE)


async def thongke(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from knowledge.application.render.communes import render_stats_html
    from knowledge.domain.communes import ProvinceNotFound

    province = " ".join(context.args or []).strip() or None
    service = communes_service(context.application)
    try:
        stats = await asyncio.to_thread(service.stats, province)
    except ProvinceNotFound as exc:
        await _reply(update, escape(str(exc), quote=False)
                     + "\nVí dụ: /thongke Bắc Ninh · /thongke kien giang · /thongke (cả nước)")
        return
    await _reply(update, render_stats_html(stats))
