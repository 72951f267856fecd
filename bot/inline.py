"""Inline mode in Telegram: `@bot câu hỏi` in any chat -> article cards (knowledge.application.inline).

Only the translation lives here: cards become InlineQueryResultArticle with a
button that deep-links into the private chat (`bot.deeplink`). Inline queries
take a token from the same per-person bucket as questions (`bot.throttle`):
with none left the person sees a "wait" button instead of results, cached for
nobody (cache_time 0, personal). Answers are the same for everyone (no chat
memory), so Telegram may cache them for a few minutes; a new index or import
shows within that time.
"""

from __future__ import annotations

import logging

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, ContextTypes, InlineQueryHandler

from bot import deeplink
from bot import texts as T
from bot.handlers import services_of
from knowledge.application.inline import InlineReply, answer_inline, is_short
from knowledge.application.render.inline import InlineCard

log = logging.getLogger(__name__)
CACHE_ANSWER = 300  # seconds Telegram may reuse an answer for the same query
CACHE_HELP = 3600
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def register(application: Application) -> list[BotCommand]:
    application.add_handler(InlineQueryHandler(on_inline_query))
    return []


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    services = services_of(context)
    username = context.bot.username or ""
    private = InlineQueryResultsButton(T.INLINE_PRIVATE, start_parameter="help")
    if not is_short(query.query):
        throttle = context.application.bot_data["questions"].throttle
        bucket = throttle.bucket(query.from_user.id)
        if not bucket.take():
            wait = InlineQueryResultsButton(T.INLINE_WAIT.format(seconds=max(1, round(bucket.wait()))),
                                            start_parameter="help")
            await _answer(query, [], cache_time=0, is_personal=True, button=wait)
            return
    try:
        found = await answer_inline(services, query.query, username)
    except Exception:  # noqa: BLE001 - say so on the spot rather than leave the list spinning
        log.exception("Lỗi khi trả lời truy vấn inline %r", query.query)
        failed = InlineQueryResultsButton(T.INLINE_FAILED, start_parameter="help")
        await _answer(query, [], cache_time=0, is_personal=True, button=failed)
        return
    logged: int | None = None
    results = []
    for card in found.cards:
        payload = _link_payload(card, found)
        if payload is None:  # a question too long for the link: logged once, linked by its log id
            if logged is None:
                logged = await services.log_question(found.answer, chat_id=None, user_id=query.from_user.id,
                                                     chat_type=query.chat_type, interface="inline")
            payload = f"l{logged}"
        results.append(_article(card, payload, username))
    await _answer(query, results, cache_time=CACHE_HELP if found.kind == "help" else CACHE_ANSWER,
                  is_personal=False, button=private)


def _link_payload(card: InlineCard, found: InlineReply) -> str | None:
    """The start payload of a card's button; None when the question must be logged to be linked."""
    opens = card.opens
    if opens.kind == "commune":
        return f"x{opens.value}"
    if opens.kind == "question" and opens.value:
        return deeplink.question_payload(str(opens.value)) or (None if found.answer is not None else "help")
    return "help"


def _article(card: InlineCard, payload: str, username: str) -> InlineQueryResultArticle:
    label = T.INLINE_OPEN_COMMUNE if card.opens.kind == "commune" else T.INLINE_OPEN
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(label, url=deeplink.link(username, payload))]]) \
        if username else None
    return InlineQueryResultArticle(
        id=card.id, title=card.title, description=card.description or None,
        input_message_content=InputTextMessageContent(card.html, parse_mode=ParseMode.HTML,
                                                      link_preview_options=NO_PREVIEW),
        reply_markup=markup)


async def _answer(query, results, **kwargs) -> None:
    try:
        await query.answer(results, **kwargs)
    except BadRequest as exc:  # too late (the person typed on) or already answered: nothing to show anymore
        log.info("Không trả lời được truy vấn inline %s: %s", query.id, exc)
