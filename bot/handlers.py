"""Telegram updates -> answer engine -> replies. The handlers only translate; answers come from
knowledge.application.answer, command replies from knowledge.application.commands (`bot.commands`).

Who gets an answer: any text in a private chat; `/hoi <câu hỏi>` anywhere;
in groups a mention of the bot or a reply to one of its messages (groups'
other chatter is ignored). Everything else gets a short helpful reply.
Questions go through the person's line (`bot.question_queue`), so a burst of
them is answered in order, each one.
"""

from __future__ import annotations

import logging

from telegram import LinkPreviewOptions, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot import texts as T
from bot.keyboards import answer_keyboard
from bot.question_queue import Admission
from knowledge.application.commands import Ask, CommandContext, table
from knowledge.application.commands import texts as C
from knowledge.application.render.answer import render_html

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def services_of(context: ContextTypes.DEFAULT_TYPE):
    return context.application.bot_data["services"]


def _private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


async def reply(update: Update, html_text: str, quote: bool | None = None, **kwargs) -> Message:
    """Reply in the same chat; in groups (or when `quote`) quote the asker's message so the thread stays
    readable."""
    message = update.effective_message
    do_quote = not _private(update) if quote is None else quote
    return await message.reply_html(html_text, do_quote=do_quote, link_preview_options=NO_PREVIEW, **kwargs)


# ------------------------------------------------------------------ /hoi (the other commands: bot.commands)


async def hoi(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    text = message.text or ""
    command = next((e for e in message.entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None)
    if command is not None:  # at offset 0 and ASCII: UTF-16 and str lengths agree
        question = text[len(message.parse_entity(command)):].strip()
    else:
        question = " ".join(context.args or [])
    outcome = table.run("hoi", question, CommandContext(services_of(context)))
    if isinstance(outcome, Ask):
        await answer_question(update, context, outcome.question)
    else:
        await reply(update, outcome.html)


# ------------------------------------------------------------------ questions


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_question(update, context, update.effective_message.text or "")


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups: answer a mention of the bot or a reply to the bot; ignore the rest."""
    message = update.effective_message
    username = (context.bot.username or "").lower()
    mentions = [e for e in message.entities if e.type == MessageEntity.MENTION
                and message.parse_entity(e).lower() == f"@{username}"]
    replied_to_bot = (message.reply_to_message is not None and message.reply_to_message.from_user is not None
                      and message.reply_to_message.from_user.id == context.bot.id)
    if not mentions and not replied_to_bot:
        return
    text = message.text or ""
    for entity in sorted(mentions, key=lambda e: e.offset, reverse=True):
        mention = message.parse_entity(entity)
        start = text.find(mention)
        text = text[:start] + " " + text[start + len(mention):]
    if not text.strip():
        await reply(update, C.HOI_EMPTY)
        return
    await answer_question(update, context, text)


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Into the person's line (`bot.question_queue`): answered in order, paced, never dropped."""
    queue = context.application.bot_data["questions"]
    if queue.submit(_Question(update, context, text)) is Admission.FULL:
        await reply(update, T.QUEUE_FULL.format(limit=queue.max_waiting), quote=True)  # "câu này": quote it


class _Question:
    """One question from Telegram, as `bot.question_queue` runs it."""

    def __init__(self, update: Update, context: ContextTypes.DEFAULT_TYPE, text: str):
        user, chat = update.effective_user, update.effective_chat
        self.update, self.context, self.text = update, context, text
        self.person = user.id if user else chat.id
        self.key = (chat.id, self.person)

    async def answer(self) -> None:
        services = services_of(self.context)
        chat = self.update.effective_chat
        # Follow-ups are per person: in a group two officials' threads must not mix.
        chat_key = chat.id if chat.type == ChatType.PRIVATE else self.key
        answer = await services.ask(self.text, chat_key)
        qid = await services.log_question(answer, chat_id=chat.id, user_id=self.person, chat_type=chat.type)
        # Several questions at once: each answer quotes its question, in private chats too.
        crowded = self.context.application.bot_data["questions"].crowded(self.key)
        await reply(self.update, render_html(answer), reply_markup=answer_keyboard(answer, qid),
                    quote=crowded or None)

    async def notify_wait(self, seconds: int) -> None:
        await reply(self.update, T.THROTTLED.format(seconds=seconds))

    async def failed(self, error: Exception) -> None:
        await self.context.application.process_error(self.update, error)


# ------------------------------------------------------------------ everything else


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice, files... in a private chat."""
    await reply(update, T.NOT_TEXT)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    command = (message.text or "").split()[0] if message.text else ""
    addressed = "@" not in command or command.lower().endswith(f"@{(context.bot.username or '').lower()}")
    if _private(update) or (addressed and "@" in command):
        await reply(update, C.UNKNOWN_COMMAND)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log, tell the person something went wrong, keep running."""
    log.error("Lỗi khi xử lý update %s", getattr(update, "update_id", "?"), exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(C.ERROR, show_alert=True)
        elif update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, C.ERROR)
    except Exception:  # noqa: BLE001 - nothing more to do; the error is logged above
        log.warning("Không gửi được thông báo lỗi", exc_info=True)
