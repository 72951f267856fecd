"""Files sent to the bot in a private chat: documents into the knowledge base, csv/xlsx into the commune registry.

Order matters: the right, then the size Telegram reports (before any
download: `getFile` refuses files over 20 MB anyway), then the download;
a document or a commune list is then written to the inbox before the bot says it has it, and
its job (knowledge.application.admin.jobs) checks the content
(knowledge.application.admin.documents: parsed in a child process within
`settings.limits`) in a worker thread and stores and indexes it in the admin
index thread. The admin sees one status message that is edited from
"received" to the result.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import admin_texts as T
from bot.admin_access import admin_of, is_admin
from bot.admin_jobs import receive
from bot.handlers import reply
from knowledge.application.admin.service import upload_kind

log = logging.getLogger(__name__)


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if user is None or not await is_admin(context, user.id):
        await reply(update, T.NOT_ALLOWED_UPLOAD)
        return
    admin = admin_of(context)
    document = message.document
    name = (document.file_name or "tai-lieu").strip() or "tai-lieu"
    limit = admin.settings.max_upload_bytes
    if document.file_size and document.file_size > limit:
        await reply(update, T.TOO_BIG.format(name=T.h(name), size=document.file_size / 2**20, limit=limit / 2**20))
        return
    try:
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        await reply(update, T.DOWNLOAD_FAILED.format(name=T.h(name), error=T.h(exc)))
        return
    if len(data) > limit:
        await reply(update, T.TOO_BIG.format(name=T.h(name), size=len(data) / 2**20, limit=limit / 2**20))
        return
    await receive(update, context, data, name, kind=upload_kind(name, data))
