"""Upload jobs from Telegram: receive, run to an outcome, resume after a restart, /hangdoi and /huy.

A document or commune list an admin sends is written to the inbox (knowledge.application.admin.inbox) before the
bot says "📥 Đã nhận"; from then on one status message follows its job (checking, waiting,
indexing, outcome). The job's record keeps that message's chat and id, so after a restart the
outcome still lands there (or in a new message when it can no longer be edited).

At start (`on_start`, in the background: polling does not wait for it) the unfinished jobs are
recovered, the index is brought up to date when documents changed while the bot was down (a
job of the admin index runner, so uploads queue behind it and questions are answered from the
published index meanwhile), and each unfinished job then resumes.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, ContextTypes

from bot import admin_texts as T
from bot.admin_access import actor_of, admin_command, admin_of, is_admin
from bot.admin_index import PROGRESS_EVERY, edit, track
from bot.handlers import NO_PREVIEW, reply
from indexer.build import IndexBusy
from knowledge.application.admin.documents import UploadRejected
from knowledge.application.admin.inbox import CANCELLABLE, Job
from knowledge.application.admin.jobs import CommunesRejected, UploadTimedOut

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PendingCancel:
    """A /huy waiting for its confirmation button."""

    job_id: int
    admin_id: int


# ------------------------------------------------------------------ one job


async def receive(update: Update, context: ContextTypes.DEFAULT_TYPE, data: bytes, name: str,
                  kind: str = "document") -> None:
    """Make the upload (a document, or a commune list: `kind` "communes") durable, then acknowledge
    it, then run its job."""
    admin = admin_of(context)
    try:
        job = await asyncio.to_thread(admin.jobs.receive, data, name, update.effective_message.caption,
                                      actor_of(update), update.effective_chat.id, kind)
    except OSError as exc:
        log.exception("Không lưu được tệp tải lên %s", name)
        await reply(update, T.NOT_SAVED.format(name=T.h(name), error=T.h(exc.strerror or exc)))
        return
    status = await reply(update, T.RECEIVED.format(name=T.h(name)))
    await asyncio.to_thread(admin.jobs.inbox.update, job, message_id=status.message_id)
    await run(context.application, job, status)


async def run(app: Application, job: Job, status: Message | None = None) -> None:
    """Check (unless already stored), wait for the index thread, build, report. `status`: the live
    upload's message; None for a resumed job (its recorded message, else a new one)."""
    admin = app.bot_data["admin"]
    jobs, runner = admin.jobs, admin.service.runner
    name = T.h(job.file_name)
    if status is None:
        status = await _resumed_status(app, job)
    if job.kind == "communes":
        await _run_communes(app, job, status)
        return
    try:
        checked = None
        if not (job.state == "indexing" and job.doc_ids):
            checked = await _checked(status, job, jobs)
            if checked is None:
                return  # cancelled meanwhile; /huy has said so
        title = T.INDEXING.format(name=name)
        await edit(status, T.QUEUED.format(name=name) if runner.busy else f"{title}…")
        outcome = await track(status, asyncio.ensure_future(jobs.index(job, checked)), title, runner)
    except UploadRejected as exc:
        await deliver(app, job, T.REJECTED.format(name=name, reason=T.h(exc)))
        return
    except UploadTimedOut as exc:
        await deliver(app, job, T.timed_out(job.file_name, exc.seconds, exc.withdrawn))
        return
    except Exception as exc:  # noqa: BLE001 - say so in the status message rather than leave it hanging
        log.error("Xử lý tệp tải lên #%s thất bại", job.id, exc_info=exc)
        await jobs.fail(job, str(exc))
        await deliver(app, job, T.FAILED.format(error=T.h(exc)))
        return
    if outcome is not None:
        await deliver(app, job, T.document_outcome(outcome))


async def _run_communes(app: Application, job: Job, status: Message | None) -> None:
    """A commune list's job: the dry run (every row checked, in the child process), its turn, the import."""
    from knowledge.application.render.communes import render_import_result

    jobs, runner = app.bot_data["admin"].jobs, app.bot_data["admin"].service.runner
    name = T.h(job.file_name)
    try:
        if await jobs.check_communes(job) is None:
            return  # cancelled meanwhile; /huy has said so
        if runner.busy:
            await edit(status, T.COMMUNES_QUEUED.format(name=name))
        else:
            await edit(status, T.IMPORTING.format(name=name))
        result = await jobs.import_communes(job)
    except CommunesRejected as exc:
        await deliver(app, job, T.fit(f"❌ {T.h(render_import_result(exc.result, max_errors=40))}"))
        return
    except UploadRejected as exc:
        await deliver(app, job, T.REJECTED.format(name=name, reason=T.h(exc)))
        return
    except Exception as exc:  # noqa: BLE001 - say so in the status message rather than leave it hanging
        log.error("Nạp danh sách xã #%s thất bại", job.id, exc_info=exc)
        await jobs.fail(job, str(exc))
        await deliver(app, job, T.FAILED.format(error=T.h(exc)))
        return
    if result is not None:
        icon = "✅" if result.ok else "❌"
        await deliver(app, job, T.fit(f"{icon} {T.h(render_import_result(result, max_errors=40))}"))


async def deliver(app: Application, job: Job, html_text: str) -> None:
    """The job's outcome: its status message edited, or a new message when that cannot be edited."""
    if job.chat_id is None:
        return
    if job.message_id is not None:
        try:
            await app.bot.edit_message_text(html_text, chat_id=job.chat_id, message_id=job.message_id,
                                            parse_mode="HTML", link_preview_options=NO_PREVIEW)
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            log.info("Không sửa được tin trạng thái của tệp #%s (%s): gửi tin mới", job.id, exc)
        except TelegramError:
            log.warning("Không sửa được tin trạng thái của tệp #%s", job.id, exc_info=True)
    try:
        sent = await app.bot.send_message(job.chat_id, html_text, parse_mode="HTML",
                                          link_preview_options=NO_PREVIEW)
    except TelegramError:
        log.warning("Không báo được kết quả tệp #%s cho quản trị viên", job.id, exc_info=True)
        return
    await asyncio.to_thread(app.bot_data["admin"].jobs.inbox.update, job, message_id=sent.message_id)


async def _checked(status: Message | None, job: Job, jobs):
    """`jobs.check(job)`, the status message showing OCR pages as they are recognised."""
    pages: list[tuple[int, int]] = []
    task = asyncio.ensure_future(jobs.check(job, progress=lambda done, total: pages.append((done, total))))
    shown = None
    while True:
        done, _ = await asyncio.wait({task}, timeout=PROGRESS_EVERY)
        if done:
            return task.result()
        if pages and status is not None and pages[-1] != shown:
            shown = pages[-1]
            await edit(status, T.ocr_progress(job.file_name, *shown))


async def _resumed_status(app: Application, job: Job) -> Message | None:
    """The recorded status message (told the job resumes), or a new one when there is none."""
    text = T.RESUMED.format(name=T.h(job.file_name), job_id=job.id)
    await deliver(app, job, text)
    if job.chat_id is None or job.message_id is None:
        return None
    message = Message(job.message_id, datetime.now(UTC), Chat(job.chat_id, ChatType.PRIVATE))
    message.set_bot(app.bot)
    return message


# ------------------------------------------------------------------ at start and stop


async def on_start(app: Application) -> None:
    """Recover the inbox, refresh the index, resume the jobs: in the background."""
    _spawn(app, _start(app))


async def on_stop(app: Application) -> None:
    """Background work is dropped, not awaited: builds publish atomically and jobs resume next time."""
    tasks = list(app.bot_data["admin"].tasks)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def _start(app: Application) -> None:
    admin, services = app.bot_data["admin"], app.bot_data.get("services")
    pending = await asyncio.to_thread(admin.jobs.recover)
    if getattr(services, "refresh_on_start", False):
        try:
            await admin.service.refresh_index()
        except IndexBusy:
            log.info("Một tiến trình khác đang lập chỉ mục; bot trả lời từ chỉ mục đã công bố")
        except Exception:  # noqa: BLE001 - keep serving the published index; /reindex can retry
            log.exception("Không cập nhật được chỉ mục khi khởi động; bot trả lời từ chỉ mục đã công bố")
    for job in pending:
        log.info("Tiếp tục tệp tải lên #%s (%s, %s)", job.id, job.file_name, job.state)
        _spawn(app, run(app, job))


def _spawn(app: Application, coroutine) -> None:
    tasks = app.bot_data["admin"].tasks
    task = asyncio.get_running_loop().create_task(coroutine)
    tasks.add(task)
    task.add_done_callback(tasks.discard)


# ------------------------------------------------------------------ /hangdoi and /huy


@admin_command("xem hàng đợi tệp tải lên")
async def hangdoi(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, T.queue_html(admin_of(context).jobs.inbox.jobs()))


@admin_command("hủy tệp tải lên")
async def huy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    admin = admin_of(context)
    arg = " ".join(context.args or []).strip().lstrip("#")
    if not arg.isdigit():
        await reply(update, T.HUY_USAGE)
        return
    job = admin.jobs.inbox.get(int(arg))
    if job is None:
        await reply(update, T.NO_SUCH_JOB.format(job_id=T.h(arg)))
        return
    if job.state not in CANCELLABLE:
        await reply(update, _not_cancellable(job))
        return
    token = os.urandom(4).hex()
    admin.pending[token] = PendingCancel(job.id, update.effective_user.id)
    buttons = InlineKeyboardMarkup([[InlineKeyboardButton("🚫 Hủy tệp", callback_data=f"adm:cx:{token}"),
                                     InlineKeyboardButton("Giữ lại", callback_data=f"adm:keep:{token}")]])
    await reply(update, T.CONFIRM_CANCEL.format(job_id=job.id, name=T.h(job.file_name), who=T.h(job.actor),
                                                when=T.h(T.local_datetime(job.created_at)),
                                                state=T.state_label(job)), reply_markup=buttons)


async def on_cancel_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`adm:cx:<token>` / `adm:keep:<token>` under a /huy confirmation."""
    query = update.callback_query
    if not await is_admin(context, query.from_user.id):
        await query.answer(T.NOT_ALLOWED.format(what="hủy tệp tải lên", user_id=query.from_user.id)
                           .replace("<code>", "").replace("</code>", ""), show_alert=True)
        return
    admin = admin_of(context)
    _, action, token = (query.data.split(":") + ["", ""])[:3]
    entry = admin.pending.pop(token, None)
    if not isinstance(entry, PendingCancel):  # expired, or pressed already
        await query.answer(T.CANCEL_EXPIRED_ALERT, show_alert=True)
        if query.message is not None:
            await edit(query.message, T.CANCEL_EXPIRED)
        return
    await query.answer()
    job = admin.jobs.inbox.get(entry.job_id)
    if job is None:
        await edit(query.message, T.NO_SUCH_JOB.format(job_id=entry.job_id))
        return
    if action != "cx":
        await edit(query.message, T.CANCEL_KEPT.format(job_id=job.id, name=T.h(job.file_name)))
        return
    actor = actor_of(update)
    result = await admin.jobs.cancel(job.id, actor)
    if not result.done:
        await edit(query.message, _not_cancellable(job))
        return
    text = T.JOB_CANCELLED.format(job_id=job.id, name=T.h(job.file_name), who=T.h(actor.label))
    await edit(query.message, text)
    if job.message_id != query.message.message_id:
        await deliver(context.application, job, text)  # the upload's own status message


def _not_cancellable(job: Job) -> str:
    return T.NOT_CANCELLABLE.format(job_id=job.id, name=T.h(job.file_name),
                                    state=T.state_phrase(job))
