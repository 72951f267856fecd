"""The python-telegram-bot Application: request settings, limits, handlers, command menu.

Handler order matters (all in group 0, first match wins): commands, then
the feature modules' handlers (`bot.communes`, `bot.targets`, later
`bot.admin`: each `register(app) -> list[BotCommand]`, and optionally
`async on_start(app)` / `on_stop(app)` run once polling is about to start and
after it stopped), then questions, then the fallbacks for everything else.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import admin, callbacks, communes, deeplink, handlers, inline, targets
from bot import texts as T
from bot.commands import help_command, sources
from bot.config import BotConfig
from bot.outgoing import OutgoingLimiter
from bot.question_queue import QuestionQueue
from bot.throttle import Throttle

log = logging.getLogger(__name__)
# Feature modules with their own commands: each has `register(app) -> list[BotCommand]`
# (issue 5 adds `bot.admin` here, before the question and fallback handlers).
EXTENSIONS = (communes, targets, admin, inline)
CONCURRENT_UPDATES = 64


def build_application(config: BotConfig, services, *, concurrency: int = CONCURRENT_UPDATES,
                      throttle: Throttle | None = None) -> Application:
    builder = (
        ApplicationBuilder()
        .token(config.token)
        .rate_limiter(OutgoingLimiter())
        .concurrent_updates(concurrency)
        .connect_timeout(10)
        .read_timeout(20)
        .write_timeout(20)
        .pool_timeout(10)
        .connection_pool_size(max(64, concurrency * 2))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    telegram = config.settings.telegram
    if telegram.api_base_url:
        builder = builder.base_url(telegram.api_base_url)
    if telegram.api_base_file_url:
        builder = builder.base_file_url(telegram.api_base_file_url)
    app = builder.build()
    app.bot_data["services"] = services
    app.bot_data["config"] = config
    app.bot_data["questions"] = QuestionQueue(throttle or Throttle(), concurrency=concurrency,
                                              spawn=app.create_task, hurry=lambda: not app.running)
    app.bot_data["commands"] = register_handlers(app)
    return app


def register_handlers(app: Application) -> list[BotCommand]:
    """Add every handler in order; returns the command menu."""
    app.add_handler(CommandHandler("start", deeplink.start))  # with a payload: an inline card's link
    app.add_handler(CommandHandler("help", help_command))
    app.add_handler(CommandHandler("nguon", sources))
    app.add_handler(CommandHandler("hoi", handlers.hoi))
    app.add_handler(CallbackQueryHandler(callbacks.on_button, pattern=r"^[mpf]:"))
    commands = list(T.COMMANDS)
    for module in EXTENSIONS:
        extra = module.register(app) or []
        commands[1:1] = [c for c in extra if c.command not in {x.command for x in commands}]
    new = filters.UpdateType.MESSAGE  # edited messages are not asked again
    text = new & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, handlers.private_text))
    app.add_handler(MessageHandler(text & filters.ChatType.GROUPS, handlers.group_text))
    app.add_handler(MessageHandler(new & filters.COMMAND, handlers.unknown_command))
    app.add_handler(MessageHandler(new & filters.ChatType.PRIVATE & ~filters.StatusUpdate.ALL, handlers.not_text))
    app.add_error_handler(handlers.on_error)
    return commands


async def _post_init(app: Application) -> None:
    services = app.bot_data.get("services")
    if services is not None and getattr(services, "warm_on_start", False):
        # commune names load in the background: polling starts now, not a few seconds later
        app.bot_data["warm_up"] = asyncio.get_running_loop().run_in_executor(None, services.warm_up)
    try:
        await app.bot.set_my_commands(app.bot_data["commands"])
    except Exception:  # noqa: BLE001 - the menu is a convenience; answering matters more
        log.warning("Không đặt được danh sách lệnh (setMyCommands)", exc_info=True)
    for module in EXTENSIONS:
        if hasattr(module, "on_start"):
            await module.on_start(app)


async def _post_shutdown(app: Application) -> None:
    for module in EXTENSIONS:
        if hasattr(module, "on_stop"):
            await module.on_stop(app)
    services = app.bot_data.get("services")
    if services is not None and hasattr(services, "close"):
        services.close()


ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
