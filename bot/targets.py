"""Telegram commands /chitieu (targets by province and year) and /tieuchi (national criteria sets).

The handlers only translate: tables and replies come from knowledge.domain.targets
and knowledge.domain.criteria. Targets are read from the services (reloaded when a
new index is published) or, without them, from the current index's
targets.jsonl; the search for documents discussing a criterion runs off the
event loop.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from html import escape
from pathlib import Path

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ChatType
from telegram.ext import Application, CommandHandler, ContextTypes

from knowledge.application.render.criteria import criterion_search_query, tieuchi_reply
from knowledge.application.render.targets import targets_reply
from knowledge.application.runtime.targets import published_targets
from knowledge.domain.criteria import find_criterion
from knowledge.domain.criteria.lookup import UnknownPeriod
from knowledge.domain.targets import provinces_with_targets
from knowledge.domain.targets.query import parse_place_year

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
DOCUMENTS_PER_CRITERION = 3

CHITIEU_HELP = (
    "<b>/chitieu [tỉnh] [năm]</b>: bảng chỉ tiêu NTM trích từ tài liệu, mỗi dòng kèm nguồn.\n"
    "Ví dụ: /chitieu Hải Dương 2025 · /chitieu tphcm · /chitieu 2024"
)
COMMANDS = [
    BotCommand("chitieu", "Chỉ tiêu NTM theo tỉnh, năm"),
    BotCommand("tieuchi", "Bộ tiêu chí xã NTM, một tiêu chí"),
]


def register(application: Application) -> list[BotCommand]:
    """Adds /chitieu and /tieuchi; returns their entries for the command menu."""
    application.add_handler(CommandHandler("chitieu", chitieu))
    application.add_handler(CommandHandler("tieuchi", tieuchi))
    return list(COMMANDS)


async def _reply(update: Update, html_text: str) -> None:
    private = update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE
    await update.effective_message.reply_html(html_text, do_quote=not private, link_preview_options=NO_PREVIEW)


# ------------------------------------------------------------------ /chitieu


async def chitieu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = " ".join(context.args or []).strip()
    targets = await _current_targets(context)
    if not text:
        known = ", ".join(p for p, _ in provinces_with_targets(targets)) or "chưa có (hãy lập chỉ mục tài liệu)"
        await _reply(update, f"{CHITIEU_HELP}\nĐã có chỉ tiêu của: {escape(known, quote=False)}.")
        return
    try:
        province, year = parse_place_year(text)
    except ValueError as exc:
        await _reply(update, f"{escape(str(exc), quote=False)}.\n{CHITIEU_HELP}")
        return
    await _reply(update, targets_reply(targets, province, year, html_mode=True))


async def _current_targets(context: ContextTypes.DEFAULT_TYPE) -> list:
    services = context.application.bot_data.get("services")
    provider = getattr(services, "targets", None)
    if callable(provider):
        try:
            found = provider()
            if inspect.isawaitable(found):
                found = await found
            if found:
                return list(found)
        except Exception:  # noqa: BLE001 - fall back to the file below
            log.exception("services.targets() failed")
    return await asyncio.to_thread(published_targets, _index_dir(services))


def _index_dir(services) -> Path:
    return Path(services.settings.index_dir)


# ------------------------------------------------------------------ /tieuchi


async def tieuchi(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = " ".join(context.args or []).strip()
    hits: list = []
    try:
        match = find_criterion(query) if query else None
    except UnknownPeriod:
        match = None  # tieuchi_reply explains which periods exist
    if match is not None:
        hits = await _search(context, criterion_search_query(match), DOCUMENTS_PER_CRITERION)
    await _reply(update, tieuchi_reply(query, lambda _q, _k: hits, html_mode=True))


async def _search(context: ContextTypes.DEFAULT_TYPE, query: str, k: int) -> list:
    """Documents for a criterion; an unavailable search means none, not a failed reply."""
    services = context.application.bot_data.get("services")
    engine = getattr(services, "search", None)
    fn = getattr(engine, "search", engine)
    if not callable(fn):
        return []
    try:
        if inspect.iscoroutinefunction(fn):
            return list(await fn(query, k))
        run = getattr(services, "run", None)
        result = await run(fn, query, k) if callable(run) else await asyncio.to_thread(fn, query, k)
        return list(result)
    except Exception:  # noqa: BLE001
        log.exception("search for criterion documents failed: %s", query)
        return []
