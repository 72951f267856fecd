"""Who may do what in the bot: admin-only commands, and the closed-mode gate in front of every handler.

The admin state of one Application (`AdminContext`: access lists, the admin
service with its index runner, the upload jobs, pending confirmations) lives in
`bot_data["admin"]`. Role checks read an in-memory cache; refreshing it
touches the database, so that happens in a worker thread.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from dataclasses import dataclass, field

from cachetools import TTLCache
from telegram import MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes

from bot import admin_texts as T
from bot.handlers import reply
from knowledge.application.admin.access import Access
from knowledge.application.admin.audit import Actor
from knowledge.application.admin.inbox import Inbox
from knowledge.application.admin.jobs import UploadJobs
from knowledge.application.admin.service import AdminService
from knowledge.settings import AdminSettings

log = logging.getLogger(__name__)
REFUSAL_EVERY = 30.0  # seconds between two closed-mode refusals to the same person
CONFIRM_TTL = 600.0  # seconds a /xoa confirmation stays valid


@dataclass(frozen=True)
class PendingRemoval:
    """A /xoa waiting for its confirmation button."""

    doc_id: str
    admin_id: int


@dataclass
class AdminContext:
    settings: AdminSettings
    access: Access
    service: AdminService
    pending: TTLCache[str, PendingRemoval] = field(  # by button token, until it expires
        default_factory=lambda: TTLCache(maxsize=1000, ttl=CONFIRM_TTL))
    refused_at: TTLCache[int, bool] = field(  # people refused in the last REFUSAL_EVERY seconds
        default_factory=lambda: TTLCache(maxsize=10_000, ttl=REFUSAL_EVERY))
    menus_set: set[int] = field(default_factory=set)
    jobs: UploadJobs | None = None  # the upload inbox and its jobs
    tasks: set[asyncio.Task] = field(default_factory=set)  # background work started with the bot

    @classmethod
    def create(cls, application: Application) -> AdminContext:
        services = application.bot_data["services"]
        app_settings = getattr(services, "settings", None) or application.bot_data["config"].settings
        env_admins = app_settings.telegram.admin_ids
        db_engine = getattr(services, "db_engine", None)
        reload = getattr(services, "reload_index_if_changed", None)
        service = AdminService(app_settings, db_engine, getattr(services, "search", None),
                               after_publish=(lambda: reload(force=True)) if reload else None)
        try:
            access = Access(db_engine, env_admins)
        except Exception:  # noqa: BLE001 - without the table, the environment's admins still work
            log.exception("Không mở được bảng quyền; chỉ dùng TELEGRAM_ADMIN_IDS")
            access = Access(None, env_admins)
        jobs = UploadJobs(service, Inbox.for_settings(app_settings), timeout=app_settings.admin.upload_timeout)
        return cls(app_settings.admin, access, service, jobs=jobs)


def admin_of(context: ContextTypes.DEFAULT_TYPE) -> AdminContext:
    return context.application.bot_data["admin"]


def actor_of(update: Update) -> Actor:
    user = update.effective_user
    return Actor.telegram(user.id, user.first_name, user.username)


async def role_of(context: ContextTypes.DEFAULT_TYPE, user_id: int | None) -> str | None:
    access = admin_of(context).access
    if access.stale:
        try:
            await asyncio.to_thread(access.refresh_if_stale)
        except Exception:  # noqa: BLE001 - keep the last known roles rather than lock everyone out
            log.exception("Không đọc được danh sách quyền")
    return access.role(user_id)


async def is_admin(context: ContextTypes.DEFAULT_TYPE, user_id: int | None) -> bool:
    return await role_of(context, user_id) == "admin"


def private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


def admin_command(what: str):
    """Decorator: non-admins get `Bạn không có quyền {what}` and nothing runs; admins only in private chats."""
    def wrap(handler):
        @functools.wraps(handler)
        async def checked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            user = update.effective_user
            if user is None or not await is_admin(context, user.id):
                await reply(update, T.NOT_ALLOWED.format(what=what, user_id=user.id if user else "?"))
                return
            if not private(update):
                await reply(update, T.PRIVATE_ONLY)
                return
            await handler(update, context)
        return checked
    return wrap


async def closed_mode_gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Group -10 in closed mode: stop every update from people who are neither admins nor officials."""
    user = update.effective_user
    if user is None or await role_of(context, user.id) is not None:
        return
    admin = admin_of(context)
    if update.callback_query is not None:
        await update.callback_query.answer(T.CLOSED_ALERT.format(user_id=user.id), show_alert=True)
    elif update.effective_message is not None and user.id not in admin.refused_at and _addressed(update, context):
        admin.refused_at[user.id] = True
        await reply(update, T.CLOSED.format(user_id=user.id))
    raise ApplicationHandlerStop


def _addressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Private messages, and in groups commands, mentions of the bot or replies to it (not chatter)."""
    if private(update):
        return True
    message = update.effective_message
    if (message.text or "").startswith("/"):
        return True
    username = f"@{(context.bot.username or '').lower()}"
    if any(e.type == MessageEntity.MENTION and message.parse_entity(e).lower() == username
           for e in message.entities):
        return True
    replied = message.reply_to_message
    return replied is not None and replied.from_user is not None and replied.from_user.id == context.bot.id
