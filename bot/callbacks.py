"""Inline button presses: more results, full passage of a citation (its whole article when it has one), 👍/👎."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import texts as T
from bot.handlers import NO_PREVIEW, services_of
from bot.keyboards import answer_keyboard, parse, with_feedback, without_more
from knowledge.application.render.answer import passage_pages, render_html

log = logging.getLogger(__name__)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    press = parse(query.data)
    if press is None:
        await query.answer()
        return
    services = services_of(context)
    if press.action == "f":
        ok = await services.feedback(press.qid, query.from_user.id, press.value)
        await query.answer(T.THANKS_FEEDBACK if ok else T.FEEDBACK_FAILED)
        if ok and query.message is not None:
            await _edit_markup(query, with_feedback(query.message.reply_markup, press.qid, press.value))
        return
    question, ranks = await services.query_of(press.qid)
    if question is None:
        await query.answer(T.STALE_BUTTON, show_alert=True)
        return
    if press.action == "m":
        answer = await services.run(services.answers.page, question, press.value)
        services.remember(press.qid, answer)
        await query.answer()
        await query.message.reply_html(render_html(answer), link_preview_options=NO_PREVIEW,
                                       reply_markup=answer_keyboard(answer, press.qid, feedback=False))
        await _edit_markup(query, without_more(query.message.reply_markup))
        return
    passage_id = ranks.get(press.value)
    hit = services.search.passage(passage_id) if passage_id else None
    if hit is None:
        hit = await services.run(services.answers.hit_at, question, press.value)
    if hit is None:
        await query.answer(T.PASSAGE_MISSING, show_alert=True)
        return
    await query.answer()
    whole = await services.run(services.answers.whole, hit)
    for page in passage_pages(whole, press.value):
        await query.message.reply_html(page, link_preview_options=NO_PREVIEW)


async def _edit_markup(query, markup) -> None:
    try:
        await query.edit_message_reply_markup(reply_markup=markup)
    except BadRequest as exc:  # pressed twice, or the message is gone: nothing to change
        log.debug("Keyboard unchanged: %s", exc)
