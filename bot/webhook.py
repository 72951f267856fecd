"""Webhook mode for deployments behind HTTPS: Telegram POSTs updates to us instead of being polled.

Why our own small aiohttp server and not `Application.run_webhook`: that
needs tornado (an extra dependency); aiohttp is already here. Requests
without the right `X-Telegram-Bot-Api-Secret-Token` are refused.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from urllib.parse import urlparse

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.application import ALLOWED_UPDATES
from bot.config import BotConfig

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_app(app: Application, secret: str, path: str) -> web.Application:
    async def receive(request: web.Request) -> web.Response:
        if request.headers.get(SECRET_HEADER) != secret:
            return web.Response(status=403)
        try:
            data = await request.json()
        except ValueError:
            return web.Response(status=400)
        await app.update_queue.put(Update.de_json(data, app.bot))
        return web.Response()

    server = web.Application()
    server.router.add_post(path, receive)
    return server


async def serve_webhook(app: Application, config: BotConfig, stop: asyncio.Event | None = None) -> None:
    """Start the application, register the webhook, serve until `stop` (or SIGINT/SIGTERM)."""
    hook = config.settings.webhook
    url = hook.url
    path = urlparse(url).path or "/"
    stop = stop or _stop_on_signals()
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    runner = web.AppRunner(webhook_app(app, hook.secret, path), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, hook.listen, hook.port)
    await site.start()
    try:
        await app.bot.set_webhook(url, secret_token=hook.secret, allowed_updates=ALLOWED_UPDATES)
        log.info("Nhận tin qua webhook %s (cổng %d)", url, hook.port)
        await stop.wait()
    finally:
        await runner.cleanup()
        await app.stop()
        if app.post_stop:
            await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    return stop
