"""Telegram commands /xa (a commune's NTM status card), /thongke (counts by level) and /xuat (Excel files).

The replies come from the command table (`knowledge.application.commands`);
here only the Telegram side: several matches become buttons whose callback
data is "xa:<commune id>", answered with that unit's card in a new message.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import BotCommand, Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import texts as T
from bot.commands import context_of, handler
from bot.handlers import NO_PREVIEW
from knowledge.application.commands.communes import CARD, card
from knowledge.application.render.communes import MAX_CANDIDATES

log = logging.getLogger(__name__)
MAX_BUTTONS = MAX_CANDIDATES
CALLBACK_PREFIX = f"{CARD}:"
STALE = "Nút này đã cũ. Bạn hãy gõ lại /xa <tên xã>."


def register(application: Application) -> list[BotCommand]:
    """Adds /xa, /thongke, /xuat and the "xa:" buttons; returns their command-menu entries."""
    application.add_handler(CommandHandler("xa", handler("xa")))
    application.add_handler(CommandHandler("thongke", handler("thongke")))
    application.add_handler(CommandHandler("xuat", handler("xuat")))  # /thongke's (and /chitieu's) Excel file
    application.add_handler(CallbackQueryHandler(on_button, pattern=rf"^{CALLBACK_PREFIX}"))
    return T.menu("xa", "thongke", "xuat")


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    data = query.data or ""
    try:
        commune_id = int(data[len(CALLBACK_PREFIX):])
    except ValueError:
        await query.answer(STALE)
        return
    shown = await asyncio.to_thread(card, context_of(update, context), commune_id)
    if shown is None:
        await query.answer(STALE)
        return
    await query.answer()
    # A new message, so the list stays for comparing other candidates.
    await query.message.reply_html(shown.html, link_preview_options=NO_PREVIEW,
                                   do_quote=query.message.chat.type != ChatType.PRIVATE)
