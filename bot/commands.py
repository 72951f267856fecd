"""The command table of `knowledge.application.commands` in Telegram: the handlers only translate.

Each command runs in a worker thread (SQL, fuzzy matching, search and chart
rendering must not hold up the event loop); its files go out first (a chart
as a photo, an export as a document), then its HTML goes out as the reply, its choices as
inline buttons whose callback data is "<action>:<value>" (e.g. "xa:<commune
id>", answered by `bot.communes.on_button`).
"""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import ContextTypes

from bot import texts as T
from bot.handlers import reply, services_of
from knowledge.application.commands import Choice, CommandContext, Outcome, Reply, table
from knowledge.application.commands.reply import PHOTO

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
        await send(update, outcome)
    return outcome


async def send(update: Update, outcome: Reply) -> None:
    """The reply's files (a chart as a photo, an export as a document, each with its caption), then its text."""
    message = update.effective_message
    quote = update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE
    markup = keyboard(outcome.choices)
    for n, attachment in enumerate(outcome.files):
        last = n == len(outcome.files) - 1 and not outcome.html
        upload = InputFile(attachment.data, filename=attachment.file_name)
        send_file = message.reply_photo if attachment.kind == PHOTO else message.reply_document
        await send_file(upload, caption=attachment.caption or None, parse_mode=ParseMode.HTML, do_quote=quote,
                        reply_markup=markup if last else None)
    if outcome.html:
        await reply(update, outcome.html, reply_markup=markup)


def handler(name: str):
    """The Telegram handler of the table's /`name`."""

    async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await run(update, context, name)

    handle.__name__ = handle.__qualname__ = name
    return handle


start = handler("start")
help_command = handler("help")
sources = handler("nguon")
