"""`python -m bot` / `ntm bot`: check settings, load the model and the last published index, then poll.

Serving comes first: the index is brought up to date in the background once
polling starts (bot.admin_jobs.on_start), questions are answered from the
published index meanwhile, and with none published yet the bot says data is
being prepared (knowledge.application.runtime.preparing).

Exit codes: 0 after a normal stop; a problem a person can fix (`UserError`:
missing or malformed settings, a missing embedding model) is one
line on stderr, no traceback, and that error's code (2 for these); 2 for a
token Telegram rejects; 1 when Telegram cannot be reached.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from bot.config import load_config
from knowledge.errors import UserError
from knowledge.settings import Settings

log = logging.getLogger("bot")


class _OneLineNetworkErrors(logging.Filter):
    """PTB logs each failed connection attempt with a traceback; for an unreachable or
    refusing Telegram that is noise around the one message that matters."""

    def filter(self, record: logging.LogRecord) -> bool:
        from telegram.error import InvalidToken, NetworkError

        if record.exc_info and isinstance(record.exc_info[1], (NetworkError, InvalidToken)):
            record.msg = f"{record.getMessage()} {record.exc_info[1]}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


def setup_logging() -> None:
    from knowledge.application.runtime.logs import setup_logging as setup_runtime_logging

    setup_runtime_logging()
    logging.getLogger("telegram.ext").addFilter(_OneLineNetworkErrors())  # PTB's retry loop logs there


def main(settings: Settings | None = None) -> int:
    """Run the bot on `settings` (`ntm bot` passes its own; `python -m bot` loads them here)."""
    try:
        config = load_config(settings or Settings())
        setup_logging()
        from bot.application import ALLOWED_UPDATES, build_application
        from knowledge.application.runtime import Services

        services = Services.load(config.settings, serve_first=True)
    except UserError as exc:
        print(f"ntm bot: {exc}", file=sys.stderr)
        return exc.exit_code
    from telegram.error import InvalidToken, NetworkError

    app = build_application(config, services)
    try:
        if config.webhook:
            from bot.webhook import serve_webhook

            asyncio.run(serve_webhook(app, config))
        else:
            log.info("Bắt đầu nhận tin (long polling)")
            app.run_polling(allowed_updates=ALLOWED_UPDATES, poll_interval=0.0, timeout=30, bootstrap_retries=5)
    except InvalidToken:
        print("ntm bot: Telegram từ chối TELEGRAM_BOT_TOKEN: kiểm tra lại token với @BotFather.", file=sys.stderr)
        return 2
    except NetworkError as exc:  # at start: Telegram never answered (bootstrap retries included)
        print(f"ntm bot: không kết nối được Telegram Bot API ({exc}): kiểm tra mạng, proxy "
              "hoặc TELEGRAM_API_BASE_URL.", file=sys.stderr)
        return 1
    return 0
