"""/reindex, /xoa (with a confirmation), /khoiphuc, and the live progress message they share.

Progress: one message, edited every `PROGRESS_EVERY` seconds while the
build runs in the admin index thread, then edited once more with the result;
the event loop only waits, so questions are answered meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import os

from rapidfuzz import fuzz, process
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import admin_texts as T
from bot.admin_access import PendingRemoval, actor_of, admin_command, admin_of, is_admin
from bot.handlers import NO_PREVIEW, reply
from indexer.build import IndexBusy
from knowledge.application.admin.indexing import IndexRunner, RunnerBusy

log = logging.getLogger(__name__)
PROGRESS_EVERY = 3.0  # seconds between progress edits (Telegram allows about one edit a second)


async def edit(message: Message, html_text: str, reply_markup=None) -> None:
    """Edit a status message; "not modified" and a vanished message are not errors here."""
    try:
        await message.edit_text(html_text, parse_mode="HTML", reply_markup=reply_markup,
                                link_preview_options=NO_PREVIEW)
    except BadRequest as exc:
        log.debug("Không sửa được tin trạng thái: %s", exc)


async def track(message: Message, task: asyncio.Future, title: str, runner: IndexRunner,
                every: float | None = None):
    """Await `task`, editing `message` with the runner's progress every few seconds; returns its result."""
    every = PROGRESS_EVERY if every is None else every
    shown = None
    while True:
        done, _ = await asyncio.wait({task}, timeout=every)
        if done:
            return task.result()
        text = T.progress_text(title, runner.state, queued=runner.state is None)
        if text != shown:
            shown = text
            await edit(message, text)


async def failed(message: Message, exc: BaseException) -> None:
    log.error("Thao tác quản trị thất bại", exc_info=exc)
    await edit(message, T.FAILED.format(error=T.h(exc)))


# ------------------------------------------------------------------ /reindex


@admin_command("lập lại chỉ mục")
async def reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    admin = admin_of(context)
    full = any(a.lower() in ("full", "day-du", "daydu", "toan-bo", "all") for a in context.args or [])
    runner = admin.service.runner
    if runner.busy:
        await reply(update, T.REINDEX_BUSY.format(state=T.busy_state(runner.state)))
        return
    title = "🔄 Đang lập lại toàn bộ chỉ mục" if full else "🔄 Đang cập nhật chỉ mục"
    status = await reply(update, f"{title}\nĐang bắt đầu…")
    task = asyncio.ensure_future(admin.service.reindex(actor_of(update), full=full))
    try:
        report = await track(status, task, title, runner)
    except RunnerBusy as exc:
        await edit(status, T.REINDEX_BUSY.format(state=T.busy_state(exc.state)))
        return
    except IndexBusy:
        await edit(status, T.OTHER_PROCESS)
        return
    except Exception as exc:  # noqa: BLE001 - the previous index keeps serving
        await failed(status, exc)
        return
    await edit(status, T.reindex_report(report, full))


# ------------------------------------------------------------------ /xoa and /khoiphuc


@admin_command("gỡ tài liệu")
async def xoa(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    admin = admin_of(context)
    doc_id = " ".join(context.args or []).strip()
    if not doc_id:
        await reply(update, T.XOA_USAGE)
        return
    indexed = await asyncio.to_thread(admin.service.indexed)
    record = indexed.get(doc_id)
    if record is None:
        close = [c for c, _, _ in process.extract(doc_id, list(indexed), scorer=fuzz.ratio, limit=3, score_cutoff=60)]
        hint = (" Có phải: " + ", ".join(f"<code>{T.h(c)}</code>" for c in close) + "?") if close else ""
        await reply(update, T.NO_SUCH_DOCUMENT.format(doc_id=T.h(doc_id), hint=hint))
        return
    token = os.urandom(4).hex()
    admin.pending[token] = PendingRemoval(doc_id, update.effective_user.id)
    buttons = InlineKeyboardMarkup([[InlineKeyboardButton("🗑 Gỡ tài liệu", callback_data=f"adm:rm:{token}"),
                                     InlineKeyboardButton("Hủy", callback_data=f"adm:no:{token}")]])
    await reply(update, T.CONFIRM_REMOVE.format(title=T.h(record.title), doc_id=T.h(doc_id),
                                                passages=record.passages), reply_markup=buttons)


@admin_command("khôi phục tài liệu")
async def khoiphuc(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    admin = admin_of(context)
    doc_id = " ".join(context.args or []).strip()
    if not doc_id:
        await reply(update, T.KHOIPHUC_USAGE)
        return
    if doc_id not in admin.service.removed():
        await reply(update, T.NOT_REMOVED.format(doc_id=T.h(doc_id)))
        return
    status = await reply(update, f"⏳ Đang khôi phục <code>{T.h(doc_id)}</code>…")
    task = asyncio.ensure_future(admin.service.restore_document(doc_id, actor_of(update)))
    try:
        outcome = await track(status, task, f"⏳ Đang khôi phục <code>{T.h(doc_id)}</code>", admin.service.runner)
    except Exception as exc:  # noqa: BLE001 - say so in the status message rather than leave it hanging
        await failed(status, exc)
        return
    await edit(status, T.removal_outcome(outcome))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`adm:rm:<token>` / `adm:no:<token>` under a /xoa confirmation."""
    query = update.callback_query
    if not await is_admin(context, query.from_user.id):
        await query.answer(T.NOT_ALLOWED.format(what="gỡ tài liệu", user_id=query.from_user.id)
                           .replace("<code>", "").replace("</code>", ""), show_alert=True)
        return
    admin = admin_of(context)
    _, action, token = (query.data.split(":") + ["", ""])[:3]
    entry = admin.pending.pop(token, None)
    if entry is None:  # expired, or pressed already
        await query.answer(T.EXPIRED_ALERT, show_alert=True)
        if query.message is not None:
            await edit(query.message, T.EXPIRED)
        return
    await query.answer()
    if action != "rm":
        await edit(query.message, T.CANCELLED)
        return
    doc_id = entry.doc_id
    title = f"⏳ Đang gỡ <code>{T.h(doc_id)}</code>"
    await edit(query.message, f"{title}\nĐang bắt đầu…")
    task = asyncio.ensure_future(admin.service.remove_document(doc_id, actor_of(update)))
    try:
        outcome = await track(query.message, task, title, admin.service.runner)
    except Exception as exc:  # noqa: BLE001
        await failed(query.message, exc)
        return
    await edit(query.message, T.removal_outcome(outcome))

