"""Inline mode: what `@bot <query>` typed in any chat offers, decided here for every interface.

Why in the application layer: the bot only turns these cards into Telegram
results. A query that is exactly a commune's name (typed with or without
diacritics, old or new name) gets that unit's status card, or one card per
namesake (a province's name is not taken for one); any other query is a question for the answer engine, without the
follow-up memory of a chat (inline queries arrive keystroke by keystroke and
must not be read as follow-ups of each other). Empty and very short queries
get a help card. The slow parts (registry match, search) run in the answer
pool, never on the event loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from knowledge.application.answer.engine import clean_question
from knowledge.application.answer.model import Answer
from knowledge.application.commands.context import CommandContext
from knowledge.application.render.communes import MAX_CANDIDATES, render_card_html
from knowledge.application.render.inline import InlineCard, answer_cards, commune_card, help_card
from knowledge.places.matching import lookup as province_named

MIN_QUERY = 3  # characters: fewer is still being typed
MAX_NAME_WORDS = 6  # longer queries are questions, not commune names


@dataclass(frozen=True)
class InlineReply:
    cards: list[InlineCard]
    answer: Answer | None = None  # the engine's answer when the query was a question
    kind: str = "answer"  # "help", "commune" or "answer"


def is_short(query: str) -> bool:
    text = clean_question(query)
    return len(text) < MIN_QUERY or not re.search(r"[^\W_]", text)


def commune_cards(services: Any, query: str) -> list[InlineCard] | None:
    """Cards for a query that is exactly a unit's name; None otherwise (then it is a question)."""
    if len(query.split()) > MAX_NAME_WORDS or province_named(query) is not None:
        return None  # a question, or a province ("Hải Dương" is also a ward's name): the engine answers
    try:
        registry = CommandContext(services).communes()
    except Exception:  # noqa: BLE001 - no registry: the engine still answers the question
        return None
    result = registry.find(query)
    if not result.exact:
        return None
    if result.found:
        return [commune_card(result.card.commune.id, render_card_html(result.card))]
    if result.ambiguous:
        cards = (registry.card(ref.id) for ref in result.candidates[:MAX_CANDIDATES])
        return [commune_card(c.commune.id, render_card_html(c)) for c in cards if c is not None] or None
    return None


async def answer_inline(services: Any, query: str, bot_username: str = "") -> InlineReply:
    """The cards for one inline query (`services`: knowledge.application.runtime.Services)."""
    if is_short(query):
        return InlineReply([help_card(bot_username)], kind="help")
    text = clean_question(query)
    cards = await services.run(commune_cards, services, text)
    if cards:
        return InlineReply(cards, kind="commune")
    answer = await services.ask(text, None)
    return InlineReply(answer_cards(answer), answer)
