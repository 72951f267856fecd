"""Webhook mode: updates POSTed to our server, the secret checked."""

from __future__ import annotations

import asyncio
import socket

import aiohttp

from bot.application import build_application
from bot.config import load_config
from bot.webhook import SECRET_HEADER, serve_webhook
from knowledge.application.runtime import Services
from tests.auxil.bot_harness import bot_settings
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.fake_search import FakeSearch

Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_webhook_mode(tmp_path):
    async with FakeBotApi() as api:
        port = _free_port()
        url = f"http://127.0.0.1:{port}/telegram-hook"
        hook = {"NTM_WEBHOOK_URL": url, "NTM_WEBHOOK_PORT": str(port),
                "NTM_WEBHOOK_SECRET": "secret-1", "NTM_WEBHOOK_LISTEN": "127.0.0.1"}
        config = load_config(bot_settings(api, tmp_path, **hook))
        services = Services.with_search(config.settings, FakeSearch.from_corpus(), database=False)
        app = build_application(config, services)
        stop = asyncio.Event()
        server = asyncio.create_task(serve_webhook(app, config, stop))
        await api.wait_for(lambda: api.webhook_url == url)
        user = api.new_user()
        chat = api.private_chat(user)
        update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": chat.to_dict(),
                                               "from": user.to_dict(), "text": Q_HD}}
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=update, headers={SECRET_HEADER: "wrong"}) as response:
                assert response.status == 403
            async with http.post(url, json=update, headers={SECRET_HEADER: "secret-1"}) as response:
                assert response.status == 200
        reply = await api.next_reply(chat)
        assert "<b>29 xã</b>" in reply.html
        stop.set()
        await asyncio.wait_for(server, 10)
