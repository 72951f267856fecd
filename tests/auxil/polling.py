"""Run a python-telegram-bot Application in the test's event loop, polling a FakeBotApi.

Why: `Application.run_polling` owns the loop and signals; tests need the
application started and stopped around a block, like PTB's own tests do.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from telegram.ext import Application, ApplicationBuilder

from tests.auxil.fake_bot_api import FakeBotApi


def builder_for(api: FakeBotApi) -> ApplicationBuilder:
    """An ApplicationBuilder already pointed at the fake server."""
    return ApplicationBuilder().token(api.token).base_url(api.base_url).base_file_url(api.base_file_url)


@contextlib.asynccontextmanager
async def polling(app: Application, api: FakeBotApi, timeout: int = 5) -> AsyncIterator[Application]:
    """Initialise, start and poll; on exit stop polling and shut down cleanly."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=timeout)
    await api.wait_for_polling()
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        if app.post_stop:
            await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
