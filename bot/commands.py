"""The command table of `knowledge.application.commands` in Telegram: the handlers only translate.

Each command runs in a worker thread (SQL, fuzzy matching and search must not
hold up the event loop); its HTML goes out as the reply, its choices as
inline buttons whose callback data is "<action>:<value>" (e.g. "xa:<commune
id>", answered by `bot.communes.on_button`).
"""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import texts as T
from bot.handlers import reply, services_of
from knowledge.application.commands import Choice, CommandContext, Outcome, Reply, table

BUTTON_LABEL = 60  # characters of a choice shown on its button


def context_of(update: Update, context: ContextTypes.DEFAULT_TYPE) -> CommandContext:
    user = update.effective_user
    return CommandContext(services_of(context), person=user.first_name if user else "bạn",
                          help_extra=f"{T.GROUPS_HELP}\n{T.BUTTONS_HELP}")


def keyboard(choices: tuple[Choice, ...]) -> InlineKeyboardMarkup | None:
    rows = [[InlineKeyboardButton(c.label[:BUTTON_LABEL], callback_data=f"{c.action}:{c.value}")] for c in choices]
    return InlineKeyboardMarkup(rows) if rows else None


async def run(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str, args: str | None = None) -> Outcome:
    """Run /`name` (arguments: the words after the command) and send its `Reply`; an `Ask` is returned
    for the caller to answer."""
    args = " ".join(context.args or []) if args is None else args
    outcome = await asyncio.to_thread(table.run, name, args, context_of(update, context))
    if isinstance(outcome, Reply):
        await reply(update, outcome.html, reply_markup=keyboard(outcome.choices))
    return outcome


def handler(name: str):
    """The Telegram handler of the table's /`name`."""

    async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await run(update, context, name)

    handle.__name__ = handle.__qualname__ = name
    return handle


start = handler("start")
help_command = handler("help")
sources = handler("nguon")
