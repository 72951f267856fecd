"""Admin operations from Telegram: uploads, /hangdoi, /huy, /reindex, /xoa, /khoiphuc, /stats, /capquyen,
/thuhoi, closed mode.

`register(app)` follows the extension contract of `bot.application` (like
`bot.communes` and `bot.targets`). It returns no public menu entries: admin
commands are listed in /help for admins only, and an admin's own command
menu gains them the first time they ask for /help. The handlers only
translate; the work is in `knowledge.application.admin`. `on_start` / `on_stop` (the same
contract's hooks) resume the upload inbox and refresh the index in the background.

Handler groups: the closed-mode gate runs first (group -10) and stops
updates from people without a role; the admin additions to /help and
/nguon run after the bot's own replies (group 10) so they extend, not replace.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import admin_texts as T
from bot.admin_access import AdminContext, actor_of, admin_command, admin_of, closed_mode_gate, is_admin, private
from bot.admin_index import khoiphuc, on_button, reindex, xoa
from bot.admin_jobs import hangdoi, huy, on_cancel_button, on_start, on_stop
from bot.admin_uploads import on_document
from bot.handlers import reply

__all__ = ["on_start", "on_stop", "register"]
log = logging.getLogger(__name__)
GATE_GROUP = -10
EXTRA_GROUP = 10


def register(application: Application) -> list[BotCommand]:
    admin = application.bot_data["admin"] = AdminContext.create(application)
    if admin.settings.closed_mode:
        application.add_handler(TypeHandler(Update, closed_mode_gate), group=GATE_GROUP)
    application.add_handler(CommandHandler("reindex", reindex))
    application.add_handler(CommandHandler("xoa", xoa))
    application.add_handler(CommandHandler("khoiphuc", khoiphuc))
    application.add_handler(CommandHandler("stats", stats))
    application.add_handler(CommandHandler("capquyen", capquyen))
    application.add_handler(CommandHandler("thuhoi", thuhoi))
    application.add_handler(CommandHandler("hangdoi", hangdoi))
    application.add_handler(CommandHandler("huy", huy))
    application.add_handler(CallbackQueryHandler(on_cancel_button, pattern=r"^adm:(cx|keep):"))
    application.add_handler(CallbackQueryHandler(on_button, pattern=r"^adm:"))
    application.add_handler(MessageHandler(
        filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.Document.ALL, on_document))
    application.add_handler(CommandHandler("help", admin_help), group=EXTRA_GROUP)
    application.add_handler(CommandHandler("nguon", admin_sources), group=EXTRA_GROUP)
    return []


# ------------------------------------------------------------------ /stats


@admin_command("xem thống kê")
async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    numbers = await asyncio.to_thread(admin_of(context).service.stats)
    await reply(update, T.stats_html(numbers))


# ------------------------------------------------------------------ officials (closed mode)


@admin_command("cấp quyền dùng bot")
async def capquyen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    admin = admin_of(context)
    user_id, name = _target(context.args)
    if user_id is None:
        await reply(update, T.USERS_USAGE.format(command="capquyen"))
        return
    if admin.access.engine is None:
        await reply(update, T.NO_DATABASE)
        return
    role = admin.access.role(user_id)
    if role is not None:
        await reply(update, T.ALREADY_GRANTED.format(user_id=user_id, role=T.ROLE_LABELS.get(role, role)))
        return
    actor = actor_of(update)
    await asyncio.to_thread(admin.access.grant, user_id, "official", name=name, added_by=actor.label)
    await asyncio.to_thread(admin.service.audit.record, actor, "official.add", str(user_id), name or "")
    note = "" if admin.settings.closed_mode else T.CLOSED_OFF_NOTE
    await reply(update, T.GRANTED.format(user_id=user_id, name=f" ({T.h(name)})" if name else "") + note)


@admin_command("thu hồi quyền dùng bot")
async def thuhoi(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    admin = admin_of(context)
    user_id, _ = _target(context.args)
    if user_id is None:
        await reply(update, T.USERS_USAGE.format(command="thuhoi"))
        return
    if admin.access.role(user_id) == "admin":
        await reply(update, T.IS_ADMIN.format(user_id=user_id))
        return
    if admin.access.engine is None or not await asyncio.to_thread(admin.access.revoke, user_id, "official"):
        await reply(update, T.NOT_LISTED.format(user_id=user_id))
        return
    await asyncio.to_thread(admin.service.audit.record, actor_of(update), "official.remove", str(user_id))
    admin.refused_at.pop(user_id, None)  # the next message gets the refusal again, with the id
    await reply(update, T.REVOKED.format(user_id=user_id))


def _target(args: list[str] | None) -> tuple[int | None, str | None]:
    args = list(args or [])
    if not args or not args[0].lstrip("-").isdigit():
        return None, None
    return int(args[0]), (" ".join(args[1:]).strip()[:120] or None)


# ------------------------------------------------------------------ additions to /help and /nguon


async def admin_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After the bot's /help: the admin part, and the admin commands in this admin's menu."""
    user = update.effective_user
    if user is None or not private(update) or not await is_admin(context, user.id):
        return
    await reply(update, T.ADMIN_HELP)
    admin = admin_of(context)
    if user.id not in admin.menus_set:
        admin.menus_set.add(user.id)
        commands = list(context.application.bot_data.get("commands") or []) + T.ADMIN_COMMANDS
        try:
            await context.bot.set_my_commands(commands, scope=BotCommandScopeChat(update.effective_chat.id))
        except Exception:  # noqa: BLE001 - the menu is a convenience
            log.warning("Không đặt được menu lệnh quản trị", exc_info=True)


async def admin_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After the bot's /nguon list (which shows the ids): how to remove, and what was removed."""
    user = update.effective_user
    if user is None or not private(update) or not await is_admin(context, user.id):
        return
    removed = await asyncio.to_thread(admin_of(context).service.removed)
    await reply(update, T.sources_extra(removed))
