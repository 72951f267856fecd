"""A bot under test: the real Application and handlers, pointed at a FakeBotApi.

`bot_settings(api, data_dir)` gives Settings whose base URLs point at the
fake server (for in-process Applications or a `python -m bot` subprocess's
environment via `bot_env`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

from bot.application import build_application
from bot.config import load_config
from bot.throttle import Throttle
from knowledge.application.runtime import Services
from knowledge.settings import Settings
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.polling import polling


def bot_env(api: FakeBotApi, data_dir: Path, **extra: str) -> dict[str, str]:
    return {"TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_BASE_FILE_URL": api.base_file_url, "NTM_DATA_DIR": str(data_dir), **extra}


def bot_settings(api: FakeBotApi, data_dir: Path, base: Settings | None = None, **extra) -> Settings:
    values = {"embedding_model": base.index.embedding_model} if base is not None else {}
    env = bot_env(api, data_dir, **extra)
    return Settings(_env_file=None, **env, **({"NTM_EMBEDDING_MODEL": values["embedding_model"]}
                                              if values.get("embedding_model") else {}))


@contextlib.asynccontextmanager
async def running_bot(api: FakeBotApi, settings: Settings, search, *, throttle: Throttle | None = None,
                      database: bool = True) -> AsyncIterator:
    """Services around `search`, the real Application, polling the fake server."""
    config = load_config(settings)
    services = Services.with_search(settings, search, database=database)
    app = build_application(config, services, throttle=throttle)
    async with polling(app, api):
        yield app


def subprocess_env(api: FakeBotApi, data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "NTM_"))}
    env.update(bot_env(api, data_dir, **extra))
    return env
