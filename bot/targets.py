"""Telegram commands /chitieu (targets by province and year) and /tieuchi (national criteria sets).

The replies come from the command table (`knowledge.application.commands`):
targets of the index in use (or the published index's targets.jsonl), the
criteria sets, and the documents a search finds for a criterion.
"""

from __future__ import annotations

from telegram import BotCommand
from telegram.ext import Application, CommandHandler

from bot import texts as T
from bot.commands import handler


def register(application: Application) -> list[BotCommand]:
    """Adds /chitieu and /tieuchi; returns their entries for the command menu."""
    application.add_handler(CommandHandler("chitieu", handler("chitieu")))
    application.add_handler(CommandHandler("tieuchi", handler("tieuchi")))
    return T.menu("chitieu", "tieuchi")
