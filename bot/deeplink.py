"""Deep links into the private chat: t.me/<bot>?start=<payload>, and the /start that opens them.

Why: an inline card dropped into a group carries only the lead; its button
opens the full answer (every passage, its buttons) in the person's private
chat. Telegram allows a start payload of 64 characters from [A-Za-z0-9_-], so:
    q<base64url of the question, UTF-8>   when that fits: needs no state at all
    l<question-log id>                    longer questions, logged when the card was made
    x<commune id>                         a commune's status card
    help                                  the usual greeting
A /start whose payload cannot be read (or whose log row is gone) says so and
greets as usual; it never fails silently.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import re
from dataclasses import dataclass

from telegram import Update
from telegram.ext import ContextTypes

from bot import commands
from bot import texts as T
from bot.handlers import answer_question, reply, services_of
from knowledge.application.commands.communes import card
from knowledge.text.normalize import normalize

MAX_PAYLOAD = 64
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class Opened:
    kind: str  # "question", "logged", "commune", "help"
    value: str | int | None = None


def link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


def question_payload(question: str) -> str | None:
    """'q' + the question itself when it fits in a start payload; None when it is too long."""
    encoded = base64.urlsafe_b64encode(question.encode("utf-8")).decode("ascii").rstrip("=")
    payload = "q" + encoded
    return payload if len(payload) <= MAX_PAYLOAD else None


def parse(payload: str | None) -> Opened | None:
    """What a start payload opens; None for no payload or one this bot never made."""
    if not payload or not _PAYLOAD.fullmatch(payload):
        return None
    if payload == "help":
        return Opened("help")
    head, rest = payload[0], payload[1:]
    if head == "q" and rest:
        try:
            text = base64.urlsafe_b64decode(rest + "=" * (-len(rest) % 4)).decode("utf-8")
        except (binascii.Error, ValueError):
            return None
        text = normalize(text).strip()
        return Opened("question", text) if re.search(r"[^\W_]", text) else None
    if head in "lx" and re.fullmatch(r"-?\d{1,18}", rest):
        return Opened("logged" if head == "l" else "commune", int(rest))
    return None


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start, with a deep-link payload: answer the question or show the card the inline card pointed to."""
    payload = context.args[0] if context.args else None
    opened = parse(payload)
    if opened is None or opened.kind == "help":
        if payload and opened is None:
            await reply(update, T.LINK_UNREADABLE)
        await commands.start(update, context)
        return
    if opened.kind == "commune":
        shown = await asyncio.to_thread(card, commands.context_of(update, context), opened.value)
        await reply(update, shown.html if shown is not None else T.LINK_STALE)
        return
    question = opened.value
    if opened.kind == "logged":
        question, _ = await services_of(context).query_of(opened.value)
        if question is None:
            await reply(update, T.LINK_STALE)
            return
    await answer_question(update, context, question)
